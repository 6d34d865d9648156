// "Concept Lenses: Go to Function…": the function index as a quick pick, read
// by the engine's worker thread.
import * as vscode from 'vscode';
import { failureReason, type EngineWorker } from './engineWorker';

export function registerGoToFunction(engine: EngineWorker): vscode.Disposable {
  return vscode.commands.registerCommand('conceptLenses.goToFunction', async () => {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId !== 'python') {
      void vscode.window.showInformationMessage('Concept Lenses: open a Python file first.');
      return;
    }
    const { document } = editor;
    const { version } = document;
    let outline;
    try {
      outline = await engine.ask({ kind: 'outline', uri: document.uri.toString(), version });
    } catch (error) {
      void vscode.window.showWarningMessage(`Concept Lenses: the functions could not be listed: ${failureReason(error)}`);
      return;
    }
    const items = (outline?.definitions ?? []).map((f) => ({
      label: f.name,
      description: `${f.kind}${f.isAsync ? ' (async)' : ''} · lines ${String(f.line)}–${String(f.endLine)}`,
      offset: f.start,
    }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Function or class' });
    if (!picked || document.version !== version) return;
    const position = document.positionAt(picked.offset);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
  });
}
