// The helpers a refactor inserts (the inline-callbacks runner, the trampoline,
// the callback adapter) sit in a `# region`; folding it right after the edit
// keeps the learner's own code where it was on screen.
import * as vscode from 'vscode';
import { HELPER_REGION } from '../engine/ladder/moduleInsert';

export const FOLD_HELPERS = 'conceptLenses.foldInsertedHelpers';

async function foldInsertedHelpers(uri: vscode.Uri): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.uri.toString() !== uri.toString()) return;
  const lines: number[] = [];
  for (let line = 0; line < editor.document.lineCount; line++) {
    if (editor.document.lineAt(line).text.startsWith(HELPER_REGION)) lines.push(line);
  }
  if (lines.length > 0) await vscode.commands.executeCommand('editor.fold', { levels: 1, selectionLines: lines });
}

export function registerFoldHelpers(): vscode.Disposable {
  return vscode.commands.registerCommand(FOLD_HELPERS, (uri: vscode.Uri) => foldInsertedHelpers(uri));
}
