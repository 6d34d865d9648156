import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeInterleavings } from '../../../extension/engine/interleave/model';
import { dedent, parse } from '../../helpers/parser';

/** `kind variable function read→suspend→write [interferers]` for each hazard. */
async function hazards(source: string): Promise<string[]> {
  const file = await parse(dedent(source));
  return analyzeInterleavings(file).hazards.map(
    (h) =>
      `${h.kind} ${h.variable} ${h.function} ${String(h.read.line)}→${String(h.suspend.line)}→${String(h.write.line)} [${h.interferers.map((w) => `${w.function}:${String(w.line)}`).join(' ')}]`,
  );
}

test('lost update through a local copy, and through += await', async () => {
  assert.deepEqual(
    await hazards(`
      import asyncio
      hits = 0

      async def copy():
          global hits
          n = hits
          await asyncio.sleep(0)
          hits = n + 1

      async def augmented():
          global hits
          hits += await asyncio.sleep(0, 1)
    `),
    ['lost-update hits copy 6→7→8 [copy:8 augmented:12]', 'lost-update hits augmented 12→12→12 [copy:8 augmented:12]'],
  );
});

test('check-then-act on a dict, an attribute and a while condition', async () => {
  assert.deepEqual(
    await hazards(`
      CACHE = {}

      async def get(key):
          if key not in CACHE:
              CACHE[key] = await load(key)

      class Pool:
          async def take(self):
              while self.free > 0:
                  await self.wait()
                  self.free -= 1
    `),
    ['check-then-act CACHE get 4→5→5 [get:5]', 'check-then-act self.free Pool.take 9→10→11 [Pool.take:11]'],
  );
});

test('stale read: a copy taken before the await derives other state after it', async () => {
  assert.deepEqual(
    await hazards(`
      class Shelf:
          async def take(self):
              left = self.stock - 1
              await self.audit()
              self.report = left

          def restock(self):
              self.stock = 10

          async def run(self):
              self.restock()
    `),
    ['stale-read self.stock Shelf.take 3→4→5 [Shelf.restock:8]'],
  );
});

test('no hazard: re-read after the await, value not derived, reservation, setdefault, re-check, locals', async () => {
  assert.deepEqual(
    await hazards(`
      import asyncio
      CACHE = {}
      count = 0

      class Account:
          async def reread(self):
              await asyncio.sleep(0)
              b = self.balance
              self.balance = b + 1

          async def fresh_value(self):
              old = self.balance
              self.balance = await fetch()
              return old

          async def reserve(self, amount):
              if self.balance >= amount:
                  self.balance -= amount
                  await asyncio.sleep(0)
                  self.balance += 0

      async def fill(key):
          if key not in CACHE:
              value = await load(key)
              return CACHE.setdefault(key, value)

      async def recheck(key):
          if key not in CACHE:
              value = await load(key)
              if key not in CACHE:
                  CACHE[key] = value

      async def local_total(items):
          total = 0
          for item in items:
              seen = total
              await asyncio.sleep(0)
              total = seen + item
          return total
    `),
    [],
  );
});

test('no hazard under one common lock; a hazard when a writer is outside it or the read is before taking it', async () => {
  assert.deepEqual(
    await hazards(`
      import asyncio
      lock = asyncio.Lock()
      n = 0

      async def guarded():
          global n
          async with lock:
              v = n
              await asyncio.sleep(0)
              n = v + 1

      async def also_guarded():
          global n
          async with lock:
              n = 0
    `),
    [],
  );
  assert.deepEqual(
    await hazards(`
      import asyncio
      lock = asyncio.Lock()
      n = 0

      async def guarded():
          global n
          async with lock:
              v = n
              await asyncio.sleep(0)
              n = v + 1

      async def unguarded():
          global n
          n = 0

      async def read_outside():
          global n
          v = n
          async with lock:
              n = v + 1
    `),
    [
      'lost-update n guarded 8→9→10 [unguarded:14]',
      'lost-update n read_outside 18→19→20 [guarded:10 unguarded:14 read_outside:20]',
    ],
  );
});

test('no hazard when nothing else writes the state; an entry coroutine does not interfere with itself', async () => {
  assert.deepEqual(
    await hazards(`
      import asyncio
      LIMIT = 3
      done = 0

      class Worker:
          async def start(self):
              limit = LIMIT
              await asyncio.sleep(0)
              self.limit = limit

      async def main():
          global done
          done = 0
          before = done
          await asyncio.sleep(0)
          done = before + 1

      asyncio.run(main())
    `),
    [],
  );
});

test('version-checked retry, by enclosing if or by early continue, is safe', async () => {
  assert.deepEqual(
    await hazards(`
      class Store:
          async def enclosing(self, x):
              while True:
                  v = self.version
                  value = self.value
                  new = await compute(value, x)
                  if self.version == v:
                      self.value = new
                      self.version = v + 1
                      return

          async def early(self, x):
              while True:
                  v = self.version
                  value = self.value
                  await compute(value, x)
                  if self.version != v:
                      continue
                  self.value = value + x
                  self.version += 1
                  return
    `),
    [],
  );
});

test('closure variables shared by nested coroutines; the setup before the definition does not interfere', async () => {
  assert.deepEqual(
    await hazards(`
      import asyncio

      async def main():
          total = 0

          async def add():
              nonlocal total
              before = total
              await asyncio.sleep(0)
              total = before + 1

          await asyncio.gather(add(), add())
    `),
    ['lost-update total main.add 8→9→10 [main.add:10]'],
  );
});

test('check-then-act through an early return: the rest of the block runs under the negated check', async () => {
  assert.deepEqual(
    await hazards(`
      CACHE = {}

      async def get(key):
          if key in CACHE:
              return CACHE[key]
          value = await load(key)
          CACHE[key] = value
          return value
    `),
    ['check-then-act CACHE get 4→6→7 [get:7]'],
  );
});
