// Interleaving diagnostics across the Python documents open in the editor: a
// write in one open module is an interferer of a hazard in another.
import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { api, codeActionsAt, discard, waitFor } from '../helpers';

/** An untitled Python document at `folder/name`, so open modules sit side by side. */
async function openModule(folder: string, name: string, content: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `/${folder}/${name}` });
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await editor.edit((b) => {
    b.insert(new vscode.Position(0, 0), content);
  });
  return editor;
}

suite('interleaving diagnostics across open modules', () => {
  const editors: vscode.TextEditor[] = [];
  teardown(async () => {
    for (const editor of editors.splice(0).reverse()) await discard(editor);
  });

  test('a hazard in a.py points at the write in open b.py, and the one-file quick fix is not offered', async () => {
    await api();
    const folder = `xmod-${String(Date.now())}`;
    editors.push(await openModule(folder, 'state.py', 'counter = 0\n'));
    const b = await openModule(folder, 'b.py', 'import state\n\n\nasync def bump():\n    state.counter += 1\n');
    editors.push(b);
    const a = await openModule(
      folder,
      'a.py',
      'import asyncio\nimport state\n\n\nasync def add_slowly():\n    seen = state.counter\n    await asyncio.sleep(0)\n    state.counter = seen + 1\n',
    );
    editors.push(a);
    const inB = () =>
      vscode.languages
        .getDiagnostics(a.document.uri)
        .flatMap((d) => d.relatedInformation ?? [])
        .find((r) => r.location.uri.toString() === b.document.uri.toString());
    await waitFor(() => inB() !== undefined, 'a related location in b.py', 10_000);
    const related = inB();
    assert.equal(related?.location.range.start.line, 4);
    assert.match(related.message, /bump writes state\.counter/);

    const [diagnostic] = vscode.languages.getDiagnostics(a.document.uri);
    assert.ok(diagnostic);
    // Guarding a.py alone would leave bump unguarded: the fix is disabled, and
    // the command lists only enabled actions.
    const fixes = await codeActionsAt(a.document, diagnostic.range, vscode.CodeActionKind.QuickFix);
    assert.deepEqual(fixes.map((f) => f.title), []);
  });
});
