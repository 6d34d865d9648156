// The lower ladder keeps behaviour: each program under programs/ladder runs
// with python3, is moved one rung at a time through the built CLI — direct →
// CPS → generator (inline callbacks) → async/await, and back down — and after
// every step prints exactly the bytes the original printed. The trampoline
// cases show what CPS costs in stack depth and how the trampoline pays it back.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI, runCli } from '../helpers/cli';

const PROGRAMS = join(__dirname, 'programs', 'ladder');
let work = '';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface Report {
  readonly files: readonly { converted: string[]; refused: { function: string; code: string; message: string; line: number; defLine: number }[] }[];
}

function python(file: string, args: readonly string[] = []): Run {
  const result = spawnSync('python3', [file, ...args], { cwd: work, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `refactor --write --json` on `file` and returns the report of its one file. */
function refactor(file: string, to: string, extra: readonly string[] = []): { status: number | null; converted: string[]; refused: Report['files'][number]['refused'] } {
  const run = runCli(['refactor', file, '--to', to, '--write', '--json', ...extra]);
  assert.ok(run.status === 0 || run.status === 1, `refactor --to ${to} failed (${String(run.status)}): ${run.stderr}`);
  const [report] = (JSON.parse(run.stdout) as Report).files;
  assert.ok(report);
  return { status: run.status, ...report };
}

/**
 * A fresh copy of a program (or of an earlier step's output) in a folder of its
 * own under the work directory: the refactor sees the `.py` files beside a file
 * as its project, and each program is a project of one module.
 */
function copy(from: string, name: string): string {
  const to = join(mkdtempSync(join(work, 'program-')), name);
  copyFileSync(from, to);
  return to;
}

/** The file name of a program under programs/ladder (some sit in a folder). */
function base(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/**
 * One rung that may refuse some functions (the rungs above CPS do not take
 * every shape yet): whatever converts, the program prints the same.
 */
function stepKeeping(file: string, to: string, expected: string, extra: readonly string[] = []): ReturnType<typeof refactor> {
  const result = refactor(file, to, extra);
  for (const r of result.refused) assert.ok(r.code && r.line > 0, `a refusal names a code and a line: ${JSON.stringify(r)}`);
  const run = python(file);
  assert.equal(run.status, 0, `the ${to} form must run:\n${run.stderr}\n${readFileSync(file, 'utf8')}`);
  assert.equal(run.stdout, expected, `the ${to} form must print what the original printed:\n${readFileSync(file, 'utf8')}`);
  return result;
}

function step(file: string, to: string, expected: string, extra: readonly string[] = []): void {
  const before = readFileSync(file, 'utf8');
  const result = refactor(file, to, extra);
  assert.deepEqual(result.refused, [], `nothing should be refused on the way to ${to}`);
  assert.equal(result.status, 0);
  assert.ok(result.converted.length > 0, `something must move to ${to}`);
  const text = readFileSync(file, 'utf8');
  assert.notEqual(text, before, `the file must change on the way to ${to}`);
  const run = python(file);
  assert.equal(run.status, 0, `the ${to} form must run:\n${run.stderr}\n${text}`);
  assert.equal(run.stdout, expected, `the ${to} form must print what the original printed:\n${text}`);
}

before(() => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'concept-lenses-ladder-'));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

// Small direct-style programs in different shapes (the lecture's factorial, fibonacci and list walks,
// closures, nested defs, methods, mutual recursion, loops carrying state, try/except around calls
// of functions that call others), written for these tests.
const DIRECT_STYLE = ['accumulate', 'early_returns', 'factorial', 'fibonacci', 'gcd', 'list_walk', 'methods', 'mutual', 'nested_defs', 'order_errors', 'strings'].map((n) => `direct/${n}`);

for (const name of ['pythagoras', 'accounts', 'recursion', 'deep_recursion', ...DIRECT_STYLE]) {
  describe(`${name}.py climbs the ladder and comes back down`, () => {
    let expected = '';
    let generatorForm = '';

    test('the original runs', () => {
      const run = python(join(PROGRAMS, `${name}.py`));
      assert.equal(run.status, 0, run.stderr);
      assert.notEqual(run.stdout, '');
      expected = run.stdout;
    });

    test('direct → CPS → generator, the same output at each rung', () => {
      const file = copy(join(PROGRAMS, `${name}.py`), `${base(name)}.py`);
      step(file, 'cps', expected, ['--with-callers']);
      step(file, 'generator', expected);
      assert.match(readFileSync(file, 'utf8'), /^def inline_callbacks\(/m, 'the runner is inserted once');
      generatorForm = copy(file, `${base(name)}.generator.py`);
    });

    test('generator → async/await: native coroutines on asyncio, the same output', () => {
      const file = copy(generatorForm, `${base(name)}.async.py`);
      step(file, 'async', expected);
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /inline_callbacks|\byield\b/, 'no runner and no yield is left');
      assert.match(text, /^async def main\(/m);
      assert.match(text, /^asyncio\.run\(main\(\)\)$/m, 'the start runs main on asyncio');
    });

    test('generator → CPS → direct, the same output at each rung', () => {
      const file = copy(generatorForm, `${base(name)}.down.py`);
      step(file, 'cps', expected);
      step(file, 'direct', expected);
      assert.doesNotMatch(readFileSync(file, 'utf8'), /\bcont\b|lambda|nonlocal/, 'no continuation is left in direct style');
    });
  });
}

describe('callbacks.py starts at CPS over an event loop with callback-based leaves', () => {
  let expected = '';
  const functions = ['log', 'check', 'check_all', 'main'].flatMap((f) => ['--function', f]);

  test('CPS → generator → CPS keeps the output; the leaves stay callback-based', () => {
    expected = python(join(PROGRAMS, 'callbacks.py')).stdout;
    assert.match(expected, /done/);
    const file = copy(join(PROGRAMS, 'callbacks.py'), 'callbacks.py');
    step(file, 'generator', expected);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /= yield lambda resume: fetch_stock\(item, resume\)/, 'the leaf is yielded as an operation');
    assert.match(text, /^def fetch_stock\(item, callback\):$/m, 'the leaf itself is unchanged');
    step(file, 'cps', expected, functions);
  });

  test('generator → async/await refuses: the leaf is driven by the module\'s own scheduler, which asyncio does not run', () => {
    const file = copy(join(PROGRAMS, 'callbacks.py'), 'callbacks.async.py');
    step(file, 'generator', expected);
    const before = readFileSync(file, 'utf8');
    const result = refactor(file, 'async');
    assert.equal(result.status, 1);
    assert.deepEqual(result.converted, []);
    const reasons = new Map(result.refused.map((r) => [r.function, r.message]));
    assert.match(reasons.get('check') ?? '', /the leaf `fetch_stock` .*the leaf `call_later` .*the module's own scheduler `run\(\)` .*asyncio\.run does not run that scheduler.*move the leaf onto asyncio first/);
    assert.match(reasons.get('check_all') ?? '', /check .* stays in the inline-callbacks form/);
    assert.match(reasons.get('main') ?? '', /check_all .* stays in the inline-callbacks form/);
    assert.match(reasons.get('log') ?? '', /is yielded by check/);
    assert.equal(readFileSync(file, 'utf8'), before, 'a refused file is left as it was');
    assert.equal(python(file).stdout, expected);
  });

  test('CPS → direct converts what it can and refuses what waits on a leaf, with the reason', () => {
    const file = copy(join(PROGRAMS, 'callbacks.py'), 'callbacks.direct.py');
    const result = refactor(file, 'direct');
    assert.equal(result.status, 1);
    assert.deepEqual(result.converted, ['log']);
    const reasons = new Map(result.refused.map((r) => [r.function, r.message]));
    assert.match(reasons.get('check') ?? '', /fetch_stock.*callback-based primitive/);
    assert.match(reasons.get('check_all') ?? '', /calls `check`, which stays in CPS/);
    const run = python(file);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, expected);
  });
});

describe('sync_leaves.py climbs from CPS to async/await over leaves that call back at once', () => {
  test('CPS → generator → async/await, the same output at each rung; the leaves are awaited through the adapter', () => {
    const expected = python(join(PROGRAMS, 'sync_leaves.py')).stdout;
    assert.match(expected, /acknowledged ok\ndone\n$/);
    const file = copy(join(PROGRAMS, 'sync_leaves.py'), 'sync_leaves.py');
    step(file, 'generator', expected, ['line_total', 'order_total', 'main'].flatMap((f) => ['--function', f]));
    step(file, 'async', expected);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^def callback_awaitable\(start\):/m, 'the adapter is inserted once');
    assert.equal(text.match(/^def callback_awaitable/gm)?.length, 1);
    assert.match(text, /= await callback_awaitable\(lambda resume: price_of\(item, resume\)\)/);
    assert.match(text, /^def price_of\(item, callback\):$/m, 'the leaf itself is unchanged');
    assert.doesNotMatch(text, /inline_callbacks/, 'the runner is gone');
  });
});

describe('the trampoline', () => {
  const DEEP = 100_000;
  const deepSum = String((DEEP * (DEEP + 1)) / 2);

  test('100,000-deep recursion: RecursionError in direct style; --to cps trampolines the recursion unasked, so its CPS form completes', () => {
    const original = python(join(PROGRAMS, 'deep_recursion.py'), [String(DEEP)]);
    assert.notEqual(original.status, 0);
    assert.match(original.stderr, /RecursionError/);
    const file = copy(join(PROGRAMS, 'deep_recursion.py'), 'deep.plain.py');
    const result = refactor(file, 'cps', ['--with-callers']);
    assert.deepEqual(result.refused, []);
    assert.match(readFileSync(file, 'utf8'), /return lambda: sum_to\(n - 1, /);
    const run = python(file, [String(DEEP)]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `sum ${deepSum}\n`);
  });

  test('100,000-deep recursion completes with --trampoline, and back down the output is unchanged', () => {
    const file = copy(join(PROGRAMS, 'deep_recursion.py'), 'deep.trampoline.py');
    const result = refactor(file, 'cps', ['--with-callers', '--trampoline']);
    assert.deepEqual(result.refused, []);
    assert.match(readFileSync(file, 'utf8'), /^def trampoline\(step\):/m);
    const deep = python(file, [String(DEEP)]);
    assert.equal(deep.status, 0, deep.stderr);
    assert.equal(deep.stdout, `sum ${deepSum}\n`);
    const shallow = python(join(PROGRAMS, 'deep_recursion.py'));
    assert.equal(python(file).stdout, shallow.stdout);
    step(file, 'direct', shallow.stdout);
  });

  test('a 100,000-step loop: plain CPS would overflow, so --to cps trampolines the loop unasked; the generator runner keeps it flat too', () => {
    const expected = python(join(PROGRAMS, 'long_loop.py')).stdout;
    const plain = copy(join(PROGRAMS, 'long_loop.py'), 'loop.plain.py');
    step(plain, 'cps', expected, ['--with-callers']);
    const text = readFileSync(plain, 'utf8');
    assert.match(text, /^def step\(total, i, cont\):\n {4}return cont\(total \+ i % 7\)$/m, 'the leaf stays plain');
    assert.match(text, /^trampoline\(main\(lambda _\w*: None\)\)$/m);
    // Moved up: the runner sends synchronous results back in a loop, not by recursion.
    step(plain, 'generator', expected);
    const trampolined = copy(join(PROGRAMS, 'long_loop.py'), 'loop.trampoline.py');
    step(trampolined, 'cps', expected, ['--with-callers', '--trampoline']);
  });
});

describe('own_runner.py already has an inline_callbacks of its own, which works differently', () => {
  const functions = ['add', 'total', 'main'].flatMap((f) => ['--function', f]);

  test('CPS → generator inserts the runner under a fresh name and leaves the module\'s own alone; back down removes only ours', () => {
    const expected = python(join(PROGRAMS, 'own_runner.py')).stdout;
    const file = copy(join(PROGRAMS, 'own_runner.py'), 'own_runner.py');
    step(file, 'generator', expected, functions);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^def inline_callbacks2\(generator_function\):$/m, 'the runner gets a name the module does not use');
    assert.match(text, /^@inline_callbacks2\ndef total\(xs\):$/m);
    assert.match(text, /^@inline_callbacks\ndef countdown\(n\):$/m, 'the module\'s own decorator is untouched');
    step(file, 'cps', expected, functions);
    // Back down, the recursion in total returns thunks (its plain form could outgrow the stack): otherwise the original text.
    const down = readFileSync(file, 'utf8');
    assert.doesNotMatch(down, /inline_callbacks2/);
    assert.match(down, /^@inline_callbacks\ndef countdown\(n\):$/m, 'the module\'s own decorator is untouched');
    assert.match(down, /^def total\(xs, cont\):\n {4}if not xs:\n {8}return lambda: cont\(0\)\n {4}return lambda: total\(xs\[1:\], /m);
    assert.match(down, /^trampoline\(main\(print\)\)$/m);
  });
});

describe('direct → CPS for the shapes that used to be refused, and on up as far as each rung takes them', () => {
  const shapes: readonly { name: string; cps: RegExp[] }[] = [
    // try/except/else/finally around calls, re-raise, types the handler does not catch, errors after the try.
    { name: 'handlers', cps: [/^def parse_int\(text, cont, on_error=None\):$/m, /^def read_all\(texts, cont\):$/m, /return lambda: parse_int\(text, after_parse_int, lambda error\d*: after_parse_int\(None, error\d*\)\)/] },
    // Defaults, keyword-only parameters, *args and **kwargs; callers passing keywords, * and ** arguments.
    { name: 'keyword_only', cps: [/^def greet\(name, greeting="hello", \*, punctuation="!", cont\):$/m, /^def total\(first, \*rest, cont\):$/m, /^def describe\(kind, \*, cont, \*\*fields\):$/m, /describe\("pen", \*\*options, cont=/] },
    // A counter in a closure (nonlocal) returned by a converted function.
    { name: 'direct/closures', cps: [/^def make_counter\(cont\):$/m, /^ {8}return count$/m] },
  ];
  for (const shape of shapes) {
    test(`${shape.name}.py: every function converts to CPS and prints the same; each rung above keeps the output`, () => {
      const expected = python(join(PROGRAMS, `${shape.name}.py`)).stdout;
      assert.notEqual(expected, '');
      const file = copy(join(PROGRAMS, `${shape.name}.py`), `${base(shape.name)}.shape.py`);
      const cps = stepKeeping(file, 'cps', expected, ['--with-callers']);
      assert.deepEqual(cps.refused, []);
      const text = readFileSync(file, 'utf8');
      for (const pattern of shape.cps) assert.match(text, pattern, text);
      stepKeeping(file, 'generator', expected);
      stepKeeping(file, 'async', expected);
      const down = copy(join(PROGRAMS, `${shape.name}.py`), `${base(shape.name)}.down.py`);
      stepKeeping(down, 'cps', expected, ['--with-callers']);
      stepKeeping(down, 'direct', expected);
    });
  }

  test('module-level code that needs a result: assignments get a named continuation, the program prints the same', () => {
    const file = copy(join(PROGRAMS, 'module_level.py'), 'module_level.py');
    const expected = python(file).stdout;
    assert.notEqual(expected, '');
    step(file, 'cps', expected, ['--with-callers']);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^def after_area\(area_result\):\n {4}global size\n {4}size = area_result\narea\(5, cont=after_area\)$/m);
    assert.doesNotMatch(text, /\(lambda[^)]*\)\(/, 'no immediately-called lambda');
  });
});
