// Behaviour is kept: every program under programs/async runs before and after
// the built CLI converts it, and prints the same bytes. asyncio originals run
// under a test-only shim restoring asyncio.coroutine (gone since Python 3.11);
// converted programs that still hold generator coroutines (refusals) run under
// it too, fully converted ones without it. Tornado and Twisted programs run
// with Debian's packages under /usr/bin/python3.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI, runCli } from '../helpers/cli';

const PROGRAMS = join(__dirname, 'programs', 'async');
const SHIM = join(PROGRAMS, 'asyncio_shim.py');
const SYSTEM_PYTHON = '/usr/bin/python3';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function python(interpreter: string, args: readonly string[], cwd: string): Run {
  const result = spawnSync(interpreter, args, { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PYTHONHASHSEED: '0' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `# expect-refused: a, b` / `# reverse-refused: main` lines in a program's header. */
function expected(source: string, key: string): string[] | undefined {
  const match = new RegExp(`^# ${key}: (.*)$`, 'm').exec(source);
  if (!match?.[1]) return undefined;
  return match[1].trim() === '(none)' ? [] : match[1].split(',').map((s) => s.trim()).sort();
}

interface Report {
  files: { path: string; converted: string[]; refused: { function: string; code: string; message: string; line: number; defLine: number }[] }[];
}

function convert(path: string, to: string, functions: readonly string[] = []): { status: number | null; report: Report } {
  const run = runCli(['refactor', path, '--to', to, '--write', '--json', ...functions.flatMap((f) => ['--function', f])]);
  assert.ok(run.status === 0 || run.status === 1, `refactor failed (${String(run.status)}): ${run.stderr}`);
  return { status: run.status, report: JSON.parse(run.stdout) as Report };
}

const programs = readdirSync(PROGRAMS).filter((f) => f.endsWith('.py') && f !== 'asyncio_shim.py').sort();
let work = '';

before(() => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const version = python('python3', ['-c', 'import sys; print(sys.version_info >= (3, 11))'], PROGRAMS);
  assert.equal(version.stdout.trim(), 'True', 'python3 must be 3.11 or newer, where asyncio.coroutine is gone');
  work = mkdtempSync(join(tmpdir(), 'concept-lenses-equivalence-'));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('generator coroutines → async/await keeps behaviour', () => {
  for (const name of programs) {
    test(name, () => {
      const source = readFileSync(join(PROGRAMS, name), 'utf8');
      const isAsyncio = name.startsWith('asyncio_');
      const interpreter = isAsyncio ? 'python3' : SYSTEM_PYTHON;
      // A folder of its own: the refactor sees the `.py` files beside a file as its project, and each program is one.
      const dir = mkdtempSync(join(work, 'program-'));
      const runOriginal = (file: string): Run => python(interpreter, isAsyncio ? [SHIM, file] : [file], dir);
      const copy = join(dir, name);
      copyFileSync(join(PROGRAMS, name), copy);

      const original = runOriginal(copy);
      assert.equal(original.status, 0, `the original must run: ${original.stderr}`);
      assert.notEqual(original.stdout, '', 'the program must print something to compare');

      const { status, report } = convert(copy, 'async');
      const [file] = report.files;
      assert.ok(file);
      const refusals = expected(source, 'expect-refused');
      assert.ok(refusals, `${name} must declare its expected refusals`);
      assert.deepEqual(file.refused.map((r) => r.function).sort(), refusals);
      assert.equal(status, refusals.length === 0 ? 0 : 1);
      for (const r of file.refused) assert.match(r.message, /\w{4,}.*\w{4,}/, `a reason the user can act on for ${r.function}`);
      assert.ok(file.converted.length > 0, 'something must convert');

      const converted = readFileSync(copy, 'utf8');
      assert.notEqual(converted, source);
      // Fully converted asyncio programs run without the shim: no asyncio.coroutine is left.
      const after = isAsyncio && refusals.length === 0 ? python(interpreter, [copy], dir) : runOriginal(copy);
      assert.equal(after.status, 0, `the converted program must run: ${after.stderr}\n${converted}`);
      assert.equal(after.stdout, original.stdout);

      const reverse = expected(source, 'reverse-refused');
      if (reverse) {
        // And back down for learners: native → @types.coroutine, still the same output on 3.11+.
        // Only the functions just converted: --to generator also takes CPS functions, another rung.
        const back = convert(copy, 'generator', file.converted);
        assert.deepEqual(back.report.files[0]?.refused.map((r) => r.function).sort(), reverse);
        const again = python(interpreter, [copy], dir);
        assert.equal(again.status, 0, again.stderr);
        assert.equal(again.stdout, original.stdout);
      }
    });
  }

  test('refused functions are left byte for byte as they were', () => {
    const name = 'asyncio_refusals.py';
    const copy = join(work, `untouched-${name}`);
    copyFileSync(join(PROGRAMS, name), copy);
    const before = readFileSync(copy, 'utf8');
    const { report } = convert(copy, 'async');
    const after = readFileSync(copy, 'utf8');
    for (const r of report.files[0]?.refused ?? []) {
      const definition = new RegExp(`\\n((?:@.*\\n)*def ${r.function}\\(.*\\n(?:(?: .*)?\\n)*?)(?=\\S)`).exec(before)?.[1];
      assert.ok(definition, `definition of ${r.function}`);
      assert.ok(after.includes(definition), `${r.function} must be untouched`);
    }
  });
});
