import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Locks } from '../../../extension/engine/interleave/locks';
import { SharedState } from '../../../extension/engine/interleave/sharedState';
import { dedent, parse } from '../../helpers/parser';

test('async with items that are locks: by assignment from a lock factory or by name; calls and other objects are not', async () => {
  const file = await parse(dedent(`
    import asyncio
    gate = asyncio.Semaphore(2)
    session = None

    class Store:
        def __init__(self):
            self.guard = asyncio.Condition()

        async def run(self, mutex):
            async with self.guard, gate, mutex, self._write_lock, self._locks[1], session, asyncio.Lock():
                pass
  `));
  const shared = new SharedState(file);
  const locks = new Locks(file, shared);
  const fn = file.functions.named('Store.run')[0]!;
  const clause = fn.node.descendantsOfType('with_clause')[0]!;
  const items = clause.namedChildren.map((item) => item!.childForFieldName('value')!);
  assert.deepEqual(
    items.map((e) => locks.lockOf(fn, e)?.key),
    ['a:Store.guard', 'g:gate', 'mutex', 'a:Store._write_lock', 'self._locks[1]', undefined, undefined],
  );
  assert.deepEqual(items.map((e) => locks.lockOf(fn, e)?.text).slice(0, 2), ['self.guard', 'gate']);
});
