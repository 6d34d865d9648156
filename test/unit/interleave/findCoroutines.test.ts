import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findFunctionRoles } from '../../../extension/engine/interleave/findCoroutines';
import { dedent, parse } from '../../helpers/parser';

test('coroutines: async def, decorated and delegating generators, framework generators; plain generators are not', async () => {
  const file = await parse(dedent(`
    import asyncio, types
    from tornado import gen
    from twisted.internet import defer

    async def native():
        pass

    @asyncio.coroutine
    def old_style():
        yield from native()

    def undecorated():
        yield from native()

    @types.coroutine
    def bare_yield():
        yield

    @gen.coroutine
    def tornado_style():
        yield native()

    @defer.inlineCallbacks
    def twisted_style():
        yield native()

    def numbers():
        yield 1
        yield from range(3)

    def plain():
        return 1
  `));
  const kinds = Object.fromEntries(findFunctionRoles(file).coroutines.map((c) => [c.fn.name, c.kind]));
  assert.deepEqual(kinds, {
    native: 'async-def',
    old_style: 'generator-coroutine',
    undecorated: 'generator-coroutine',
    bare_yield: 'generator-coroutine',
    tornado_style: 'framework-generator',
    twisted_style: 'framework-generator',
  });
});

test('helpers are the plain functions a coroutine reaches; the entry is what asyncio.run starts', async () => {
  const file = await parse(dedent(`
    import asyncio

    def record(x):
        log(x)

    def log(x):
        pass

    def unused():
        pass

    class Box:
        def __init__(self):
            self.n = 0

        def _bump(self):
            self.n += 1

        async def tick(self):
            self._bump()
            record(self.n)

    async def main():
        await Box().tick()

    asyncio.run(main())
  `));
  const roles = findFunctionRoles(file);
  assert.deepEqual(roles.helpers.map((f) => f.name).sort(), ['Box._bump', 'log', 'record']);
  assert.deepEqual([...roles.entries].map((f) => f.name), ['main']);
});
