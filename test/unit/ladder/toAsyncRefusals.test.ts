import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convert, refuses } from './ladderHelpers';

test('a generator driven by hand with send()/next() is refused; so is one iterated', async () => {
  const result = await refuses(
    `
    import asyncio

    @asyncio.coroutine
    def worker():
        yield from asyncio.sleep(0)

    w = worker()
    w.send(None)
    `,
    'worker',
    /driven by hand with \.send\(\) at line 8/,
  );
  assert.equal(result.text, undefined, 'nothing else to convert, nothing changes');
  await refuses(
    `
    import asyncio

    @asyncio.coroutine
    def worker():
        yield from asyncio.sleep(0)

    next(worker())
    `,
    'worker',
    /driven by hand with next\(\) at line 7/,
  );
});

test('plain yields, yield in a lambda, and yield from a value generator are refused with the line', async () => {
  await refuses(
    `
    import asyncio

    @asyncio.coroutine
    def mixed():
        yield from asyncio.sleep(0)
        yield 42
    `,
    'mixed',
    /yields a plain value at line 6 \(`yield 42`\)/,
  );
  await refuses(
    `
    import asyncio

    @asyncio.coroutine
    def odd():
        yield from asyncio.sleep(0)
        f = lambda: (yield)
    `,
    'odd',
    /yield inside a lambda at line 6/,
  );
  await refuses(
    `
    import asyncio

    def numbers():
        yield 1

    @asyncio.coroutine
    def wrong():
        yield from numbers()
    `,
    'wrong',
    /delegates to a value generator .* at line 8 \(`numbers\(\)`\)/,
  );
});

test('an unknown extra decorator is refused rather than guessed', async () => {
  await refuses(
    `
    import asyncio

    @retry(3)
    @asyncio.coroutine
    def flaky():
        yield from asyncio.sleep(0)
    `,
    'flaky',
    /also decorated with @retry\(3\)/,
  );
});

test('a generator caller blocks the single-function conversion; with callers both convert', async () => {
  const source = `
    import asyncio

    @asyncio.coroutine
    def leaf():
        yield from asyncio.sleep(0)
        return 1

    def caller():
        return (yield from leaf())

    @asyncio.coroutine
    def main():
        print((yield from caller()))
    `;
  const alone = await refuses(source, 'leaf', /delegated to with yield from by caller \(line 8\).*convert this function with its callers/, 'async', { functions: ['leaf'] });
  assert.equal(alone.text, undefined);
  const withCallers = await convert(source, 'async', { functions: ['leaf'], withCallers: true });
  assert.deepEqual(withCallers.refused, []);
  assert.deepEqual(withCallers.converted, ['leaf', 'caller', 'main']);
  assert.doesNotMatch(withCallers.text ?? '', /yield/);
});

test('refusing one function never half-converts another: the rest convert, the refused one is byte for byte the same', async () => {
  const source = `
    import asyncio

    @asyncio.coroutine
    def good():
        yield from asyncio.sleep(0)  # keep me

    @asyncio.coroutine
    def bad():
        yield from asyncio.sleep(0)
        yield "value"
    `;
  const result = await refuses(source, 'bad', /plain value/);
  assert.deepEqual(result.converted, ['good']);
  assert.ok(result.text?.includes('@asyncio.coroutine\ndef bad():\n    yield from asyncio.sleep(0)\n    yield "value"\n'));
  assert.ok(result.text?.includes('async def good():\n    await asyncio.sleep(0)  # keep me\n'));
  assert.ok(result.text?.startsWith('import asyncio\n'), 'asyncio is still used by bad');
});

test('convertFile refuses functions at another rung with what they are', async () => {
  const result = await convert(
    `
    async def native():
        pass

    def plain():
        return 1

    def gen():
        yield 1
    `,
    'async',
    { functions: ['native', 'plain', 'gen', 'missing'] },
  );
  const reasons = Object.fromEntries(result.refused.map((r) => [r.function, r.message]));
  assert.match(reasons['native'] ?? '', /is a native coroutine \(async def\); only generator-based coroutines convert to async\/await/);
  assert.match(reasons['plain'] ?? '', /is a plain function/);
  assert.match(reasons['gen'] ?? '', /yields values/);
  assert.match(reasons['missing'] ?? '', /no function of that name/);
  assert.equal(result.text, undefined);
});

test('a @types.coroutine caller that stays a generator does not block its callee: it may yield from a native coroutine', async () => {
  const source = `
    import asyncio
    import types

    @asyncio.coroutine
    def leaf():
        yield from asyncio.sleep(0)
        return 1

    @types.coroutine
    def caller():
        return (yield from leaf())
    `;
  const result = await convert(source, 'async', { functions: ['leaf'] });
  assert.deepEqual(result.refused, []);
  assert.deepEqual(result.converted, ['leaf']);
  assert.match(result.text ?? '', /async def leaf\(\):[\s\S]*@types\.coroutine\ndef caller\(\):\n {4}return \(yield from leaf\(\)\)/);
});
