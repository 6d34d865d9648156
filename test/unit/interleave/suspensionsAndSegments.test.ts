import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeInterleavings } from '../../../extension/engine/interleave/model';
import { dedent, parse } from '../../helpers/parser';

test('suspension points in execution order, each with its kind, and the segments between them', async () => {
  const file = await parse(dedent(`
    async def worker(lock, source):
        await step()
        async with lock:
            x = 1
        async for item in source:
            pass
        values = [v async for v in source]
        return [await f() for f in values]

    def not_a_coroutine():
        return 1
  `));
  const [worker, ...others] = analyzeInterleavings(file).coroutines;
  assert.equal(others.length, 0);
  assert.ok(worker);
  assert.deepEqual(
    worker.suspensions.map((s) => [s.kind, s.line, s.index]),
    [
      ['await', 2, 0],
      ['async-with-enter', 3, 1],
      ['async-with-exit', 4, 2],
      ['async-for-next', 5, 3],
      ['async-for-end', 6, 4],
      ['async-for-next', 7, 5],
      ['await', 8, 6],
    ],
  );
  assert.equal(worker.segments.length, worker.suspensions.length + 1);
  assert.deepEqual(worker.segments[0], { index: 0, startLine: 1, endLine: 2 });
  assert.deepEqual(worker.segments.at(-1), { index: 7, startLine: 8, endLine: 8 });
  for (let i = 1; i < worker.segments.length; i++) {
    assert.equal(worker.segments[i]?.startLine, worker.segments[i - 1]?.endLine, 'segments meet at a suspension point');
  }
});

test('generator-based coroutines suspend at yield from; framework generators at yield; nested functions are separate', async () => {
  const file = await parse(dedent(`
    import asyncio
    from tornado import gen

    @asyncio.coroutine
    def old():
        yield from asyncio.sleep(0)
        def inner():
            yield 1

    @gen.coroutine
    def tornado_style():
        x = yield fetch()
        y = yield fetch()
  `));
  const byName = new Map(analyzeInterleavings(file).coroutines.map((c) => [c.name, c]));
  assert.deepEqual(byName.get('old')?.suspensions.map((s) => s.kind), ['yield-from']);
  assert.deepEqual(byName.get('tornado_style')?.suspensions.map((s) => [s.kind, s.line]), [['yield', 12], ['yield', 13]]);
  assert.equal(byName.has('old.inner'), false);
});

test('accesses are marked with the segment they run in and the locks held', async () => {
  const file = await parse(dedent(`
    import asyncio
    lock = asyncio.Lock()
    hits = 0

    async def visit():
        global hits
        seen = hits
        await asyncio.sleep(0)
        async with lock:
            hits = seen + 1
  `));
  const [visit] = analyzeInterleavings(file).coroutines;
  assert.deepEqual(
    visit?.accesses.map((a) => [a.variable, a.mode, a.line, a.segment, a.locks]),
    [
      ['hits', 'read', 7, 0, []],
      ['hits', 'write', 10, 2, ['lock']],
    ],
  );
});
