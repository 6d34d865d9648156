import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../helpers/parser';

test('incremental re-parse after edits matches a fresh parse', async () => {
  const text = 'def a():\n    return 1\n\nclass B:\n    def c(self):\n        pass\n';
  const file = await parse(text);
  const renamed = file.withChanges([
    { start: 4, end: 5, newText: 'alpha' },
    // Offsets of the second change are against the text after the first, as VS Code sends them.
    { start: text.length + 4, end: text.length + 4, newText: '\ndef d():\n    return "é😀"\n' },
  ]);
  const fresh = await parse(renamed.text);
  assert.equal(renamed.root.toString(), fresh.root.toString());
  assert.deepEqual(
    renamed.functions.all.map((f) => f.name),
    ['alpha', 'B', 'B.c', 'd'],
  );
  // The original is untouched and still usable.
  assert.deepEqual(file.functions.all.map((f) => f.name), ['a', 'B', 'B.c']);
});

test('syntax errors report 1-based line:column of the first problem', async () => {
  const file = await parse('x = 1\nif x ==:\n    pass\n');
  const [first] = file.syntaxErrors;
  assert.ok(first);
  assert.equal(first.line, 2);
  assert.ok(first.column >= 1 && first.column <= 8, `column ${String(first.column)}`);
  assert.match(first.message, /^syntax error/);
  assert.equal((await parse('x = 1\n')).syntaxErrors.length, 0);
});

test('a copy shares the parse but is disposed on its own', async () => {
  const file = await parse('async def f():\n    await g()\n');
  const copy = file.copy();
  // A child's id is its subtree's address (the root's is the tree's own): equal only when the trees share their nodes.
  assert.equal(copy.root.child(0)?.id, file.root.child(0)?.id, 'the copy re-parsed instead of sharing the tree');
  const fresh = await parse(file.text);
  assert.notEqual(fresh.root.child(0)?.id, file.root.child(0)?.id, 'ids do not tell a fresh parse from a copy');
  fresh.dispose();
  file.dispose();
  assert.deepEqual(copy.functions.all.map((f) => f.name), ['f']);
  copy.dispose();
});

test('a parse kept for a rewrite is handed over once, and only for the same text', async () => {
  const file = await parse('x = 1\n');
  const after = file.reparse('x = 2\n');
  file.keep(after);
  assert.equal(file.takeKept('x = 3\n'), undefined);
  assert.equal(file.takeKept('x = 2\n'), after);
  assert.equal(file.takeKept('x = 2\n'), undefined);
  after.dispose();
  file.dispose();
});
