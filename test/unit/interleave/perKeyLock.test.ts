// The per-key lock fix: a dict indexed by one stable key expression on every
// access gets `collections.defaultdict(asyncio.Lock)` named after it and
// `async with <locks>[key]:`; anything else refuses it with the reason, and the
// lock over the whole state stays on offer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guardWithLock, type LockScope } from '../../../extension/engine/interleave/lockFix';
import { analyzeInterleavings } from '../../../extension/engine/interleave/model';
import { dedent, parse } from '../../helpers/parser';
import { fixUntilClean, programs, runPython } from './corpus';

interface Fixed {
  readonly text: string;
  readonly functions: readonly string[];
}

/** The fixed text and edited functions, or `refused: reason`. */
async function fixFirst(source: string, scope: LockScope): Promise<Fixed | string> {
  const file = await parse(dedent(source));
  const model = analyzeInterleavings(file);
  const [hazard] = model.hazards;
  assert.ok(hazard, 'the source has a hazard');
  const fix = guardWithLock(file, model, hazard, scope);
  if (!fix.ok) return `refused: ${fix.reason}`;
  assert.equal(analyzeInterleavings(fix.file).hazards.length, 0, 'no hazard is left');
  return { text: fix.file.text, functions: fix.functions };
}

const CACHE = `
  import asyncio

  cache = {}


  async def get(key):
      if key not in cache:
          cache[key] = await asyncio.sleep(0, key.upper())
      return cache[key]
`;

async function applied(source: string, scope: LockScope): Promise<Fixed> {
  const fixed = await fixFirst(source, scope);
  if (typeof fixed === 'string') assert.fail(fixed);
  return fixed;
}

async function refused(source: string): Promise<string> {
  const fixed = await fixFirst(source, 'key');
  if (typeof fixed !== 'string') assert.fail(`the per-key fix applied:\n${fixed.text}`);
  return fixed;
}

test('check-then-act on a dict entry: a defaultdict of locks named after it, taken on the same key', async () => {
  const fixed = await fixFirst(CACHE, 'key');
  assert.deepEqual(fixed, {
    text: dedent(`
      import asyncio
      import collections
      cache_locks = collections.defaultdict(asyncio.Lock)

      cache = {}


      async def get(key):
          async with cache_locks[key]:
              if key not in cache:
                  cache[key] = await asyncio.sleep(0, key.upper())
          return cache[key]
    `),
    functions: ['get'],
  });
});

test('the lock over the whole state is still what scope "state" gives', async () => {
  const fixed = await applied(CACHE, 'state');
  assert.match(fixed.text, /^cache_lock = asyncio\.Lock\(\)$/m);
  assert.match(fixed.text, /async with cache_lock:\n/);
});

test('a counter per name bumped across an await, in two coroutines and a method: per-key instance locks', async () => {
  const fixed = await applied(
    `
      import asyncio
      import collections


      class Stats:
          def __init__(self):
              self.counts = {}

          async def bump(self, name):
              seen = self.counts.get(name, 0)
              await asyncio.sleep(0)
              self.counts[name] = seen + 1

          async def reset(self, name):
              self.counts[name] = 0
    `,
    'key',
  );
  assert.match(fixed.text, /def __init__\(self\):\n {8}self\._counts_locks = collections\.defaultdict\(asyncio\.Lock\)\n {8}self\.counts = \{\}/);
  assert.match(fixed.text, /async def bump\(self, name\):\n {8}async with self\._counts_locks\[name\]:\n {12}seen = /);
  assert.match(fixed.text, /async def reset\(self, name\):\n {8}async with self\._counts_locks\[name\]:\n {12}self\.counts\[name\] = 0/);
  assert.equal(fixed.text.match(/^import collections$/gm)?.length, 1, 'an existing import is not repeated');
  assert.deepEqual(fixed.functions, ['Stats.bump', 'Stats.reset']);
});

test('refusals: the whole dict used, two key expressions, a key rebound inside the span, a key that is shared state', async () => {
  assert.match(
    await refused(`
      import asyncio
      cache = {}

      async def fill(key):
          if len(cache) < 10:
              cache[key] = await asyncio.sleep(0, 1)
    `),
    /^refused: line 5 uses cache as a whole, not one entry of it/,
  );
  assert.match(
    await refused(`
      import asyncio
      cache = {}

      async def copy(a, b):
          v = cache[a]
          await asyncio.sleep(0)
          cache[b] = v
    `),
    /^refused: cache is indexed by a and by b; a lock per key needs one key expression/,
  );
  assert.match(
    await refused(`
      import asyncio
      cache = {}

      async def fill(key):
          v = cache.get(key)
          key = await asyncio.sleep(0, key)
          cache[key] = v
    `),
    /^refused: the key key at line \d+ can change inside the span to guard/,
  );
  assert.match(
    await refused(`
      import asyncio
      cache = {}
      current = "a"

      async def fill():
          v = cache.get(current)
          await asyncio.sleep(0)
          cache[current] = v
    `),
    /^refused: the key current at line \d+ can change inside the span/,
  );
});

test('a literal key is stable; a lock that already guards the writers is not replaced by a per-key one', async () => {
  const fixed = await applied(
    `
      import asyncio
      totals = {}

      async def add(n):
          t = totals["all"]
          await asyncio.sleep(0)
          totals["all"] = t + n
    `,
    'key',
  );
  assert.match(fixed.text, /async with totals_locks\["all"\]:/);
  assert.match(
    await refused(`
      import asyncio
      cache = {}
      guard = asyncio.Lock()

      async def put(key):
          async with guard:
              cache[key] = 1

      async def fill(key):
          v = cache.get(key)
          await asyncio.sleep(0)
          cache[key] = v
    `),
    /^refused: a lock already guards the other writers of cache/,
  );
});

test('on the racy corpus, a lock per key wherever it applies (a lock over the state elsewhere) makes every program print the right result', async () => {
  let perKey = 0;
  for (const p of programs().filter((q) => q.label === 'racy' && !q.fixRefused)) {
    const fixed = await fixUntilClean(p, (file, model, hazard) => {
      const keyed = guardWithLock(file, model, hazard, 'key');
      if (keyed.ok) perKey++;
      return keyed.ok ? keyed : guardWithLock(file, model, hazard, 'state');
    });
    assert.equal(runPython(fixed), p.expected, `${p.name} after the fix:\n${fixed}`);
  }
  assert.ok(perKey >= 2, `per-key locks applied: ${String(perKey)}`);
});
