// The ladder view's columns come from the real conversions on real parses:
// each converted column's whole module runs with python3 and prints what the
// original printed; a refused step keeps its reason and blocks the rungs beyond.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { callChain, ladderOf, stepWithChain, type LadderColumn } from '../../../extension/engine/ladder/ladderView';
import { stepFunction } from '../../../extension/engine/ladder/takeStep';
import { ROOT } from '../../helpers/cli';
import { dedent, parse } from '../../helpers/parser';
import { python } from './cpsHelpers';

const PROGRAMS = join(ROOT, 'test', 'equivalence', 'programs', 'ladder');

async function columnsOf(source: string, name: string): Promise<LadderColumn[]> {
  const file = await parse(source);
  try {
    const columns = ladderOf(file, name);
    assert.equal(file.text, source, 'the ladder leaves the file itself alone');
    return columns;
  } finally {
    file.dispose();
  }
}

function column<K extends LadderColumn['kind']>(columns: readonly LadderColumn[], rung: LadderColumn['rung'], kind: K): Extract<LadderColumn, { kind: K }> {
  const found = columns.find((c) => c.rung === rung);
  assert.ok(found, `no ${rung} column`);
  assert.equal(found.kind, kind, `${rung}: ${JSON.stringify(found)}`);
  return found as Extract<LadderColumn, { kind: K }>;
}

/** Every column with code runs as a whole module and prints exactly what `source` printed. */
function assertSameOutput(source: string, columns: readonly LadderColumn[]): number {
  const expected = python(source);
  assert.notEqual(expected, '');
  let ran = 0;
  for (const c of columns) {
    if (c.kind !== 'code') continue;
    assert.equal(python(c.module), expected, `the ${c.rung} rung prints differently:\n${c.module}`);
    ran++;
  }
  return ran;
}

test('a direct-style recursive function climbs to CPS and to inline callbacks; each rung prints the same', async () => {
  const source = readFileSync(join(PROGRAMS, 'recursion.py'), 'utf8');
  const columns = await columnsOf(source, 'factorial');
  assert.deepEqual(columns.map((c) => c.rung), ['direct', 'cps', 'generator', 'async']);
  const direct = column(columns, 'direct', 'code');
  assert.ok(direct.current);
  assert.equal(direct.module, source);
  assert.match(direct.code, /^def factorial\(n\):\n/);
  assert.doesNotMatch(direct.code, /\ndef /, 'only the function, not its neighbours');
  const cps = column(columns, 'cps', 'code');
  assert.ok(!cps.current);
  assert.match(cps.code, /^def factorial\(n, cont\):/);
  // Recursion would nest one continuation call per level: the CPS form returns thunks, and the trampoline is shown apart.
  assert.match(cps.code, /return lambda: cont\(1\)/);
  assert.deepEqual(cps.helpers.map((h) => h.name), ['trampoline']);
  assert.ok(cps.alsoConverted.includes('main'), 'its caller moves with it');
  const generator = column(columns, 'generator', 'code');
  assert.match(generator.code, /^@inline_callbacks\ndef factorial\(n\):/);
  assert.match(generator.code, /= yield factorial\(n - 1\)/);
  // main, which stays in CPS at this rung, still runs under the trampoline.
  assert.deepEqual(generator.helpers.map((h) => h.name), ['trampoline', 'inline_callbacks'], 'the runner is shown apart from the function');
  assert.doesNotMatch(generator.code, /def inline_callbacks/);
  assert.equal(new Set(columns.map((c) => c.kind === 'code' && c.line)).size > 1, true, 'lines are those of each rung\'s module');
  // The step up refuses on the generated module: its lines are not the file's, and it says so.
  const top = column(columns, 'async', 'refused');
  assert.equal(top.fromGenerated, true);
  assert.ok(assertSameOutput(source, columns) >= 3);
});

test('a CPS function waiting on a callback primitive: direct style refuses in place, the generator rung runs the same', async () => {
  const source = readFileSync(join(PROGRAMS, 'callbacks.py'), 'utf8');
  const columns = await columnsOf(source, 'check');
  assert.ok(column(columns, 'cps', 'code').current);
  const direct = column(columns, 'direct', 'refused');
  assert.equal(direct.from, 'cps');
  assert.equal(direct.fromGenerated, false, 'refused from the file itself');
  assert.match(direct.reason, /fetch_stock/);
  const generator = column(columns, 'generator', 'code');
  assert.match(generator.code, /yield lambda resume: fetch_stock\(item, resume\)/);
  assert.ok(assertSameOutput(source, columns) >= 2);
});

test('a native coroutine steps down one rung at a time; a refusal blocks every rung beyond it', async () => {
  const source = dedent(`
    import asyncio


    async def double(x):
        await asyncio.sleep(0)
        return x * 2


    async def main():
        print(await double(21))


    asyncio.run(main())
  `);
  const columns = await columnsOf(source, 'double');
  assert.ok(column(columns, 'async', 'code').current);
  const generator = column(columns, 'generator', 'code');
  assert.match(generator.code, /@types\.coroutine\ndef double\(x\):/);
  assert.match(generator.code, /yield from asyncio\.sleep\(0\)/);
  assert.ok(generator.helpers.some((h) => h.name === 'import' && /\btypes\b/.test(h.code)), 'the import it needs is noted');
  assertSameOutput(source, columns);
  // Below the generator rung: whichever step refuses first, every rung past it is unreached.
  const refusal = columns.findIndex((c) => c.kind === 'refused');
  if (refusal >= 0) {
    const refused = columns[refusal];
    assert.ok(refused?.kind === 'refused' && refused.reason.length > 0);
    assert.equal(refused.fromGenerated, refused.from !== 'async', 'a step from a generated rung says its lines are not the file\'s');
    for (const beyond of columns.slice(0, refusal)) assert.deepEqual(beyond, { rung: beyond.rung, kind: 'unreached', blockedAt: refused.rung });
  }
});

test('a method is shown on its own, dedented, under its dotted name', async () => {
  const source = readFileSync(join(ROOT, 'examples', 'bank.py'), 'utf8');
  const columns = await columnsOf(source, 'Account.withdraw');
  const current = columns.find((c) => c.kind === 'code' && c.current);
  assert.ok(current?.kind === 'code');
  assert.equal(current.rung, 'async');
  assert.match(current.code, /^async def withdraw\(self, amount\):\n {4}\S/);
  assert.equal(columns.length, 4);
});

test('no function of that name: no columns', async () => {
  assert.deepEqual(await columnsOf('def f():\n    return 1\n', 'g'), []);
});

test('a column names only helpers its module has: a step that removes one (the async step drops the runner) drops it', async () => {
  let checked = 0;
  for (const name of readdirSync(PROGRAMS).filter((n) => n.endsWith('.py'))) {
    const source = readFileSync(join(PROGRAMS, name), 'utf8');
    const columns = await columnsOf(source, 'main');
    for (const c of columns) {
      if (c.kind !== 'code') continue;
      assert.deepEqual(c.helpers.filter((h) => !c.module.includes(h.code)), [], `${name} at ${c.rung} names a helper its module lacks`);
      if (c.rung === 'async' && !c.current) {
        assert.ok(!c.helpers.some((h) => h.name === 'inline_callbacks'), `${name}: the async rung does not add inline_callbacks`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 3, `async columns reached from below: ${String(checked)}`);
});

test('a function climbs with its call chain: every column shows and names its callees, and each rung prints the same', async () => {
  const source = readFileSync(join(ROOT, 'examples', 'ladder.py'), 'utf8');
  const columns = await columnsOf(source, 'hypotenuse_squared');
  assert.equal(columns.length, 4);
  for (const { rung } of columns) {
    const c = column(columns, rung, 'code');
    assert.deepEqual(c.functions, ['hypotenuse_squared', 'square', 'add'], c.rung);
    assert.deepEqual(c.stays, []);
    assert.deepEqual(c.alsoConverted, [], 'callees are not callers');
    assert.deepEqual([...c.code.matchAll(/^(?:async )?def (\w+)/gm)].map((m) => m[1]), ['square', 'add', 'hypotenuse_squared'], `${c.rung}: definitions in source order`);
  }
  // The continuation runs through the callees, not around a direct-style result.
  assert.match(column(columns, 'cps', 'code').code, /def square\(x, cont\):\n {4}return cont\(x \* x\)[\s\S]*return square\(a, lambda /);
  assert.match(column(columns, 'async', 'code').code, /async def square\(x\):[\s\S]*= await square\(a\)/);
  assert.equal(assertSameOutput(source, columns), 4);
});

test('a callee that cannot climb stays behind with its reason; the function climbs without it', async () => {
  const source = dedent(`
    def total(a, b):
        return a + b


    ADDERS = [total]  # used as a value: it cannot take a continuation


    def double(x):
        return x * 2


    def report(a, b):
        return double(total(a, b))


    print(report(1, 2))
  `);
  const columns = await columnsOf(source, 'report');
  const cps = column(columns, 'cps', 'code');
  assert.deepEqual(cps.functions, ['report', 'double']);
  assert.deepEqual(cps.stays.map((s) => s.function), ['total']);
  assert.match(cps.stays[0]?.reason ?? '', /\S/);
  assert.match(cps.code, /def double\(x, cont\):[\s\S]*def report\(a, b, cont\):/);
  assert.doesNotMatch(cps.code, /def total/, 'a callee left behind is not shown as climbed');
  assert.ok(assertSameOutput(source, columns) >= 2);
});

test('without callees on its rung the step is the code action\'s own step', async () => {
  const file = await parse(readFileSync(join(ROOT, 'examples', 'ladder.py'), 'utf8'));
  try {
    const classify = file.functions.named('classify')[0];
    assert.ok(classify);
    assert.deepEqual(callChain(file, classify), []);
    assert.equal(stepWithChain(file, 'classify', [], 'cps').step, stepFunction(file, 'classify', 'cps'));
    const hypotenuse = file.functions.named('hypotenuse_squared')[0];
    assert.ok(hypotenuse);
    assert.deepEqual(callChain(file, hypotenuse).map((f) => f.name), ['square', 'add']);
  } finally {
    file.dispose();
  }
});

test('hand-written callback functions show every rung from CPS up to async/await, each module printing the same', async () => {
  const programs = join(ROOT, 'test', 'equivalence', 'programs', 'callbacks');
  for (const [program, name] of [
    ['page_render.py', 'render_site'],
    ['auth_flow.py', 'sign_in'],
    ['lecture_pythagoras.py', 'pythagoras'],
    ['order_pipeline.py', 'order_total'],
  ] as const) {
    const source = readFileSync(join(programs, program), 'utf8');
    const printed = python(source);
    const columns = await columnsOf(source, name);
    assert.ok(column(columns, 'cps', 'code').current, `${program}: ${name} is on the CPS rung`);
    for (const rung of ['generator', 'async'] as const) {
      assert.equal(python(column(columns, rung, 'code').module), printed, `${program}: the ${rung} column's module prints the same`);
    }
  }
});
