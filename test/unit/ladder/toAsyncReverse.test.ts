import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convert, golden, refuses } from './ladderHelpers';

test('--to generator: a native coroutine becomes @types.coroutine with yield from, parenthesised where yield needs it', async () => {
  await golden(
    `
    import asyncio


    class Reader:
        @classmethod
        async def open(cls, r):
            data = await r.read()
            text = (await r.read()).decode()
            n = await r.count() + 1
            print(await r.count())
            await asyncio.sleep(0)
            return await r.close()
    `,
    `
    import asyncio
    import types


    class Reader:
        @classmethod
        @types.coroutine
        def open(cls, r):
            data = yield from r.read()
            text = (yield from r.read()).decode()
            n = (yield from r.count()) + 1
            print((yield from r.count()))
            yield from asyncio.sleep(0)
            return (yield from r.close())
    `,
    'generator',
  );
});

test('--to generator refuses what has no generator form, and entry points asyncio needs native', async () => {
  await refuses('async def f(lock):\n    async with lock:\n        pass\n', 'f', /async with at line 2/, 'generator');
  await refuses('async def f(xs):\n    async for x in xs:\n        pass\n', 'f', /async for at line 2/, 'generator');
  await refuses('async def f():\n    return 1\n', 'f', /never awaits/, 'generator');
  await refuses('async def f(xs):\n    return [await x for x in xs]\n', 'f', /inside a comprehension/, 'generator');
  await refuses('import asyncio\n\nasync def main():\n    await asyncio.sleep(0)\n\nasyncio.run(main())\n', 'main', /called at line 6 without await/, 'generator');
  await refuses('import asyncio\n\n@app.route("/")\nasync def f():\n    await asyncio.sleep(0)\n', 'f', /decorated with @app\.route\("\/"\)/, 'generator');
  const generator = await convert('def g():\n    yield 1\n', 'generator', { functions: ['g'] });
  assert.match(generator.refused[0]?.message ?? '', /yields values.*only native coroutines \(to @types\.coroutine\) and CPS functions \(to inline callbacks\) convert to generators/);
});

test('--to generator refuses an async comprehension', async () => {
  await refuses('async def f(xs):\n    await xs.ready()\n    return [x async for x in xs]\n', 'f', /async comprehension at line 3/, 'generator');
});

test('--to generator: a coroutine handed to asyncio.gather converts (it wraps any awaitable); one handed to create_task stays native', async () => {
  const source = [
    'import asyncio',
    '',
    'async def one():',
    '    await asyncio.sleep(0)',
    '    return 1',
    '',
    'async def two():',
    '    await asyncio.sleep(0)',
    '    return 2',
    '',
    'async def main():',
    '    print(await asyncio.gather(one(), asyncio.ensure_future(one())))',
    '    print(await asyncio.create_task(two()))',
    '',
  ].join('\n');
  const result = await refuses(source, 'two', /called at line 13 without await \(`two\(\)`\) and handed to asyncio\.create_task, which takes only native coroutines from Python 3\.12 on/, 'generator', { functions: ['one', 'two'] });
  assert.deepEqual(result.converted, ['one']);
});

test('--to generator keeps native a method an untyped receiver hands to asyncio.run, and a coroutine function used as a value', async () => {
  const method = 'import asyncio\n\n\nclass Job:\n    async def run(self):\n        await asyncio.sleep(0)\n        return "ran"\n\n\ndef start(job):\n    return asyncio.run(job.run())\n';
  await refuses(method, 'Job.run', /called at line 11 without await \(`job\.run\(\)`\) and handed to asyncio\.run/, 'generator');
  const value = 'import asyncio\n\n\nasync def ping():\n    await asyncio.sleep(0)\n\n\nhandlers = [ping]\n';
  const result = await refuses(value, 'ping', /used as a value at line 8 \(`ping`\)/, 'generator');
  assert.equal(result.refused[0]?.code, 'used-as-value');
  // A parameter of that name, and what reads it, are another thing.
  const shadowed = 'import asyncio\n\n\nasync def ping():\n    await asyncio.sleep(0)\n\n\ndef show(ping):\n    return ping\n';
  assert.deepEqual((await convert(shadowed, 'generator', { functions: ['ping'] })).converted, ['ping']);
});
