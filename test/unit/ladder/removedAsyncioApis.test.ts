// Converting @asyncio.coroutine code to async/await also respells the asyncio
// API that 3.10 and 3.11 removed, wherever the module uses it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { golden, refuses } from './ladderHelpers';

test('loop= goes from every call that lost it, however the argument sits, and under any import spelling, when it only reads the loop', async () => {
  await golden(
    `
    import asyncio
    from asyncio import sleep, Queue as Q


    @asyncio.coroutine
    def tick(loop, q):
        yield from sleep(0.1, loop=loop)
        yield from asyncio.sleep(loop=loop, delay=0)
        event = asyncio.Event(loop=loop)
        other = asyncio.Event(
            loop=loop,  # why: 3.4 wanted it
        )
        yield from q.put(1)
        return event, other, loop.time()


    class App:
        loop = asyncio.new_event_loop()


    queue = Q(maxsize=2, loop=App.loop)
    lock = asyncio.Lock(loop=asyncio.get_event_loop())  # a call may do more than read: kept
    future = asyncio.ensure_future(tick(App.loop, queue), loop=App.loop)
    `,
    `
    import asyncio
    from asyncio import sleep, Queue as Q


    async def tick(loop, q):
        await sleep(0.1)
        await asyncio.sleep(delay=0)
        event = asyncio.Event()
        other = asyncio.Event(
            # why: 3.4 wanted it
        )
        await q.put(1)
        return event, other, loop.time()


    class App:
        loop = asyncio.new_event_loop()


    queue = Q(maxsize=2)
    lock = asyncio.Lock(loop=asyncio.get_event_loop())  # a call may do more than read: kept
    future = asyncio.ensure_future(tick(App.loop, queue), loop=App.loop)
    `,
  );
});

test('coroutines handed to asyncio.wait are wrapped in tasks where they are made; futures are left alone', async () => {
  await golden(
    `
    import asyncio


    @asyncio.coroutine
    def one(n):
        yield from asyncio.sleep(0)
        return n


    @asyncio.coroutine
    def many(names, later):
        first = asyncio.ensure_future(one(0))
        yield from asyncio.wait([first, one(1)])
        yield from asyncio.wait({one(n) for n in names}, timeout=1)
        yield from asyncio.wait((one(n) for n in names))
        yield from asyncio.wait([*later])
        yield from asyncio.wait(later, return_when=asyncio.FIRST_COMPLETED)
    `,
    `
    import asyncio


    async def one(n):
        await asyncio.sleep(0)
        return n


    async def many(names, later):
        first = asyncio.ensure_future(one(0))
        await asyncio.wait([first, asyncio.ensure_future(one(1))])
        await asyncio.wait({asyncio.ensure_future(one(n)) for n in names}, timeout=1)
        await asyncio.wait((asyncio.ensure_future(one(n)) for n in names))
        await asyncio.wait([asyncio.ensure_future(aw) for aw in [*later]])
        await asyncio.wait([asyncio.ensure_future(aw) for aw in later], return_when=asyncio.FIRST_COMPLETED)
    `,
  );
});

test('a module converting only Tornado coroutines keeps its asyncio calls as they are', async () => {
  await golden(
    `
    import asyncio
    from tornado import gen


    @gen.coroutine
    def pause(loop):
        yield gen.moment
        raise gen.Return(asyncio.Event(loop=loop))
    `,
    `
    import asyncio


    async def pause(loop):
        await asyncio.sleep(0)
        return asyncio.Event(loop=loop)
    `,
    'async',
    { publicApi: 'convert' },
  );
});

test('Task.current_task() and Task.all_tasks() become asyncio.current_task() and asyncio.all_tasks() where they answer the same: in a coroutine, or given the loop', async () => {
  await golden(
    `
    import asyncio
    from asyncio import Task


    @asyncio.coroutine
    def job(log):
        me = asyncio.Task.current_task()
        log.append(me is Task.current_task(loop=me.get_loop()))
        pending = {t for t in Task.all_tasks() if not t.done()}
        yield from asyncio.sleep(0)
        return pending


    def shutdown(loop):
        for task in asyncio.Task.all_tasks(loop):
            task.cancel()  # a finished task ignores it
        return asyncio.Task.current_task(loop)


    print(asyncio.Task.current_task())
    # A version switch names the old method without calling it: left to the switch.
    current_task = getattr(asyncio, "current_task", asyncio.Task.current_task)
    `,
    `
    import asyncio


    async def job(log):
        me = asyncio.current_task()
        log.append(me is asyncio.current_task(loop=me.get_loop()))
        pending = {t for t in asyncio.all_tasks() if not t.done()}
        await asyncio.sleep(0)
        return pending


    def shutdown(loop):
        for task in asyncio.all_tasks(loop):
            task.cancel()  # a finished task ignores it
        return asyncio.current_task(loop)


    print(asyncio.Task.current_task())
    # A version switch names the old method without calling it: left to the switch.
    current_task = getattr(asyncio, "current_task", asyncio.Task.current_task)
    `,
  );
});

test('a coroutine keeping a removed Task method that no current spelling matches is refused at its line', async () => {
  const source = `
    import asyncio


    @asyncio.coroutine
    def census(loop):
        yield from asyncio.sleep(0)
        return len(asyncio.Task.all_tasks(loop))


    @asyncio.coroutine
    def callback_task():
        yield from asyncio.sleep(0)
        return lambda: asyncio.Task.current_task()


    @asyncio.coroutine
    def cancel_and_print(loop):
        yield from asyncio.sleep(0)
        for task in asyncio.Task.all_tasks(loop):
            print(task.cancel())
    `;
  const counted = await refuses(source, 'census', /finished tasks/);
  const lambda = await refuses(source, 'callback_task', /raises RuntimeError/);
  const printed = await refuses(source, 'cancel_and_print', /finished tasks/);
  assert.deepEqual(
    [...counted.refused].map((r) => [r.function, r.code, r.line]),
    [
      ['census', 'removed-api', 7],
      ['callback_task', 'removed-api', 13],
      ['cancel_and_print', 'removed-api', 19],
    ],
  );
  assert.equal(lambda.text, undefined);
  assert.equal(printed.text, undefined);
});

test('asyncio.wait gets no needless ensure_future: attributes and lists the module fills only with tasks stay as they are', async () => {
  await golden(
    `
    import asyncio


    @asyncio.coroutine
    def one(n):
        yield from asyncio.sleep(0)
        return n


    class Worker:
        def __init__(self):
            self._task = asyncio.ensure_future(one(1))
            self._tasks = []

        @asyncio.coroutine
        def run(self, loop):
            self._tasks.append(loop.create_task(one(2)))
            yield from asyncio.wait([self._task, one(3)])
            yield from asyncio.wait([self._task] + self._tasks)


    @asyncio.coroutine
    def many(names):
        tasks = [asyncio.ensure_future(one(n)) for n in names]
        made = {asyncio.Task(one(n)) for n in names}
        yield from asyncio.wait(tasks)
        yield from asyncio.wait(made)
        mixed = [asyncio.ensure_future(one(0))]
        mixed.append(one(5))
        yield from asyncio.wait(mixed)
        handed = [asyncio.ensure_future(one(0))]
        keep(handed)
        yield from asyncio.wait(handed)
    `,
    `
    import asyncio


    async def one(n):
        await asyncio.sleep(0)
        return n


    class Worker:
        def __init__(self):
            self._task = asyncio.ensure_future(one(1))
            self._tasks = []

        async def run(self, loop):
            self._tasks.append(loop.create_task(one(2)))
            await asyncio.wait([self._task, asyncio.ensure_future(one(3))])
            await asyncio.wait([self._task] + self._tasks)


    async def many(names):
        tasks = [asyncio.ensure_future(one(n)) for n in names]
        made = {asyncio.Task(one(n)) for n in names}
        await asyncio.wait(tasks)
        await asyncio.wait(made)
        mixed = [asyncio.ensure_future(one(0))]
        mixed.append(one(5))
        await asyncio.wait([asyncio.ensure_future(aw) for aw in mixed])
        handed = [asyncio.ensure_future(one(0))]
        keep(handed)
        await asyncio.wait([asyncio.ensure_future(aw) for aw in handed])
    `,
  );
});
