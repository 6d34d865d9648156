// The shared parse, checked against the document itself: its `def`/`class`
// lines, and a fresh parse of its current text after every edit.
import * as assert from 'node:assert/strict';
import { suite, test, teardown } from 'mocha';
import * as vscode from 'vscode';
import { discard, hostParses, openExample } from '../helpers';

const DEFINITION = /^\s*(?:async\s+)?(def|class)\s+(\w+)/;

/** `kind name` for every definition line, in document order, read with a regex. */
function definitionLines(document: vscode.TextDocument): string[] {
  const found: string[] = [];
  for (let i = 0; i < document.lineCount; i++) {
    const match = DEFINITION.exec(document.lineAt(i).text);
    if (match) found.push(`${String(i + 1)}: ${match[1] === 'class' ? 'class' : 'function'} ${match[2] ?? ''}`);
  }
  return found;
}

async function indexedLines(document: vscode.TextDocument): Promise<string[]> {
  const cache = await hostParses();
  return cache.get(document).functions.all.map((f) => `${String(f.line)}: ${f.kind} ${f.name.split('.').pop() ?? ''}`);
}

/** The cached (incrementally re-parsed) tree must equal a fresh parse of the text. */
async function assertMatchesFreshParse(document: vscode.TextDocument): Promise<void> {
  const cache = await hostParses();
  const cached = cache.get(document);
  assert.equal(cached.text, document.getText());
  const fresh = cached.reparse(document.getText());
  try {
    assert.equal(cached.root.toString(), fresh.root.toString());
    assert.deepEqual(
      cached.functions.all.map((f) => [f.name, f.line, f.endLine]),
      fresh.functions.all.map((f) => [f.name, f.line, f.endLine]),
    );
  } finally {
    fresh.dispose();
  }
}

suite('document cache', () => {
  let editor: vscode.TextEditor | undefined;
  teardown(async () => {
    if (editor) await discard(editor);
    editor = undefined;
  });

  test('its function index lists every def and class of the document', async () => {
    editor = await openExample('shapes.py');
    const lines = definitionLines(editor.document);
    assert.ok(lines.length >= 3, 'the example should define several functions');
    assert.deepEqual(await indexedLines(editor.document), lines);
  });

  test('one parse per document version', async () => {
    editor = await openExample('shapes.py');
    const cache = await hostParses();
    assert.equal(cache.get(editor.document), cache.get(editor.document));
  });

  test('an edit with several changes is re-parsed to the new function names', async () => {
    editor = await openExample('shapes.py');
    const { document } = editor;
    const cache = await hostParses();
    cache.get(document); // parsed before the edit, so the edit goes through the incremental path
    const before = definitionLines(document);
    const edit = new vscode.WorkspaceEdit();
    for (const [i, line] of before.entries()) {
      const number = Number(line.split(':')[0]) - 1;
      const name = line.split(' ').pop() ?? '';
      const column = document.lineAt(number).text.indexOf(name);
      edit.replace(document.uri, new vscode.Range(number, column, number, column + name.length), `renamed_${String(i)}`);
    }
    edit.insert(document.uri, new vscode.Position(document.lineCount, 0), '\n\nasync def appended_later():\n    return 1\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after = definitionLines(document);
    assert.ok(after.some((l) => l.endsWith('function renamed_0')) && after.some((l) => l.endsWith('appended_later')));
    assert.deepEqual(await indexedLines(document), after);
    await assertMatchesFreshParse(document);
  });

  test('typing and undo keep the parse in step with the document', async () => {
    editor = await openExample('shapes.py');
    const { document } = editor;
    const original = document.getText();
    const originalNames = await indexedLines(document);
    const end = new vscode.Position(document.lineCount, 0);
    await editor.edit((b) => {
      b.insert(end, '\ndef typed_in():\n    pass\n');
    });
    assert.ok((await indexedLines(document)).some((l) => l.endsWith('function typed_in')));
    await assertMatchesFreshParse(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original);
    assert.deepEqual(await indexedLines(document), originalNames);
    await assertMatchesFreshParse(document);
  });
});
