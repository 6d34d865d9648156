// "Concept Lenses: Go to Function…": the function index as a quick pick.
import * as vscode from 'vscode';
import type { DocumentCache } from './documentCache';

export function registerGoToFunction(cache: DocumentCache): vscode.Disposable {
  return vscode.commands.registerCommand('conceptLenses.goToFunction', async () => {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId !== 'python') {
      void vscode.window.showInformationMessage('Concept Lenses: open a Python file first.');
      return;
    }
    await cache.loading;
    const file = cache.get(editor.document);
    const items = file.functions.all.map((f) => ({
      label: f.name,
      description: `${f.kind}${f.isAsync ? ' (async)' : ''} · lines ${String(f.line)}–${String(f.endLine)}`,
      offset: f.node.startIndex,
    }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Function or class' });
    if (!picked) return;
    const position = editor.document.positionAt(picked.offset);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
  });
}
