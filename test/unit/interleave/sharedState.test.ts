import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../../extension/engine/syntax/node';
import { SharedState } from '../../../extension/engine/interleave/sharedState';
import type { SourceFile } from '../../../extension/engine';
import { dedent, parse } from '../../helpers/parser';

/** The key of every identifier or attribute chain in `fnName` that is shared state, by its text. */
function refsIn(file: SourceFile, fnName: string): Record<string, string> {
  const shared = new SharedState(file);
  const fn = file.functions.named(fnName)[0];
  assert.ok(fn, fnName);
  const found: Record<string, string> = {};
  const visit = (node: Node): void => {
    if (node.type === 'identifier' || node.type === 'attribute') {
      const ref = shared.refOf(fn, node);
      if (ref && ref.node.id === node.id) found[ref.display] = ref.key;
      if (node.type === 'attribute') return;
    }
    for (const child of node.namedChildren) if (child && child.type !== 'function_definition') visit(child);
  };
  visit(fn.node.childForFieldName('body')!);
  return found;
}

test('module names, self and cls attributes, attributes of module objects and classes; locals and builtins are not shared', async () => {
  const file = await parse(dedent(`
    import asyncio
    CACHE = {}
    config = object()

    class Shop:
        count = 0

        async def sell(self, item):
            price = item.price
            CACHE[item] = price
            self.sold += len(CACHE)
            Shop.count = config.limit

        @classmethod
        def reset(cls):
            cls.count = 0
  `));
  assert.deepEqual(refsIn(file, 'Shop.sell'), {
    CACHE: 'g:CACHE',
    'self.sold': 'a:Shop.sold',
    'Shop.count': 'k:Shop.count',
    'config.limit': 'g:config.limit',
  });
  assert.deepEqual(refsIn(file, 'Shop.reset'), { 'cls.count': 'k:Shop.count' });
});

test('global declarations, closures shared through nonlocal or mutation, and self seen from a nested function', async () => {
  const file = await parse(dedent(`
    total = 0

    class Job:
        async def outer(self):
            global total
            results = [0]
            hidden = 1
            count = 0

            async def inner():
                nonlocal count
                count += 1
                results[0] = total
                self.done = True

            total = hidden
  `));
  assert.deepEqual(refsIn(file, 'Job.outer'), { total: 'g:total', results: 'c:Job.outer:results', count: 'c:Job.outer:count' });
  assert.deepEqual(refsIn(file, 'Job.outer.inner'), {
    count: 'c:Job.outer:count',
    results: 'c:Job.outer:results',
    total: 'g:total',
    'self.done': 'a:Job.done',
  });
});

test('a name assigned in the function is local unless declared global', async () => {
  const file = await parse(dedent(`
    counter = 0

    async def shadow():
        counter = 5
        return counter

    async def rebind():
        global counter
        counter = 5
  `));
  assert.deepEqual(refsIn(file, 'shadow'), {});
  assert.deepEqual(refsIn(file, 'rebind'), { counter: 'g:counter' });
});
