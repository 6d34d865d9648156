// Hand-written callback code in the real editor: Ctrl+. on a callback function
// offers "Convert … to a generator coroutine"; applied and saved, the file
// prints with python3 exactly what it printed before.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite, suiteSetup, suiteTeardown, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { codeActionsAt, discard, lineOf } from '../helpers';

const TO_GENERATOR = vscode.CodeActionKind.RefactorRewrite.append('conceptLenses').append('toGenerator');

/** Callback code in the shapes people write: early exits, a named inner continuation, a step loop, an errback. */
const PROGRAM = [
  'def fetch(key, on_done):',
  '    on_done(key * 2)',
  '',
  '',
  'def lookup(key, on_done):',
  '    if key < 0:',
  '        on_done(None)',
  '        return',
  '',
  '    def got(v):',
  '        on_done(v + 1)',
  '',
  '    fetch(key, got)',
  '',
  '',
  'def render_many(items, on_done):',
  '    acc = []',
  '',
  '    def step(i):',
  '        if i == len(items):',
  '            on_done(acc)',
  '            return',
  '        lookup(items[i], lambda r: (acc.append(r), step(i + 1)))',
  '',
  '    step(0)',
  '',
  '',
  'def load(key, callback, errback):',
  '    if key == 3:',
  '        errback(ValueError("bad"))',
  '    else:',
  '        callback(key)',
  '',
  '',
  'def show(key, on_result):',
  '    def ok(v):',
  '        on_result(("ok", v))',
  '',
  '    def bad(e):',
  '        on_result(("err", str(e)))',
  '',
  '    load(key, ok, bad)',
  '',
  '',
  'render_many([1, 2, -3], print)',
  'show(3, print)',
  'show(4, print)',
  '',
].join('\n');

function run(path: string): string {
  const result = spawnSync('python3', [path], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

function generatorActions(document: vscode.TextDocument, line: number): Promise<vscode.CodeAction[]> {
  return codeActionsAt(document, new vscode.Range(line, 4, line, 4), TO_GENERATOR);
}

suite('hand-written callbacks → generator coroutines', () => {
  let dir = '';
  let editor: vscode.TextEditor | undefined;
  suiteSetup(() => {
    dir = mkdtempSync(join(tmpdir(), 'concept-lenses-callbacks-'));
  });
  teardown(async () => {
    if (editor) await discard(editor);
    editor = undefined;
  });
  suiteTeardown(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const fn of ['show', 'render_many']) {
    test(`Ctrl+. on ${fn} offers "Convert ${fn} to a generator coroutine"; applied and saved, the file prints the same`, async () => {
      const path = join(dir, `${fn}.py`);
      writeFileSync(path, PROGRAM);
      const expected = run(path);
      editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(path)));
      const { document } = editor;
      const actions = await generatorActions(document, lineOf(document, `def ${fn}(`));
      const action = actions.find((a) => a.title === `Convert ${fn} to a generator coroutine`);
      assert.ok(action?.edit && !action.disabled, `offered: ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(action.edit));
      assert.match(document.getText(), new RegExp(`@inline_callbacks\\ndef ${fn}\\(`));
      assert.ok(await document.save());
      assert.equal(run(path), expected);
    });
  }

  test('the whole-file action converts every callback function; saved, the file prints the same', async () => {
    const path = join(dir, 'whole.py');
    writeFileSync(path, PROGRAM);
    const expected = run(path);
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(path)));
    const { document } = editor;
    const actions = await generatorActions(document, lineOf(document, 'def lookup('));
    const whole = actions.find((a) => a.title === 'Convert 5 functions in this file to a generator coroutine');
    assert.ok(whole?.edit, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(whole.edit));
    assert.ok(await document.save());
    assert.doesNotMatch(document.getText(), /on_done|errback/);
    assert.equal(run(path), expected);
  });
});
