// The plain syntax tree (syntax/node.ts) against tree-sitter's own nodes: for
// every node of real and broken texts, the same type, span, flags, field and
// id, and the same answers to the look-ups the engine makes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Node as TreeSitterNode } from 'web-tree-sitter';
import { SourceFile } from '../../extension/engine';
import type { Node } from '../../extension/engine/syntax/node';
import { random as seededRandom } from '../equivalence/generatedPrograms';
import { parse, pythonParser } from '../helpers/parser';
import { randomEdit, realModules } from '../helpers/randomEdits';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

const texts: Record<string, string> = {
  empty: '',
  'only a comment': '# nothing\n',
  'missing colon': 'def f(x)\n    return x\n',
  'unclosed call': 'print(f(1, 2\nx = [\n',
  'stray tokens': 'class C:\n    def m(self):\n        return ) + 1\n    x = 2\n',
  'crlf, tabs and a lone cr': 'def f():\r\n\tif x:\r\n\t\treturn 1\r\tpass\n',
  unicode: 'größe = "é😀"\ndef ｓｑｕａｒｅ(x): return x * x\nλ = lambda: größe\n',
  'asyncio 3.4': '@asyncio.coroutine\ndef f():\n    t = asyncio.async(g())\n    yield from t\n',
  'decorated and nested': '@a.b(1)\nclass K(Base, metaclass=M):\n    @staticmethod\n    def s(*args, k=1, **kw) -> int:\n        def inner(): yield (yield)\n        return [i async for i in x if i]\n',
};
for (const name of readdirSync(EXAMPLES).filter((f) => f.endsWith('.py'))) {
  texts[name] = readFileSync(join(EXAMPLES, name), 'utf8');
}

/** Nodes searched below, of both kinds: read by level (tree-sitter searches) and read whole (the plain tree searches). */
const SEARCHED = new Set(['block', 'function_definition', 'if_statement', 'expression_statement', 'return_statement', 'assignment', 'call', 'lambda']);

/** What names a node across the two trees: its id (a node taken over from an earlier parse has an id of its own: its type and span). */
type NodeKey = (node: Node | TreeSitterNode | null | undefined) => number | string | null;
const byId: NodeKey = (node) => node?.id ?? null;
const bySpan: NodeKey = (node) => (node ? `${node.type}@${String(node.startIndex)}-${String(node.endIndex)}` : null);

/** Every node of tree-sitter's tree beside the plain one, walked in step. */
function compareSubtree(plain: Node, raw: TreeSitterNode, where: string, key = byId): number {
  assert.equal(plain.type, raw.type, `${where}: type`);
  assert.equal(key(plain), key(raw), `${where}: id of ${raw.type}`);
  assert.equal(plain.startIndex, raw.startIndex, `${where}: start of ${raw.type}`);
  assert.equal(plain.endIndex, raw.endIndex, `${where}: end of ${raw.type}`);
  assert.equal(plain.isNamed, raw.isNamed, `${where}: named ${raw.type}`);
  assert.equal(plain.isMissing, raw.isMissing, `${where}: missing ${raw.type}`);
  assert.equal(plain.hasError, raw.hasError, `${where}: error in ${raw.type}`);
  assert.equal(plain.text, raw.text, `${where}: text of ${raw.type}`);
  const rawChildren = raw.children;
  assert.equal(plain.childCount, rawChildren.length, `${where}: children of ${raw.type}`);
  let count = 1;
  plain.children.forEach((child, i) => {
    const rawChild = rawChildren[i];
    assert.ok(child && rawChild);
    assert.equal(child.field ?? null, raw.fieldNameForChild(i), `${where}: field of child ${String(i)} of ${raw.type}`);
    assert.equal(child.parent, plain);
    count += compareSubtree(child, rawChild, where, key);
  });
  for (const field of ['name', 'body', 'parameters', 'function', 'arguments', 'left', 'right', 'value', 'condition', 'alternative']) {
    assert.equal(key(plain.childForFieldName(field)), key(raw.childForFieldName(field)), `${where}: ${field} of ${raw.type}`);
    assert.deepEqual(plain.childrenForFieldName(field).map(key), raw.childrenForFieldName(field).map(key));
  }
  // tree-sitter's sibling search, which goes by position, can pass over an empty node after an error (a recovered `block`, a missing `)`); the plain tree's list does not.
  const next = plain.nextSibling;
  if (!(raw.nextSibling === null && next?.startIndex === next?.endIndex)) assert.equal(key(next), key(raw.nextSibling), `${where}: next sibling of ${raw.type}`);
  assert.equal(key(plain.previousSibling), key(raw.previousSibling), `${where}: previous sibling of ${raw.type}`);
  if (SEARCHED.has(raw.type)) {
    assert.deepEqual(
      plain.descendantsOfType(['identifier', 'call', 'yield']).map(key),
      raw.descendantsOfType(['identifier', 'call', 'yield']).map(key),
      `${where}: descendantsOfType under ${raw.type}`,
    );
  }
  assert.equal(key(plain.firstNamedChild), key(raw.firstNamedChild));
  assert.equal(key(plain.lastNamedChild), key(raw.lastNamedChild));
  return count;
}

for (const [name, text] of Object.entries(texts)) {
  test(`the plain tree of ${name} reads as tree-sitter's`, async () => {
    const file = await parse(text);
    const raw = file.tree.parsed.rootNode;
    const nodes = compareSubtree(file.root, raw, name);
    assert.ok(nodes >= 1);

    // Every span the engine might ask about: each offset, and ranges between nearby offsets.
    const length = file.tree.text.length;
    const step = Math.max(1, Math.floor(length / 400));
    for (let start = 0; start <= length; start += step) {
      for (const end of [start, start + 1, start + 7, start + 40]) {
        if (end > length) continue;
        assert.equal(
          file.root.descendantForIndex(start, end)?.id,
          raw.descendantForIndex(start, end)?.id,
          `${name}: descendantForIndex(${String(start)}, ${String(end)})`,
        );
      }
    }

    for (const types of [['identifier'], ['call', 'await'], ['ERROR'], ['function_definition', 'lambda', 'class_definition'], ['block'], ['module', 'expression_statement']]) {
      assert.deepEqual(
        file.root.descendantsOfType(types).map((n) => n?.id),
        raw.descendantsOfType(types).map((n) => n?.id),
        `${name}: descendantsOfType(${types.join(', ')})`,
      );
    }
    file.dispose();
  });
}

const FIELDS = ['name', 'body', 'parameters', 'function', 'arguments', 'left', 'right', 'value', 'condition', 'alternative', 'consequence', 'definition'];

/** Down the fields only, each node asked for a field, its end or whether it is missing before anything else is read of it. */
function compareByFields(plain: Node, raw: TreeSitterNode, where: string): void {
  for (const field of FIELDS) {
    const plainChild = plain.childForFieldName(field);
    const rawChild = raw.childForFieldName(field);
    assert.equal(plainChild?.id ?? null, rawChild?.id ?? null, `${where}: ${field} of ${raw.type}, asked first`);
    if (!plainChild || !rawChild) continue;
    assert.equal(plainChild.endIndex, rawChild.endIndex, `${where}: end of ${rawChild.type}, asked first`);
    assert.equal(plainChild.isMissing, rawChild.isMissing, `${where}: missing ${rawChild.type}, asked first`);
    compareByFields(plainChild, rawChild, where);
  }
  for (const [i, rawChild] of raw.namedChildren.entries()) {
    const plainChild = plain.namedChildren[i];
    assert.ok(plainChild && rawChild);
    compareByFields(plainChild, rawChild, where);
  }
}

for (const [name, text] of Object.entries(texts)) {
  test(`fields, ends and missing nodes of ${name} asked first read as tree-sitter's`, async () => {
    const file = await parse(text);
    compareByFields(file.root, file.tree.parsed.rootNode, name);
    file.dispose();
  });
}

interface CursorMoves {
  readonly nodeType: string;
  readonly startIndex: number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
}

/** Every node a cursor reaches, in order, until it climbs back to where it started. */
function visited(cursor: CursorMoves): string[] {
  const seen: string[] = [];
  for (;;) {
    seen.push(`${cursor.nodeType}@${String(cursor.startIndex)}`);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return seen;
  }
}

test('a cursor over the plain tree visits what tree-sitter visits and stays inside its start', async () => {
  const file = await parse(texts['decorated and nested'] ?? '');
  const plain = file.root.descendantsOfType('class_definition')[0];
  const raw = file.tree.parsed.rootNode.descendantsOfType('class_definition')[0];
  assert.ok(plain && raw);
  const rawCursor = raw.walk();
  const expected = visited(rawCursor);
  rawCursor.delete();
  assert.ok(expected.length > 20);
  assert.deepEqual(visited(plain.walk()), expected);
  file.dispose();
});

/** Statements of `file` taken over from the parse before an edit (their ids are their own, below zero), starting after `offset`. */
function takenOver(file: SourceFile, offset = -1): number {
  return file.root.namedChildren.filter((n) => n && n.id < 0 && n.startIndex > offset).length;
}

/** Reads part of `file`, as the editor's analyses do: the definitions, a search of one, and the nodes at a few offsets. */
function readSome(file: SourceFile, random: () => number): void {
  const functions = file.functions.all;
  functions[Math.floor(random() * functions.length)]?.node.descendantsOfType('call');
  for (let i = 0; i < 3; i++) file.root.descendantForIndex(Math.floor(random() * file.text.length));
}

test('a re-parse takes over what was read of the statements an edit left alone, and reads as a fresh parse', async () => {
  const parser = await pythonParser();
  let carried = 0;
  let shifted = 0;
  for (const [seed, module] of realModules().slice(0, 6).entries()) {
    const random = seededRandom(seed + 1);
    let file = SourceFile.parse(parser, module.text);
    for (let i = 0; i < 12; i++) {
      readSome(file, random);
      const edit = randomEdit(file.text, random);
      const where = `${module.name}, edit ${String(i)}: ${JSON.stringify(edit)}`;
      // A parse of its own to read whole (the chain goes on read in part, as in the editor).
      const probe = file.withChanges([edit]);
      const raw = probe.tree.parsed.rootNode;
      carried += takenOver(probe);
      if (edit.newText.length !== edit.end - edit.start) shifted += takenOver(probe, edit.start);
      // Searches and look-ups first, through copies not yet read below.
      for (const types of [['call', 'await'], ['function_definition', 'lambda'], ['identifier']]) {
        assert.deepEqual(probe.root.descendantsOfType(types).map(bySpan), raw.descendantsOfType(types).map(bySpan), `${where}: descendantsOfType(${types.join(', ')})`);
      }
      for (let k = 0; k < 20; k++) {
        const at = Math.floor(random() * probe.text.length);
        assert.equal(bySpan(probe.root.descendantForIndex(at, at + 3)), bySpan(raw.descendantForIndex(at, at + 3)), `${where}: descendantForIndex(${String(at)})`);
      }
      compareSubtree(probe.root, raw, where, bySpan);
      probe.dispose();
      const next = file.withChanges([edit]);
      file.dispose();
      file = next;
    }
    file.dispose();
  }
  // Most edits leave most statements alone: the test is void if nothing was taken over.
  assert.ok(carried > 100, `statements taken over: ${String(carried)}`);
  assert.ok(shifted > 50, `statements taken over past an edit that moved them: ${String(shifted)}`);
});
