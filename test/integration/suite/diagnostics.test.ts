// Generic checks of the interleaving diagnostics on the examples (some of
// which are racy on purpose) and of the quick fixes offered on them.
import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { LockFixPreview } from '../../../extension/vscode/lockQuickFix';
import { api, applyAndUndo, codeActionsAt, discard, openExample, waitFor } from '../helpers';

/** The previewed fix as an action that applies its edits directly. */
function withEdits(fix: vscode.CodeAction, preview: LockFixPreview): vscode.CodeAction {
  assert.ok(preview.functions.length > 1, `"${fix.title}" goes through the preview for ${String(preview.functions.length)} function(s)`);
  const direct = new vscode.CodeAction(fix.title, fix.kind);
  direct.edit = new vscode.WorkspaceEdit();
  direct.edit.set(preview.uri, [...preview.edits]);
  return direct;
}

/** The file's diagnostics once published on open; none within two seconds counts as none. */
async function publishedDiagnostics(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  const deadline = performance.now() + 2_000;
  while (vscode.languages.getDiagnostics(uri).length === 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return vscode.languages.getDiagnostics(uri);
}

suite('interleaving diagnostics', () => {
  let editor: vscode.TextEditor | undefined;
  teardown(async () => {
    if (editor) await discard(editor);
    editor = undefined;
  });

  test('the racy examples get diagnostics, and every quick fix on them is disabled with a reason or applies cleanly', async () => {
    await api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    let diagnosed = 0;
    for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '*.py'))) {
      editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const { document } = editor;
      const diagnostics = await publishedDiagnostics(uri);
      diagnosed += diagnostics.length > 0 ? 1 : 0;
      const count = diagnostics.length;
      for (let i = 0; i < count; i++) {
        // After a fix and its undo, work from the diagnostics published for the restored text.
        await waitFor(() => vscode.languages.getDiagnostics(uri).length === count, 'the diagnostics of the restored text', 5_000);
        const diagnostic = vscode.languages.getDiagnostics(uri)[i]!;
        assert.ok(diagnostic.message.trim(), 'a diagnostic without a message');
        assert.ok(diagnostic.range.end.line < document.lineCount);
        const fixes = await codeActionsAt(document, diagnostic.range, vscode.CodeActionKind.QuickFix);
        assert.ok(fixes.length > 0, `no quick fix on "${diagnostic.message}"`);
        for (const fix of fixes) {
          if (fix.disabled) {
            assert.ok(fix.disabled.reason.trim(), `"${fix.title}" is disabled without a reason`);
            continue;
          }
          // A fix over several functions opens the Refactor Preview, which waits for a person: apply its edits as the preview would.
          const previewed = fix.command?.command === 'conceptLenses.previewLockFix' ? (fix.command.arguments?.[0] as LockFixPreview) : undefined;
          const direct = previewed ? withEdits(fix, previewed) : fix;
          await applyAndUndo(editor, direct, () =>
            waitFor(() => vscode.languages.getDiagnostics(uri).length < count, `"${fix.title}" to clear its diagnostic`, 5_000),
          );
        }
      }
      await discard(editor);
      editor = undefined;
    }
    assert.ok(diagnosed > 0, 'no example got a diagnostic');
  });

  test('a burst of edits ends with the diagnostics of its last version', async () => {
    await api();
    editor = await openExample('bank.py');
    const { document } = editor;
    assert.equal((await publishedDiagnostics(document.uri)).length, 1, 'the lost update in withdraw');
    // Keystrokes, one after another; only the last one mends the race.
    const comment = document.lineAt(18);
    for (let i = 0; i < 8; i++) {
      assert.ok(await editor.edit((e) => {
        e.insert(comment.range.end, '!');
      }));
    }
    const write = document.lineAt(19);
    const at = write.text.indexOf('self.balance = balance - amount');
    assert.ok(at > 0);
    const mended = await editor.edit((e) => {
      e.replace(new vscode.Range(19, at, 19, write.text.length), 'self.balance -= amount');
    });
    assert.ok(mended);
    await waitFor(() => vscode.languages.getDiagnostics(document.uri).length === 0, 'the mended race to lose its diagnostic', 10_000);
  });
});
