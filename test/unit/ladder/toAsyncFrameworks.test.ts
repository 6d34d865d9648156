import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rung } from '../../../extension/engine/ladder/conversion';
import type { ConvertFileOptions } from '../../../extension/engine/ladder/convertFile';
import * as ladder from './ladderHelpers';
import { dedent } from '../../helpers/parser';

// Most snippets here are library modules (nothing runs when imported), so their public coroutines would
// keep their contract; these tests are about the conversion itself, under the "convert" public-API policy
// (the trust suite covers "keep" and "refuse").
const library: ConvertFileOptions = { publicApi: 'convert' };
const convert = (source: string, to: Rung, options: ConvertFileOptions = {}) => ladder.convert(source, to, { ...library, ...options });
const golden = (source: string, expected: string, to: Rung = 'async', options: ConvertFileOptions = {}) => ladder.golden(source, expected, to, { ...library, ...options });
const refuses = (source: string, name: string, reason: RegExp, to: Rung = 'async', options: ConvertFileOptions = {}) => ladder.refuses(source, name, reason, to, { ...library, ...options });

test('Tornado: gen.Return → return, lists and dicts → gen.multi, gen.moment and bare yield → asyncio.sleep(0)', async () => {
  await golden(
    `
    """Handlers."""
    from tornado import gen


    @gen.coroutine
    def fetch_all(client, urls):
        if not urls:
            raise gen.Return([])
        pages = yield [client.fetch(u) for u in urls]
        named = yield {"first": client.fetch(urls[0])}
        yield gen.moment
        yield
        for page in pages:
            if page.code != 200:
                raise gen.Return(None)  # give up on the first failure
        raise gen.Return((pages, named))
    `,
    `
    """Handlers."""
    from tornado import gen
    import asyncio


    async def fetch_all(client, urls):
        if not urls:
            return []
        pages = await gen.multi([client.fetch(u) for u in urls])
        named = await gen.multi({"first": client.fetch(urls[0])})
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        for page in pages:
            if page.code != 200:
                return None  # give up on the first failure
        return (pages, named)
    `,
  );
});

test('Tornado: tornado.gen spelled in full, Return imported by name, callers that yield keep working', async () => {
  await golden(
    `
    import tornado.gen
    from tornado.gen import Return


    @tornado.gen.coroutine
    def one():
        yield tornado.gen.sleep(0)
        raise Return(1)


    @tornado.gen.coroutine
    def two():
        a = yield one()
        raise tornado.gen.Return(value=a + 1)
    `,
    `
    import tornado.gen


    async def one():
        await tornado.gen.sleep(0)
        return 1


    async def two():
        a = await one()
        return a + 1
    `,
  );
});

test('Tornado: a call that is not yielded would start later, so that coroutine is refused and left as it was', async () => {
  const source = `
    from tornado import gen

    @gen.coroutine
    def log(text):
        print(text)
        yield gen.moment

    @gen.coroutine
    def main():
        log("now")
        yield log("later")
    `;
  const result = await refuses(source, 'log', /called at line 10 without yield .*starts running at the call/);
  assert.deepEqual(result.converted, ['main']);
  assert.match(result.text ?? '', /@gen\.coroutine\ndef log\(text\):\n {4}print\(text\)\n {4}yield gen\.moment/);
  assert.match(result.text ?? '', /async def main\(\):\n {4}log\("now"\)\n {4}await log\("later"\)/);
});

test('Tornado: a runner given the function, or a lambda returning its call, still runs the native coroutine', async () => {
  const result = await convert(
    `
    from tornado import gen
    from tornado.ioloop import IOLoop

    @gen.coroutine
    def main(n):
        yield gen.sleep(0)

    IOLoop.current().run_sync(lambda: main(1))
    IOLoop.current().run_sync(main)
    `,
    'async',
  );
  assert.deepEqual(result.refused, []);
  assert.deepEqual(result.converted, ['main']);
});

test('Tornado: gen.Return caught by an enclosing except Exception, gen.Task and yield from are refused', async () => {
  await refuses(
    `
    from tornado import gen

    @gen.coroutine
    def f():
        try:
            raise gen.Return(1)
        except Exception:
            pass
    `,
    'f',
    /inside `except Exception`, which would catch it/,
  );
  await refuses(
    `
    import contextlib
    from tornado import gen

    @gen.coroutine
    def f():
        yield gen.moment
        with contextlib.suppress(Exception):
            raise gen.Return(1)
    `,
    'f',
    /inside `with contextlib\.suppress\(Exception\)`/,
  );
  await refuses(
    `
    from tornado import gen

    @gen.coroutine
    def f(cb_api):
        result = yield gen.Task(cb_api, 1)
        raise gen.Return(result)
    `,
    'f',
    /gen\.Task .*Tornado 6 removed/,
  );
  await refuses(
    `
    from tornado import gen

    @gen.coroutine
    def f(x):
        yield 1, x
    `,
    'f',
    /yields `1, x`/,
  );
});

test('Twisted: returnValue → return, and a caller that needs a Deferred gets ensureDeferred (imported)', async () => {
  await golden(
    `
    from twisted.internet.defer import inlineCallbacks, returnValue


    @inlineCallbacks
    def total(get):
        n = 0
        for key in ("a", "b"):
            n += yield get(key)
            if n > 10:
                returnValue(n)
        returnValue(n)


    def start(get):
        d = total(get)
        d.addCallback(print)
        return d
    `,
    `
    from twisted.internet import defer


    async def total(get):
        n = 0
        for key in ("a", "b"):
            n += await defer.maybeDeferred(get, key)
            if n > 10:
                return n
        return n


    def start(get):
        d = defer.ensureDeferred(total(get))
        d.addCallback(print)
        return d
    `,
  );
});

test('Twisted: defer.inlineCallbacks with defer.returnValue; callers that stay @inlineCallbacks yield a Deferred', async () => {
  const result = await convert(
    `
    from twisted.internet import defer

    @defer.inlineCallbacks
    def inner():
        yield defer.succeed(1)
        defer.returnValue(2)

    @defer.inlineCallbacks
    def outer():
        value = yield inner()
        defer.returnValue(value)
    `,
    'async',
    { functions: ['inner'] },
  );
  assert.deepEqual(result.converted, ['inner']);
  assert.equal(
    result.text,
    `from twisted.internet import defer

async def inner():
    await defer.succeed(1)
    return 2

@defer.inlineCallbacks
def outer():
    value = yield defer.ensureDeferred(inner())
    defer.returnValue(value)
`,
  );
});

test('Twisted: a plain yielded value comes straight back, so it becomes the value, and a yielded constant statement goes', async () => {
  await golden(
    `
    from twisted.internet.defer import inlineCallbacks, returnValue, succeed

    @inlineCallbacks
    def f(log):
        x = yield 5
        yield None
        pair = yield x, [log(x)]
        yield f"{log(x)}"
        if x:
            yield
        # a comment keeps its line
        yield "done"  # and this one the statement's
        first = yield succeed(1)
        returnValue((x, pair, first, (yield)))
    `,
    `
    from twisted.internet.defer import succeed

    async def f(log):
        x = 5
        pair = x, [log(x)]
        f"{log(x)}"
        if x:
            pass
        # a comment keeps its line
        pass  # and this one the statement's
        first = await succeed(1)
        return (x, pair, first, (None))
    `,
  );
});

test('Twisted: bare except around returnValue, values passed on and undecorated yields are refused', async () => {
  await refuses(
    `
    from twisted.internet.defer import inlineCallbacks, returnValue, succeed

    @inlineCallbacks
    def f():
        yield succeed(1)
        try:
            returnValue(1)
        except:
            pass
    `,
    'f',
    /inside `except:`, which would catch it/,
  );
  await refuses(
    `
    from twisted.internet import reactor
    from twisted.internet.defer import inlineCallbacks, succeed

    @inlineCallbacks
    def f():
        yield succeed(1)

    reactor.callWhenRunning(f)
    `,
    'f',
    /passed as a value at line 8 \(`reactor\.callWhenRunning\(f\)`\)/,
  );
});

test('the project\'s inline-callbacks runner is recognised and refused with what to do', async () => {
  await refuses(
    `
    def inline_callbacks(g):
        return g

    @inline_callbacks
    def f(x):
        y = yield lambda resume: resume(x)
        return y
    `,
    'f',
    /inline_callbacks runner/,
  );
});

test('Tornado: a handler method named get is not confused with dict.get, but its own fire-and-forget call is caught', async () => {
  const source = `
    from tornado import gen, web

    class Handler(web.RequestHandler):
        @gen.coroutine
        def get(self):
            name = self.settings.get("name", "x")
            yield gen.sleep(0)
            self.write(name)

    def poke():
        Handler.get(object())
    `;
  await refuses(source, 'Handler.get', /called at line 11 without yield \(`Handler\.get\(object\(\)\)`\)/);
  const without = await convert(source.replace('Handler.get(object())', 'pass'), 'async');
  assert.deepEqual(without.refused, []);
  assert.deepEqual(without.converted, ['Handler.get']);
});

test('Tornado: a yield the module does not show to be a Future goes through one inserted tornado_yield, reused and never a candidate', async () => {
  const once = `
    import tornado.gen


    @tornado.gen.coroutine
    def release(sem, cache, key):
        yield sem.release()
        value = yield cache.get(key)
        yield None
        raise tornado.gen.Return(value)
    `;
  const converted = `
    import tornado.gen
    import asyncio


    # region Concept Lenses helper
    async def tornado_yield(value):
        """Awaits what a @gen.coroutine could yield, as Tornado waited for it."""
        if value is None or value is tornado.gen.moment:
            await asyncio.sleep(0)
            return None
        return await tornado.gen.convert_yielded(value)
    # endregion


    async def release(sem, cache, key):
        await tornado_yield(sem.release())
        value = await tornado_yield(cache.get(key))
        await asyncio.sleep(0)
        return value
    `;
  await golden(once, converted);
  // A module that already has the adapter (ours, unchanged) reuses it, and going down leaves it alone.
  const withAnother = `${dedent(converted)}\n\n@tornado.gen.coroutine\ndef later(sem):\n    yield sem.acquire()\n`;
  const again = await convert(withAnother, 'async');
  assert.deepEqual(again.converted, ['later']);
  const text = again.text;
  assert.ok(text !== undefined);
  assert.equal(text.match(/def tornado_yield/g)?.length, 1);
  assert.match(text, /async def later\(sem\):\n {4}await tornado_yield\(sem\.acquire\(\)\)/);
  const down = await convert(text, 'generator');
  assert.ok(!down.converted.includes('tornado_yield') && !down.refused.some((r) => r.function === 'tornado_yield'), 'the adapter is machinery, not a candidate');
});
