// The trust suite (issue 15): for every class of silent behaviour change the
// ladder once made, programs in real Twisted, Tornado and asyncio shapes run
// before and after the built CLI converts them. Each function is either
// converted, and the program prints the same bytes, or refused with the code
// its header expects. A program's header says:
//   # to: async|generator|cps|direct
//   # expect-refused: name=code, ...   (or `(none)`)
//   # expect-converted: name, ...
//   # args: extra refactor arguments (e.g. --public-api refuse)
//   # run: support/FILE.py   (run that instead, importing the converted module)
// `asyncio_*` programs run under the asyncio.coroutine shim (gone in 3.11),
// the rest under /usr/bin/python3, which has Debian's Tornado and Twisted.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CLI, runCli } from '../helpers/cli';

const PROGRAMS = join(__dirname, 'programs', 'trust');
const SHIM = join(__dirname, 'programs', 'async', 'asyncio_shim.py');
const SYSTEM_PYTHON = '/usr/bin/python3';
const work = mkdtempSync(join(tmpdir(), 'concept-lenses-trust-'));
after(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Refused {
  readonly function: string;
  readonly code: string;
  readonly line: number;
}

function header(source: string, key: string): string | undefined {
  return new RegExp(`^# ${key}: (.*)$`, 'm').exec(source)?.[1]?.trim();
}

function list(value: string | undefined): string[] {
  return value === undefined || value === '(none)' ? [] : value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function runPython(file: string, cwd: string, shim: boolean, importable: string): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, PYTHONHASHSEED: '0', PYTHONPATH: importable };
  const result = spawnSync(shim ? 'python3' : SYSTEM_PYTHON, shim ? [SHIM, file] : [file], { cwd, encoding: 'utf8', timeout: 60_000, env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const programs = readdirSync(PROGRAMS).filter((f) => f.endsWith('.py')).sort();

describe('every refactor keeps behaviour or refuses with the expected code', () => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  for (const name of programs) {
    test(name, () => {
      const source = readFileSync(join(PROGRAMS, name), 'utf8');
      const to = header(source, 'to');
      assert.ok(to, `${name} must say which rung it goes to`);
      const dir = join(work, basename(name, '.py'));
      mkdirSync(dir);
      const copy = join(dir, name);
      copyFileSync(join(PROGRAMS, name), copy);
      // A user module runs from a folder of its own, so the refactor does not see it: its uses are unseen.
      const run = header(source, 'run');
      const runDir = run ? join(dir, 'user') : dir;
      if (run) {
        mkdirSync(runDir);
        copyFileSync(join(PROGRAMS, run), join(runDir, basename(run)));
      }
      const entry = run ? basename(run) : name;
      const shim = name.startsWith('asyncio_');
      const python = (file: string, withShim: boolean): ReturnType<typeof runPython> => runPython(file, runDir, withShim, dir);

      const before = python(entry, shim);
      assert.equal(before.status, 0, `the original must run: ${before.stderr}`);
      assert.notEqual(before.stdout, '', 'the program must print something to compare');

      const cli = runCli(['refactor', copy, '--to', to, '--write', '--json', ...list(header(source, 'args')).flatMap((a) => a.split(' '))]);
      assert.ok(cli.status === 0 || cli.status === 1, `refactor failed (${String(cli.status)}): ${cli.stderr}`);
      const [file] = (JSON.parse(cli.stdout) as { files: { converted: string[]; refused: Refused[] }[] }).files;
      assert.ok(file);
      const refused = Object.fromEntries(file.refused.map((r) => [r.function, r.code]));
      const expectedRefused = Object.fromEntries(list(header(source, 'expect-refused')).map((pair): [string, string] => [pair.split('=')[0]?.trim() ?? '', pair.split('=')[1]?.trim() ?? '']));
      assert.deepEqual(refused, expectedRefused, `refusals: ${JSON.stringify(file.refused)}`);
      for (const r of file.refused) assert.ok(r.line > 0, `${r.function}'s refusal names a line`);
      assert.deepEqual([...file.converted].sort(), list(header(source, 'expect-converted')).sort());

      const afterRun = python(entry, shim && file.refused.length > 0);
      assert.equal(afterRun.stderr.includes('RuntimeWarning'), false, afterRun.stderr);
      assert.equal(afterRun.status, before.status, afterRun.stderr);
      assert.equal(afterRun.stdout, before.stdout);
    });
  }
});

describe('--html never overwrites what it reads', () => {
  for (const how of ['the same name', 'a symbolic link', 'a hard link'] as const) {
    test(`an output that is an input through ${how} is refused (exit 2) and the source is unchanged`, () => {
      const dir = mkdtempSync(join(work, 'html-'));
      const source = join(dir, 'shop.py');
      const text = 'import asyncio\n\nSTOCK = 1\n\n\nasync def take():\n    global STOCK\n    n = STOCK\n    await asyncio.sleep(0)\n    STOCK = n - 1\n';
      writeFileSync(source, text);
      let out = source;
      if (how === 'a symbolic link') symlinkSync(source, (out = join(dir, 'link.html')));
      if (how === 'a hard link') linkSync(source, (out = join(dir, 'hard.html')));
      const cli = runCli(['interleavings', source, '--html', out]);
      assert.equal(cli.status, 2, cli.stderr);
      assert.match(cli.stderr, /one of the files analysed/);
      assert.equal(readFileSync(source, 'utf8'), text);
    });
  }
});

describe("Python 3.4's asyncio.async(...) is read by every command", () => {
  const source = 'import asyncio\n\nCOUNT = 0\n\n\n@asyncio.coroutine\ndef bump():\n    global COUNT\n    task = asyncio.async(asyncio.sleep(0))\n    n = COUNT\n    yield from task\n    COUNT = n + 1\n';
  for (const args of [['functions'], ['concepts'], ['interleavings'], ['refactor', '--to', 'generator', '--check'], ['refactor', '--to', 'cps', '--check']]) {
    test(args.join(' '), () => {
      const dir = mkdtempSync(join(work, 'legacy-'));
      const path = join(dir, 'legacy.py');
      writeFileSync(path, source);
      const cli = runCli([args[0] ?? '', path, ...args.slice(1)]);
      assert.ok(cli.status === 0 || cli.status === 1, `exit ${String(cli.status)}: ${cli.stderr}`);
      assert.doesNotMatch(cli.stderr, /syntax error/);
      assert.equal(readFileSync(path, 'utf8'), source, 'nothing is written');
    });
  }
});
