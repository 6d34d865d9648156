import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guardWithLock } from '../../../extension/engine/interleave/lockFix';
import { analyzeInterleavings } from '../../../extension/engine/interleave/model';
import { dedent, parse } from '../../helpers/parser';

/** Applies the fix to the first hazard; the fixed text, or `refused: reason`. */
async function fixFirst(source: string): Promise<string> {
  const file = await parse(dedent(source));
  const model = analyzeInterleavings(file);
  const [hazard] = model.hazards;
  assert.ok(hazard, 'the source has a hazard');
  const fix = guardWithLock(file, model, hazard);
  if (!fix.ok) return `refused: ${fix.reason}`;
  assert.equal(analyzeInterleavings(fix.file).hazards.length, 0, 'no hazard is left');
  return fix.file.text;
}

test('a method: self._lock created in __init__ after its docstring, the span re-indented under it', async () => {
  assert.equal(
    await fixFirst(`
      import asyncio


      class Account:
          def __init__(self):
              """An account."""
              self.balance = 0

          async def withdraw(self, amount):
              # check first
              if self.balance >= amount:
                  await asyncio.sleep(0)  # slow
                  self.balance -= amount
              return self.balance
    `),
    dedent(`
      import asyncio


      class Account:
          def __init__(self):
              """An account."""
              self._lock = asyncio.Lock()
              self.balance = 0

          async def withdraw(self, amount):
              # check first
              async with self._lock:
                  if self.balance >= amount:
                      await asyncio.sleep(0)  # slow
                      self.balance -= amount
              return self.balance
    `),
  );
});

test('module state: a lock named after it after the imports, import asyncio added; other writers guarded too', async () => {
  assert.equal(
    await fixFirst(`
      """Counters."""
      from trio import sleep

      hits = 0


      async def bump():
          global hits
          seen = hits
          await sleep(0)
          hits = seen + 1


      async def reset():
          global hits
          hits = 0
    `),
    dedent(`
      """Counters."""
      import asyncio
      from trio import sleep
      hits_lock = asyncio.Lock()

      hits = 0


      async def bump():
          global hits
          async with hits_lock:
              seen = hits
              await sleep(0)
              hits = seen + 1


      async def reset():
          global hits
          async with hits_lock:
              hits = 0
    `),
  );
});

test('reuses the lock that already guards the other writers', async () => {
  const fixed = await fixFirst(`
    import asyncio

    class Vault:
        def __init__(self):
            self.mutex = asyncio.Lock()

        async def deposit(self, n):
            async with self.mutex:
                self.gold += n

        async def withdraw(self, n):
            gold = self.gold
            await asyncio.sleep(0)
            self.gold = gold - n
  `);
  assert.match(fixed, /async def withdraw\(self, n\):\n {8}async with self\.mutex:\n {12}gold = self\.gold/);
  assert.equal(fixed.match(/asyncio\.Lock\(\)/g)?.length, 1, 'no second lock');
});

test('a class without __init__ gets one that passes its arguments on', async () => {
  const fixed = await fixFirst(`
    import asyncio

    class Meter(Base):
        async def add(self, n):
            self.total += await asyncio.sleep(0, n)
  `);
  assert.match(fixed, /class Meter\(Base\):\n {4}def __init__\(self, \*args, \*\*kwargs\):\n {8}super\(\).__init__\(\*args, \*\*kwargs\)\n {8}self\._lock = asyncio\.Lock\(\)\n\n {4}async def add/);
});

test('lines inside a multi-line string keep their indentation', async () => {
  const fixed = await fixFirst(`
    import asyncio
    log = ""

    async def note(x):
        global log
        seen = log
        await asyncio.sleep(0)
        log = seen + """
    entry
    """
  `);
  assert.match(fixed, / {8}log = seen \+ """\nentry\n"""/);
});

test('refusals: a plain-function writer, a generator-based coroutine, re-entry, a shared line', async () => {
  assert.match(
    await fixFirst(`
      class Box:
          def set(self, v):
              self.v = v

          async def bump(self):
              x = self.v
              await self.tick()
              self.v = x + 1

          async def tick(self):
              self.set(0)
    `),
    /^refused: Box\.set writes self\.v outside a coroutine/,
  );
  assert.match(
    await fixFirst(`
      import asyncio
      n = 0

      @asyncio.coroutine
      def bump():
          global n
          x = n
          yield from asyncio.sleep(0)
          n = x + 1
    `),
    /^refused: bump is a generator-based coroutine; convert it to async def/,
  );
  assert.match(
    await fixFirst(`
      class Account:
          async def move(self, other):
              b = self.balance
              await self.audit()
              self.balance = b - 1

          async def audit(self):
              self.balance += 0
    `),
    /^refused: line 4 awaits audit, which takes the same lock; asyncio\.Lock is not re-entrant/,
  );
  assert.match(
    await fixFirst(`
      import asyncio
      n = 0

      async def bump():
          global n
          x = n; await asyncio.sleep(0); n = x + 1; print(n)
    `),
    /^refused: line 6 holds more than the statements to guard/,
  );
});

test('a lock for state with a non-ASCII name keeps the name readable', async () => {
  const fixed = await fixFirst(`
    import asyncio

    größe = 0


    async def wachsen():
        global größe
        alt = größe
        await asyncio.sleep(0)
        größe = alt + 1
  `);
  assert.match(fixed, /^größe_lock = asyncio\.Lock\(\)$/m);
  assert.match(fixed, /async with größe_lock:/);
});
