// The one coroutine recognizer on real parses: each flavour of generator-based
// coroutine, native ones, the module's own runner, gen.engine, undecorated
// generators over futures, and generators that stay value generators.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeKind, moduleCoroutines } from '../../../extension/engine/python/coroutines';
import { dedent, parse } from '../../helpers/parser';

/** name → `kind` or `kind/flavour`, for every function of the module. */
async function recognised(source: string): Promise<Record<string, string>> {
  const file = await parse(dedent(source));
  try {
    const coroutines = moduleCoroutines(file);
    return Object.fromEntries(
      file.functions.all.map((fn) => {
        const r = coroutines.of(fn);
        return [fn.name, r.flavour ? `${r.kind}/${r.flavour}` : r.kind];
      }),
    );
  } finally {
    file.dispose();
  }
}

test('every flavour, by what its decorator resolves to through the imports', async () => {
  const kinds = await recognised(`
    import asyncio
    import types
    from tornado import gen
    from twisted.internet.defer import inlineCallbacks as ic

    @asyncio.coroutine
    def a():
        yield from asyncio.sleep(1)

    @types.coroutine
    def t():
        yield from a()

    @types.coroutine
    def primitive():
        yield

    @gen.coroutine
    def tornado_flow():
        yield gen.sleep(1)

    @gen.engine
    def engine_flow(callback):
        yield gen.Task(later)

    @ic
    def twisted_flow():
        yield later()

    @inline_callbacks
    def ladder_flow():
        x = yield later()

    async def native():
        await a()

    async def stream():
        yield 1

    def later():
        return 1

    class Box:
        pass
  `);
  assert.deepEqual(kinds, {
    a: 'generator-coroutine/asyncio',
    t: 'generator-coroutine/types',
    primitive: 'coroutine-primitive/types',
    tornado_flow: 'generator-coroutine/tornado',
    engine_flow: 'generator-coroutine/tornado-engine',
    twisted_flow: 'generator-coroutine/twisted',
    ladder_flow: 'generator-coroutine/runner',
    native: 'native-coroutine',
    stream: 'async-generator',
    later: 'plain-function',
    Box: 'class',
  });
});

test("a runner of the module's own: a top-level function that drives a generator with send()", async () => {
  const kinds = await recognised(`
    def run(make):
        def start(*args):
            g = make(*args)
            g.send(None)
        return start

    @run
    def flow():
        page = yield fetch()
        print(page)

    @other
    def unknown():
        value = yield 1
  `);
  assert.equal(kinds.flow, 'generator-coroutine/own-runner');
  // An unknown decorator proves nothing: a generator that yields values.
  assert.equal(kinds.unknown, 'value-generator');
});

test('an undecorated generator is a coroutine when it only yields from futures and coroutines, and nothing drives it by hand', async () => {
  const source = `
    import asyncio

    def waits(loop):
        fut = loop.create_future()
        loop.call_soon(fut.set_result, 1)
        return (yield from fut)

    def outer(loop):
        value = yield from waits(loop)
        return value

    def stepped():
        yield from asyncio.sleep(1)

    def values():
        yield from range(3)

    g = stepped()
    g.send(None)
  `;
  const kinds = await recognised(source);
  assert.equal(kinds.waits, 'generator-coroutine/undecorated');
  // Through another undecorated coroutine of the module.
  assert.equal(kinds.outer, 'generator-coroutine/undecorated');
  // Driven by hand: it stays a generator, and the recognizer says where.
  assert.equal(kinds.stepped, 'value-generator/undecorated');
  assert.equal(kinds.values, 'value-generator/undecorated');
  const file = await parse(dedent(source));
  const coroutines = moduleCoroutines(file);
  const [stepped] = file.functions.named('stepped');
  assert.ok(stepped);
  assert.equal(coroutines.handDriven(stepped)?.how, 'driven by hand with .send() at line 19');
  assert.match(describeKind(coroutines.of(stepped)), /delegates with yield from .* or that is iterated/);
  assert.deepEqual(
    coroutines.generatorCoroutines.map((r) => r.fn.name),
    ['waits', 'outer'],
  );
  file.dispose();
});

test('generator coroutines offered for async/await leave out gen.engine, the ladder runner and own runners', async () => {
  const source = `
    from tornado import gen

    @gen.coroutine
    def modern():
        yield gen.sleep(1)

    @gen.engine
    def legacy(callback):
        yield gen.Task(modern)

    @inline_callbacks
    def ladder():
        yield modern()
  `;
  const file = await parse(dedent(source));
  assert.deepEqual(moduleCoroutines(file).generatorCoroutines.map((r) => r.fn.name), ['modern']);
  file.dispose();
});
