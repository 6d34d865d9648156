// Every sub-command of the built CLI against hostile and huge inputs, each run
// under a time and a memory limit: it must end with 0, 1 or 2, never a crash,
// a hang or a stack trace, and an input it cannot take gets one clear line.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAX_NESTING_DEPTH, MAX_SOURCE_BYTES } from '../../extension/engine';
import { andChain, manyCoroutines, manyFunctions } from './generators';
import { MEMORY_LIMIT_MB, registeredInvocations, runBounded, type BoundedRun } from './runBounded';

const scratch = mkdtempSync(join(tmpdir(), 'cl-hostile-'));
const invocations = registeredInvocations();

function write(name: string, content: string | Uint8Array, dir = scratch): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Ended by itself with a documented code, within the memory limit, with no trace of a crash. */
function assertBounded(run: BoundedRun, what: string): void {
  assert.equal(run.signal, null, `${what}: killed at the time limit`);
  assert.ok(run.status === 0 || run.status === 1 || run.status === 2, `${what}: exit ${String(run.status)}\n${run.stderr.slice(0, 2000)}`);
  assert.ok(run.peakMb < MEMORY_LIMIT_MB, `${what}: peak ${run.peakMb.toFixed(0)} MB`);
  assert.doesNotMatch(run.stderr, /internal error|\n\s+at /, `${what}: ${run.stderr.slice(0, 2000)}`);
  // eslint-disable-next-line no-control-regex -- no raw control character may reach the terminal
  assert.doesNotMatch(run.stderr, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, `${what}: raw control characters`);
}

/** Refused with exit 2 and exactly one line that says why. */
function assertRefused(run: BoundedRun, what: string, why: RegExp): void {
  assertBounded(run, what);
  assert.equal(run.status, 2, `${what}: ${run.stderr}`);
  assert.match(run.stderr, /^concept-lenses: [^\n]+\n$/, `${what}: not one line: ${run.stderr}`);
  assert.match(run.stderr, why, what);
}

const refusedFiles: { readonly name: string; readonly make: () => string; readonly why: RegExp }[] = [
  { name: 'a 5,000-term and chain', make: () => write('and.py', andChain(5000)), why: /and\.py:1:\d+: nesting deeper than \d+ levels/ },
  { name: '3,000 nested parentheses', make: () => write('parens.py', `x = ${'('.repeat(3000)}1${')'.repeat(3000)}\n`), why: /nesting deeper than/ },
  {
    name: '500 nested blocks',
    make: () => write('blocks.py', `${Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}if a:\n`).join('')}${' '.repeat(500)}pass\n`),
    why: /nesting deeper than/,
  },
  {
    name: 'a FIFO',
    make: () => {
      const path = join(scratch, 'fifo.py');
      execFileSync('mkfifo', [path]);
      return path;
    },
    why: /fifo\.py: cannot read file \(not a regular file\)/,
  },
  {
    name: 'a symbolic link to /dev/zero',
    make: () => {
      const path = join(scratch, 'zero.py');
      symlinkSync('/dev/zero', path);
      return path;
    },
    why: /zero\.py: cannot read file \(not a regular file\)/,
  },
  {
    name: 'a file over the size limit',
    make: () => {
      const path = write('huge.py', '');
      truncateSync(path, MAX_SOURCE_BYTES + 1);
      return path;
    },
    why: new RegExp(`huge\\.py: file is ${String(MAX_SOURCE_BYTES + 1)} bytes; the limit is ${String(MAX_SOURCE_BYTES)}`),
  },
  {
    name: 'a hostile name and a syntax error full of terminal escapes and NULs',
    make: () => write('e\u001b[31m\nname.py', 'x = 1\ny = "\u001b]0;pwned\u0007\u0000\u202e"(\n'),
    why: /e⟨U\+001B⟩\[31m⟨U\+000A⟩name\.py:2:1: syntax error near 'y = "⟨U\+001B⟩\]0;pwned⟨U\+0007⟩⟨U\+0000⟩⟨U\+202E⟩"\('/,
  },
  { name: 'binary bytes', make: () => write('binary.py', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))), why: /binary\.py: file is not valid utf-8/ },
];

for (const input of refusedFiles) {
  test(`every sub-command refuses ${input.name} with one line and exit 2`, async () => {
    const path = input.make();
    for (const { args } of invocations) assertRefused(await runBounded([...args, path]), `${args.join(' ')} on ${input.name}`, input.why);
  });
}

const acceptedFiles: { readonly name: string; readonly make: () => string }[] = [
  { name: `an and chain just under the nesting bound (${String(MAX_NESTING_DEPTH)})`, make: () => write('shallow.py', andChain(MAX_NESTING_DEPTH - 20)) },
  {
    name: 'lone-CR line breaks',
    make: () => write('cr.py', 'import asyncio\rS = 0\rasync def f():\r    global S\r    x = S\r    await asyncio.sleep(0)\r    S = x + 1\r'),
  },
  { name: '100 coroutines × 50 awaits on one global', make: () => write('coroutines.py', manyCoroutines(100, 50)) },
  { name: '3,000 chained direct functions', make: () => write('functions.py', manyFunctions(3000)) },
];

for (const input of acceptedFiles) {
  test(`every sub-command takes ${input.name} within the limits`, async () => {
    const path = input.make();
    for (const { args } of invocations) {
      const run = await runBounded([...args, path]);
      assertBounded(run, `${args.join(' ')} on ${input.name}`);
      assert.notEqual(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    }
  });
}

test('a directory with a FIFO, a link to /dev/zero and a too-deep file: the rest is analysed, each bad file named once', async () => {
  const dir = join(scratch, 'project');
  mkdirSync(dir);
  execFileSync('mkfifo', [join(dir, 'pipe.py')]);
  symlinkSync('/dev/zero', join(dir, 'zero.py'));
  write('deep.py', andChain(5000), dir);
  write('state.py', 'n = 0\n', dir);
  const app = write('app.py', 'import state\n\nasync def bump():\n    x = state.n\n    await tick()\n    state.n = x + 1\n', dir);
  for (const { args, takesDirectories } of invocations) {
    // A file beside hostile neighbours is analysed as if they were not there.
    const single = await runBounded([...args, app]);
    assertBounded(single, `${args.join(' ')} app.py`);
    assert.notEqual(single.status, 2, single.stderr);
    if (!takesDirectories) continue;
    // A command that prints one file's new source takes a directory with --json.
    const whole = await runBounded([...args, ...(args[0] === 'refactor' ? ['--json'] : []), dir]);
    assertRefused(whole, `${args.join(' ')} on the directory`, /deep\.py:1:\d+: nesting deeper than/);
    assert.match(whole.stdout, /app\.py/);
  }
});

test('a file beside three large modules it does not import reads none of them', async () => {
  const dir = join(scratch, 'neighbours');
  mkdirSync(dir);
  const small = write('small.py', 'import asyncio\nS = 0\nasync def f():\n    global S\n    x = S\n    await asyncio.sleep(0)\n    S = x + 1\n', dir);
  const baseline = await runBounded(['interleavings', small]);
  for (const name of ['big_a.py', 'big_b.py', 'big_c.py']) write(name, manyFunctions(30_000), dir);
  const run = await runBounded(['interleavings', small]);
  assertBounded(run, 'interleavings small.py');
  assert.equal(run.status, 1);
  // Parsing 6 MB of neighbours would cost hundreds of megabytes.
  assert.ok(run.peakMb < baseline.peakMb + 40, `peak ${run.peakMb.toFixed(0)} MB against ${baseline.peakMb.toFixed(0)} MB alone`);
});

test('a reader that closes the pipe early ends the output quietly with the command’s own exit code', async () => {
  const path = write('many.py', manyFunctions(20_000));
  for (const { args } of invocations) {
    const run = await runBounded([...args, path], { stdout: 'close-early' });
    assertBounded(run, `${args.join(' ')} | head`);
    assert.notEqual(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
  }
});

test('a full stdout is one line and exit 2', async () => {
  const path = write('listing.py', manyFunctions(20_000));
  const full = openSync('/dev/full', 'w');
  try {
    const run = await runBounded(['functions', path], { stdout: full });
    assertRefused(run, 'functions > /dev/full', /cannot write the output \(ENOSPC\)/);
  } finally {
    closeSync(full);
  }
});
