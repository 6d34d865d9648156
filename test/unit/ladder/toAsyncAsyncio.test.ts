import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convert, golden } from './ladderHelpers';

test('asyncio.coroutine: decorator gone, def async, yield from → await in statement, assignment and return', async () => {
  await golden(
    `
    import asyncio


    @asyncio.coroutine
    def fetch(url):
        yield from asyncio.sleep(0)
        body = yield from read(url)
        return (yield from decode(body))
    `,
    `
    import asyncio


    async def fetch(url):
        await asyncio.sleep(0)
        body = await read(url)
        return await decode(body)
    `,
  );
});

test('await keeps precedence: attribute chains, operators, call arguments, conditions, unpacking, non-primary operands', async () => {
  await golden(
    `
    import asyncio

    @asyncio.coroutine
    def shapes(r, a, b):
        text = (yield from r.read()).decode()
        item = (yield from r.items())[0]
        n = (yield from r.count()) + 1
        total = 0
        total += yield from r.count()
        print("got", (yield from r.count()), sep=":")
        if (yield from r.ready()) and not (yield from r.closed()):
            pass
        while (yield from r.more()):
            pass
        left, right = yield from r.pair()
        either = yield from a or b
        mult = (yield from a) ** 2
        multiline = (yield from
                     r.count())
        return text, item, n, total, left, right, either, mult, multiline
    `,
    `

    async def shapes(r, a, b):
        text = (await r.read()).decode()
        item = (await r.items())[0]
        n = await r.count() + 1
        total = 0
        total += await r.count()
        print("got", await r.count(), sep=":")
        if await r.ready() and not await r.closed():
            pass
        while await r.more():
            pass
        left, right = await r.pair()
        either = await (a or b)
        mult = await a ** 2
        multiline = (await
                     r.count())
        return text, item, n, total, left, right, either, mult, multiline
    `,
  );
});

test('with (yield from lock) becomes async with; with (yield from coro()) as x stays a with over an await', async () => {
  await golden(
    `
    import asyncio

    @asyncio.coroutine
    def locked(self, pool):
        with (yield from self.lock):
            yield from asyncio.sleep(0)
        with (yield from pool.acquire()) as conn:
            return conn
    `,
    `
    import asyncio

    async def locked(self, pool):
        async with self.lock:
            await asyncio.sleep(0)
        with await pool.acquire() as conn:
            return conn
    `,
  );
});

test('several return paths, returns in loops, try/except/finally and comments inside the span are kept', async () => {
  await golden(
    `
    import asyncio


    @asyncio.coroutine
    def pick(items):
        # look for the first big one
        for item in items:
            try:
                value = yield from check(item)  # may raise
            except ValueError:
                continue
            finally:
                print("checked", item)
            if value > 10:
                return item
        else:
            return None
        return -1  # unreachable, kept anyway
    `,
    `


    async def pick(items):
        # look for the first big one
        for item in items:
            try:
                value = await check(item)  # may raise
            except ValueError:
                continue
            finally:
                print("checked", item)
            if value > 10:
                return item
        else:
            return None
        return -1  # unreachable, kept anyway
    `,
  );
});

test('methods, nested coroutines and stacked decorators keep a working order', async () => {
  await golden(
    `
    import asyncio
    import functools
    from asyncio import coroutine


    class Client:
        @classmethod
        @asyncio.coroutine
        def connect(cls):
            yield from asyncio.sleep(0)
            return cls()

        @staticmethod
        @coroutine  # kept comment
        def ping():
            @asyncio.coroutine
            def inner():
                yield from asyncio.sleep(0)
                return "pong"
            return (yield from inner())

        @functools.wraps(print)
        @asyncio.coroutine
        def wrapped(self):
            yield from asyncio.sleep(0)
    `,
    `
    import asyncio
    import functools


    class Client:
        @classmethod
        async def connect(cls):
            await asyncio.sleep(0)
            return cls()

        @staticmethod
        # kept comment
        async def ping():
            async def inner():
                await asyncio.sleep(0)
                return "pong"
            return await inner()

        @functools.wraps(print)
        async def wrapped(self):
            await asyncio.sleep(0)
    `,
  );
});

test('types.coroutine delegators convert; primitives with a bare yield and value generators stay', async () => {
  const source = `
    import types


    @types.coroutine
    def pause():
        yield


    @types.coroutine
    def twice():
        yield from pause()
        yield from pause()


    def numbers():
        yield 1
        yield 2


    def delegate():
        yield from twice()
    `;
  await golden(
    source,
    `
    import types


    @types.coroutine
    def pause():
        yield


    async def twice():
        await pause()
        await pause()


    def numbers():
        yield 1
        yield 2


    async def delegate():
        await twice()
    `,
  );
  const named = await convert(source, 'async', { functions: ['pause', 'numbers'] });
  assert.equal(named.text, undefined);
  assert.match(named.refused.find((r) => r.function === 'pause')?.message ?? '', /primitive with a bare yield/);
  assert.match(named.refused.find((r) => r.function === 'numbers')?.message ?? '', /yields values/);
});

test('a decorated plain function awaits what it returns when the module shows it is awaitable', async () => {
  await golden(
    `
    import asyncio


    @asyncio.coroutine
    def later(n):
        yield from asyncio.sleep(0)
        return n


    @asyncio.coroutine
    def forward(n):
        if n:
            return later(n)
        return 0
    `,
    `
    import asyncio


    async def later(n):
        await asyncio.sleep(0)
        return n


    async def forward(n):
        if n:
            return await later(n)
        return 0
    `,
  );
});

test('imports: only names the conversion made unused go; a partly used import keeps the rest', async () => {
  await golden(
    `
    """Module docstring."""
    import asyncio
    from asyncio import coroutine, sleep
    import types  # not used before, so left alone


    @coroutine
    def nap():
        yield from sleep(0)
    `,
    `
    """Module docstring."""
    import asyncio
    from asyncio import sleep
    import types  # not used before, so left alone


    async def nap():
        await sleep(0)
    `,
  );
});

test('CRLF line endings and non-ASCII text survive', async () => {
  const source = 'import asyncio\r\n\r\n@asyncio.coroutine\r\ndef grüße():\r\n    s = "😀"\r\n    yield from asyncio.sleep(0)\r\n    return s\r\n';
  const result = await convert(source, 'async');
  assert.equal(result.text, 'import asyncio\r\n\r\nasync def grüße():\r\n    s = "😀"\r\n    await asyncio.sleep(0)\r\n    return s\r\n');
});

test('without names every candidate converts; the converted list names each, methods dotted', async () => {
  const result = await convert(
    `
    import asyncio

    class A:
        @asyncio.coroutine
        def m(self):
            yield from asyncio.sleep(0)

    @asyncio.coroutine
    def f():
        yield from A().m()
    `,
    'async',
  );
  assert.deepEqual(result.converted, ['A.m', 'f']);
  assert.deepEqual(result.refused, []);
});
