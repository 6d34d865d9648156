// The lock quick fix in the real host: a fix inside one function applies
// directly (with a per-key lock offered first on a dict), and one over several
// functions goes through the Refactor Preview: nothing changes until the change
// is ticked and applied there, and discarding it leaves the file as it was.
import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { LockFixPreview } from '../../../extension/vscode/lockQuickFix';
import { applyAndUndo, codeActionsAt, discard, openUntitledPython, waitFor } from '../helpers';

const CACHE = ['import asyncio', '', 'cache = {}', '', '', 'async def get(key):', '    if key not in cache:', '        cache[key] = await asyncio.sleep(0, key)', '    return cache[key]', ''].join('\n');

const COUNTER = [
  'import asyncio',
  '',
  'hits = 0',
  '',
  '',
  'async def bump():',
  '    global hits',
  '    seen = hits',
  '    await asyncio.sleep(0)',
  '    hits = seen + 1',
  '',
  '',
  'async def reset():',
  '    global hits',
  '    hits = 0',
  '',
].join('\n');

async function lockFixes(editor: vscode.TextEditor): Promise<vscode.CodeAction[]> {
  const { document } = editor;
  await waitFor(() => vscode.languages.getDiagnostics(document.uri).length > 0, 'the hazard diagnostic');
  const [diagnostic] = vscode.languages.getDiagnostics(document.uri);
  assert.ok(diagnostic);
  return (await codeActionsAt(document, diagnostic.range, vscode.CodeActionKind.QuickFix)).filter((a) => a.title.startsWith('Guard with'));
}

suite('lock quick fix', () => {
  let editor: vscode.TextEditor | undefined;
  teardown(async () => {
    await vscode.commands.executeCommand('refactorPreview.discard');
    if (editor) await discard(editor);
    editor = undefined;
  });

  test('a cache miss in one function: a lock per key first, applied directly, then the module-wide lock', async () => {
    editor = await openUntitledPython(CACHE);
    const fixes = await lockFixes(editor);
    assert.deepEqual(
      fixes.map((f) => [f.title, f.isPreferred === true, f.command === undefined]),
      [
        ['Guard with a lock per key (cache_locks[key])', true, true],
        ['Guard with asyncio.Lock', false, true],
      ],
    );
    const [perKey, whole] = fixes;
    assert.ok(perKey && whole);
    assert.match(await applyAndUndo(editor, perKey), /cache_locks = collections\.defaultdict\(asyncio\.Lock\)[\s\S]*async with cache_locks\[key\]:\n {8}if key not in cache:/);
    assert.match(await applyAndUndo(editor, whole), /async with cache_lock:\n {8}if key not in cache:/);
  });

  test('a fix over two functions opens the Refactor Preview: nothing changes until its change is ticked and applied', async () => {
    editor = await openUntitledPython(COUNTER);
    const { document } = editor;
    const [fix] = await lockFixes(editor);
    assert.ok(fix, 'a lock fix is offered');
    assert.equal(fix.title, 'Guard with asyncio.Lock… (changes 2 functions)');
    assert.equal(fix.edit, undefined, 'no edit the editor would apply without a preview');
    const preview = fix.command?.arguments?.[0] as LockFixPreview | undefined;
    assert.deepEqual(preview?.functions, ['bump', 'reset']);
    const before = document.getText();
    const run = (): Thenable<boolean> => vscode.commands.executeCommand<boolean>(fix.command?.command ?? '', preview);

    // Discarded: the file stays as it was.
    const discarded = run();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(document.getText(), before, 'the fix applied without the preview');
    await vscode.commands.executeCommand('refactorPreview.discard');
    assert.equal(await discarded, false);
    assert.equal(document.getText(), before);

    // Ticked and applied: both functions are guarded.
    const applied = run();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(document.getText(), before);
    // Tick the file (its first row), as a click on its checkbox would.
    await vscode.commands.executeCommand('refactorPreview.focus');
    await vscode.commands.executeCommand('list.focusFirst');
    await vscode.commands.executeCommand('refactorPreview.toggleCheckedState');
    await vscode.commands.executeCommand('refactorPreview.apply');
    assert.equal(await applied, true);
    assert.match(document.getText(), /async def bump\(\):\n {4}global hits\n {4}async with hits_lock:\n {8}seen = hits[\s\S]*async def reset\(\):\n {4}global hits\n {4}async with hits_lock:\n {8}hits = 0/);
  });
});
