import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelsOf } from '../../helpers/concepts';

test('an event loop takes the next task off a ready queue and runs it', async () => {
  const labels = await labelsOf(`
    import heapq
    from collections import deque

    def run(ready):
        while ready:
            task = ready.pop(0)
            task()

    def round_robin(tasks):
        queue = deque(tasks)
        while queue:
            gen = queue.popleft()
            try:
                next(gen)
            except StopIteration:
                continue
            queue.append(gen)

    def timers(heap):
        while heap:
            when, callback = heapq.heappop(heap)
            callback()

    def worker(jobs):
        while True:
            jobs.get()()
  `);
  assert.deepEqual(labels, {
    run: { 'event-loop': [5, 6, 7] },
    round_robin: { 'event-loop': [11, 12, 14] },
    timers: { 'event-loop': [20, 21, 22] },
    worker: { 'event-loop': [25, 26] },
  });
});

test('a class whose method runs the loop is an event loop; its call_soon takes callbacks', async () => {
  const labels = await labelsOf(`
    from collections import deque

    class Loop:
        def __init__(self):
            self._ready = deque()

        def call_soon(self, callback, *args):
            self._ready.append((callback, args))

        def run_once(self):
            for _ in range(len(self._ready)):
                handle = self._ready.popleft()
                handle._run()
  `);
  assert.deepEqual(labels, {
    Loop: { 'event-loop': [11, 12, 13] },
    'Loop.run_once': { 'event-loop': [11, 12, 13] },
  });
});

test('futures: set_result with a reader, a Deferred-like pair, or a Future subclass', async () => {
  const labels = await labelsOf(`
    import asyncio

    class Box:
        def set_result(self, value):
            self.value = value

        def result(self):
            return self.value

    class Deferred:
        def callback(self, value):
            self.value = value

        def addCallback(self, fn):
            self.fns.append(fn)

    class Timeout(asyncio.Future):
        pass

    class Holder:
        def set_result(self, value):
            self.value = value
  `);
  assert.deepEqual(labels, {
    Box: { future: [4, 7] },
    Deferred: { future: [11, 14] },
    Timeout: { future: [17] },
  });
});

test('a function that makes a future and returns it: asyncio, a task, a Deferred; not one that waits for it', async () => {
  const labels = await labelsOf(`
    import asyncio
    from twisted.internet import defer, reactor

    def later(loop):
        fut = loop.create_future()
        loop.call_later(1, fut.set_result, 42)
        return fut

    def spawn(coro):
        return asyncio.ensure_future(coro)

    def deferred_later(value):
        d = defer.Deferred()
        reactor.callLater(1, d.callback, value)
        return d

    def waits(loop):
        fut = loop.create_future()
        return fut.result()

    async def native(loop):
        fut = loop.create_future()
        return fut
  `);
  assert.deepEqual(labels, {
    later: { future: [5, 7] },
    spawn: { future: [10] },
    deferred_later: { future: [13, 15] },
    native: { 'native-coroutine': [21] },
  });
});
