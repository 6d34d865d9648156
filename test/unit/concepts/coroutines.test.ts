import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelsOf } from '../../helpers/concepts';

test('native coroutines and async generators: the async keyword and the suspension points', async () => {
  const labels = await labelsOf(`
    import asyncio

    async def fetch(lock, rows):
        async with lock:
            await asyncio.sleep(0)
        async for row in rows:
            print(row)

    async def ticks(n):
        for i in range(n):
            await asyncio.sleep(0)
            yield i

    async def quiet():
        return 1
  `);
  assert.deepEqual(labels, {
    fetch: { 'native-coroutine': [3, 4, 5, 6] },
    ticks: { 'async-generator': [9, 12] },
    quiet: { 'native-coroutine': [14] },
  });
});

test('generator-based coroutines: @asyncio.coroutine, @types.coroutine, a bare imported @coroutine, or yield from asyncio', async () => {
  const labels = await labelsOf(`
    import asyncio, types
    from asyncio import coroutine

    @asyncio.coroutine
    def old(delay):
        yield from asyncio.sleep(delay)
        return delay

    @types.coroutine
    def pause():
        yield

    @coroutine
    def bare():
        result = yield from old(1)
        return result

    def undecorated():
        yield from asyncio.sleep(1)
  `);
  assert.deepEqual(labels, {
    old: { 'generator-coroutine': [4, 6] },
    pause: { 'generator-coroutine': [9] },
    bare: { 'generator-coroutine': [13, 15] },
    undecorated: { 'generator-coroutine': [19] },
  });
});

test('inline-callbacks coroutines: Twisted, Tornado and a runner defined in the module', async () => {
  const labels = await labelsOf(`
    from twisted.internet import defer
    from tornado import gen

    @defer.inlineCallbacks
    def twisted_flow(client):
        page = yield client.get("/")
        defer.returnValue(len(page))

    @gen.coroutine
    def tornado_flow(client):
        page = yield client.fetch("/")
        raise gen.Return(page)

    def drive(make):
        def start():
            gen = make()
            gen.send(None)
        return start

    @drive
    def own_flow():
        value = yield 1
        print(value)
  `);
  assert.deepEqual(labels, {
    twisted_flow: { 'inline-callbacks-coroutine': [4, 6, 7] },
    tornado_flow: { 'inline-callbacks-coroutine': [9, 11, 12] },
    drive: { 'higher-order-function': [16, 18] },
    'drive.start': { closure: [16] },
    own_flow: { 'inline-callbacks-coroutine': [20, 22] },
  });
});

test('a bare coroutine imported from tornado.gen is an inline-callbacks coroutine, not an enhanced generator', async () => {
  const labels = await labelsOf(`
    from tornado.gen import coroutine

    @coroutine
    def fetch(client):
        page = yield client.fetch("/")
        return page
  `);
  assert.deepEqual(labels, { fetch: { 'inline-callbacks-coroutine': [3, 5] } });
});

test('an undecorated generator that delegates to futures it made is a generator coroutine; one that is iterated is a generator', async () => {
  const labels = await labelsOf(`
    import asyncio

    def waits(loop):
        fut = loop.create_future()
        loop.call_soon(fut.set_result, 1)
        result = yield from fut
        return result

    def task_of(coro):
        return (yield from asyncio.ensure_future(coro))

    def numbers():
        yield from range(3)

    def chained():
        yield from numbers()

    for n in chained():
        print(n)
  `);
  assert.deepEqual(labels, {
    waits: { 'generator-coroutine': [6] },
    task_of: { 'generator-coroutine': [10] },
    numbers: { 'delegating-generator': [13] },
    chained: { 'delegating-generator': [16] },
  });
});
