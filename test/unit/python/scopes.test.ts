// The one scope rule on real parses: a def, a class and a lambda each open a
// scope; a comprehension's code runs in the enclosing function; `global` and
// `nonlocal` decide where a name lives; walkers report what sits in a lambda or
// comprehension as `inner` rather than hiding it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../../extension/engine/syntax/node';
import type { SourceFile } from '../../../extension/engine';
import { isLocalName, localNamesOf } from '../../../extension/engine/python/localNames';
import { functionScope, ownNodesByFunction, scopeNodes } from '../../../extension/engine/python/scopes';
import { dedent, definition, parse } from '../../helpers/parser';

async function parsed(source: string): Promise<SourceFile> {
  return parse(dedent(source));
}

const lines = (file: SourceFile, nodes: readonly Node[]): number[] => nodes.map((n) => file.lineOf(n));

test("a function's own scope: nested defs, classes and lambdas keep their yields, returns and calls; a comprehension's await is the function's", async () => {
  const file = await parsed(`
    async def outer(items):
        def helper():
            yield 1
            return 2
        class Box:
            size = len(items)
        pick = lambda: (yield)
        values = [await fetch(x) for x in items]
        return values
  `);
  const scope = functionScope(file, definition(file, 'outer').node);
  assert.deepEqual(lines(file, scope.yields), []);
  assert.deepEqual(lines(file, scope.awaits), [8]);
  assert.deepEqual(lines(file, scope.returns), [9]);
  assert.deepEqual(lines(file, scope.nestedDefs), [2]);
  assert.deepEqual(lines(file, scope.lambdas), [7]);
  // `len(items)` runs in the class body, not in `outer`'s own code.
  assert.deepEqual(scope.calls.map((c) => c.text), ['fetch(x)']);
  const helper = functionScope(file, definition(file, 'outer.helper').node);
  assert.deepEqual(lines(file, helper.yields), [3]);
  assert.deepEqual(lines(file, helper.returns), [4]);
  file.dispose();
});

test('global and nonlocal: which names a function binds itself, and where a use resolves', async () => {
  const file = await parsed(`
    counter = 0

    def bump():
        global counter
        counter += 1

    def shadow():
        counter = 10
        return counter

    def outer():
        total = 0
        def add(n):
            nonlocal total
            total += n
        return add

    def reads():
        return counter
  `);
  assert.ok(!localNamesOf(definition(file, 'bump').node).has('counter'), 'global counter is the module global');
  assert.ok(localNamesOf(definition(file, 'shadow').node).has('counter'));
  const scope = functionScope(file, definition(file, 'bump').node);
  assert.deepEqual(scope.declarations.map((d) => d.text), ['global counter']);
  assert.deepEqual(functionScope(file, definition(file, 'outer.add').node).declarations.map((d) => d.text), ['nonlocal total']);
  const useIn = (name: string, text: string): Parameters<typeof isLocalName>[0] => {
    const found = definition(file, name).node.descendantsOfType('identifier').find((id) => id?.text === text && id.parent?.type !== 'global_statement' && id.parent?.type !== 'nonlocal_statement');
    assert.ok(found);
    return found;
  };
  assert.equal(isLocalName(useIn('bump', 'counter'), 'counter'), false);
  assert.equal(isLocalName(useIn('shadow', 'counter'), 'counter'), true);
  assert.equal(isLocalName(useIn('reads', 'counter'), 'counter'), false);
  // `nonlocal total` inside add resolves to outer's local, never the module.
  assert.equal(isLocalName(useIn('outer.add', 'total'), 'total'), true);
  file.dispose();
});

test("a comprehension's loop names are its own, a nested class binds its name, and `nonlocal` names are the enclosing function's", async () => {
  const file = await parsed(`
    item = 'module'

    def squares(items):
        out = [item * item for item in items]
        return out, item

    def outer():
        class Node:
            pass
        total = 0
        def add(n):
            nonlocal total
            total += n
        return Node, add
  `);
  const squares = definition(file, 'squares').node;
  assert.ok(!localNamesOf(squares).has('item'), 'the comprehension does not leak item into squares');
  const items = squares.descendantsOfType('identifier').filter((id) => id?.text === 'item');
  const inComprehension = items.filter((id) => id?.parent?.type === 'binary_operator');
  const afterIt = items.find((id) => id?.parent?.type === 'expression_list');
  assert.equal(inComprehension.length, 2);
  for (const id of inComprehension) if (id) assert.equal(isLocalName(id, 'item'), true);
  assert.ok(afterIt);
  assert.equal(isLocalName(afterIt, 'item'), false, 'after the comprehension, item is the module global');
  assert.ok(localNamesOf(definition(file, 'outer').node).has('Node'));
  assert.ok(!localNamesOf(definition(file, 'outer.add').node).has('total'), 'nonlocal total is not add\'s own');
  file.dispose();
});

test('ownNodesByFunction and scopeNodes report a node in a lambda or comprehension with it as inner, and leave nested defs and class bodies out', async () => {
  const file = await parsed(`
    async def gather_all(urls):
        pages = [await get(u) for u in urls]
        await done()
        def nested():
            return [await x for x in ()]
        return pages

    def gen():
        callback = lambda: (yield)
        yield 1

    class Holder:
        value = [x for x in range(3)]
  `);
  const awaits = ownNodesByFunction(file.root, ['await']);
  const outer = definition(file, 'gather_all').node;
  const reported = (awaits.get(outer.id) ?? []).map((s) => [file.lineOf(s.node), s.inner?.type]);
  assert.deepEqual(reported, [
    [2, 'list_comprehension'],
    [3, undefined],
  ]);
  assert.deepEqual((awaits.get(definition(file, 'gather_all.nested').node.id) ?? []).map((s) => s.inner?.type), ['list_comprehension']);
  const yields = ownNodesByFunction(file.root, ['yield']).get(definition(file, 'gen').node.id) ?? [];
  assert.deepEqual(yields.map((s) => [file.lineOf(s.node), s.inner?.type]), [
    [9, 'lambda'],
    [10, undefined],
  ]);
  const body = outer.childForFieldName('body');
  assert.ok(body);
  assert.deepEqual(scopeNodes(body, 'await').map((s) => [file.lineOf(s.node), s.inner?.type]), [
    [2, 'list_comprehension'],
    [3, undefined],
  ]);
  // Nothing of a class body is any function's.
  const calls = ownNodesByFunction(file.root, ['call']);
  assert.ok(![...calls.values()].flat().some((s) => s.node.text === 'range(3)'));
  file.dispose();
});
