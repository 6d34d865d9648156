// Shared state across modules: writes in one file interfere with reads of the
// same module-level state in another, when the caller supplies the modules.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SourceFile } from '../../../extension/engine';
import { analyzeInterleavings, type Workspace } from '../../../extension/engine/interleave/model';
import { runCli } from '../../helpers/cli';
import { dedent, parse } from '../../helpers/parser';

const STATE = dedent(`
  import asyncio

  counter = 0
  CACHE = {}
  LOCK = asyncio.Lock()
  OTHER_LOCK = asyncio.Lock()
`);

/** Parses `name → source` and names each module's file `name.py`. */
async function workspaceOf(sources: Record<string, string>): Promise<Map<string, { path: string; file: SourceFile }>> {
  const modules = new Map<string, { path: string; file: SourceFile }>();
  for (const [name, text] of Object.entries(sources)) modules.set(name, { path: `${name.replace(/\./g, '/')}.py`, file: await parse(dedent(text)) });
  return modules;
}

function analyse(modules: Workspace['modules'], name: string) {
  const own = modules.get(name);
  assert.ok(own, `no module ${name}`);
  return analyzeInterleavings(own.file, { path: own.path, modules });
}

const LOST_UPDATE = `
  import asyncio
  import state

  async def add_slowly():
      seen = state.counter
      await asyncio.sleep(0)
      state.counter = seen + 1
`;

test('a read-await-write in a.py lists the increment in b.py with its function, line and file', async () => {
  const modules = await workspaceOf({
    state: STATE,
    a: LOST_UPDATE,
    b: `
      import state

      async def bump():
          state.counter += 1
    `,
  });
  const [hazard, ...rest] = analyse(modules, 'a').hazards;
  assert.equal(rest.length, 0);
  assert.equal(hazard?.kind, 'lost-update');
  assert.equal(hazard.variable, 'state.counter');
  assert.deepEqual(
    hazard.interferers.map((w) => [w.function, w.line, w.file, w.sameFunction]),
    [['add_slowly', 7, undefined, true], ['bump', 4, 'b.py', false]],
  );
  const write = hazard.steps.find((s) => s.task === 'B');
  assert.equal(write?.file, 'b.py');
  assert.equal(write.text, 'task B (bump) writes state.counter at line 4 of b.py');
  assert.match(hazard.message, /bump \(b\.py line 4\)/);
  // The positions are in b.py's text.
  const b = modules.get('b')?.file;
  const spot = hazard.interferers[1];
  assert.equal(b?.text.slice(spot?.start, spot?.end), 'state.counter += 1');
  // Alone, a.py still races with itself, and only with itself.
  const alone = analyzeInterleavings(modules.get('a')?.file ?? b);
  assert.deepEqual(alone.hazards[0]?.interferers.map((w) => [w.function, w.file]), [['add_slowly', undefined]]);
});

test('state.py rebinding its own global through `global` is the same state as state.counter', async () => {
  const modules = await workspaceOf({
    state: `${STATE}\nasync def reset():\n    global counter\n    counter = 0\n`,
    a: LOST_UPDATE,
  });
  const hazard = analyse(modules, 'a').hazards[0];
  assert.deepEqual(hazard?.interferers.map((w) => [w.function, w.file]), [['add_slowly', undefined], ['reset', 'state.py']]);
});

test('check-then-act on state.CACHE is broken by `from state import CACHE` writes in another module', async () => {
  const modules = await workspaceOf({
    state: STATE,
    a: `
      import state

      async def load(key):
          return key

      async def get(key):
          if key not in state.CACHE:
              state.CACHE[key] = await load(key)
          return state.CACHE[key]
    `,
    b: `
      from state import CACHE

      async def prime(key, value):
          CACHE[key] = value
    `,
  });
  const [hazard] = analyse(modules, 'a').hazards;
  assert.equal(hazard?.kind, 'check-then-act');
  assert.ok(hazard.interferers.some((w) => w.function === 'prime' && w.line === 4 && w.file === 'b.py'), hazard.message);
});

const LOCKED = (lock: string) => `
  import state
  from state import ${lock}

  async def bump():
      async with ${lock}:
          state.counter += 1
`;

test('writes under the same module-level lock imported from state do not interfere', async () => {
  const a = `
    import asyncio
    import state

    async def add_slowly():
        async with state.LOCK:
            seen = state.counter
            await asyncio.sleep(0)
            state.counter = seen + 1
  `;
  const guarded = await workspaceOf({ state: STATE, a, b: LOCKED('LOCK') });
  assert.deepEqual(analyse(guarded, 'a').hazards, []);
  // A different lock does not exclude the write.
  const otherLock = await workspaceOf({ state: STATE, a, b: LOCKED('OTHER_LOCK') });
  assert.deepEqual(analyse(otherLock, 'a').hazards[0]?.interferers.map((w) => [w.function, w.file]), [['bump', 'b.py']]);
});

test("relative imports resolve from a package's __init__.py as from its package", async () => {
  const modules = await workspaceOf({
    'pkg.state': STATE,
    'pkg.worker': `
      from . import state

      async def prime(key, value):
          state.CACHE[key] = value
    `,
  });
  const init = await parse(
    dedent(`
      from .state import CACHE

      async def load(key):
          return key

      async def get(key):
          if key not in CACHE:
              CACHE[key] = await load(key)
          return CACHE[key]
    `),
  );
  modules.set('pkg', { path: 'pkg/__init__.py', file: init });
  const [hazard] = analyse(modules, 'pkg').hazards;
  assert.equal(hazard?.kind, 'check-then-act');
  assert.ok(hazard.interferers.some((w) => w.function === 'prime' && w.file === 'pkg/worker.py'), hazard.message);
});

test('an import that does not resolve in the workspace shares nothing', async () => {
  const b = `
    import state

    async def bump():
        state.counter += 1
  `;
  const unresolved = await workspaceOf({ a: LOST_UPDATE, b });
  const hazards = analyse(unresolved, 'a').hazards;
  assert.deepEqual(hazards.map((h) => h.interferers.map((w) => [w.function, w.file])), [[['add_slowly', undefined]]]);
  // The same files, with state.py present, do share it.
  const resolved = await workspaceOf({ state: STATE, a: LOST_UPDATE, b });
  assert.equal(analyse(resolved, 'a').hazards[0]?.interferers.length, 2);
});

test('modules that share no state leave the per-file model unchanged', async () => {
  const modules = await workspaceOf({
    a: LOST_UPDATE,
    other: `
      import asyncio

      total = 0

      async def grow():
          global total
          total += 1
          await asyncio.sleep(0)
    `,
  });
  const file = modules.get('a')?.file;
  assert.ok(file);
  assert.deepEqual(analyse(modules, 'a'), analyzeInterleavings(file));
});

const PROGRAM = join(__dirname, '..', '..', 'corpus', 'interleavings', 'cross_module');

test('the three-module program loses updates under python3', () => {
  const expected = /^# expected: (.*)$/m.exec(readFileSync(join(PROGRAM, 'app.py'), 'utf8'))?.[1];
  const run = spawnSync('python3', ['app.py'], { cwd: PROGRAM, encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(expected);
  assert.notEqual(run.stdout.trim(), expected);
});

test('the built CLI on the directory flags app.py with the write in bump.py', () => {
  const dir = 'test/corpus/interleavings/cross_module';
  const run = runCli(['interleavings', dir, '--json']);
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as {
    files: { path: string; hazards: { kind: string; function: string; interferers: { function: string; line: number; file?: string }[] }[] }[];
  };
  const flagged = report.files.filter((f) => f.hazards.length > 0);
  assert.deepEqual(flagged.map((f) => f.path), [`${dir}/app.py`]);
  const [hazard] = flagged[0]?.hazards ?? [];
  assert.equal(hazard?.kind, 'lost-update');
  assert.equal(hazard.function, 'add_slowly');
  assert.deepEqual(hazard.interferers.find((w) => w.file !== undefined), { function: 'bump_many', line: 9, file: `${dir}/bump.py` });
});
