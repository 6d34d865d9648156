// Method families split between native and generator-based coroutines keep
// behaviour: each program under programs/families (an abstract base whose
// method never awaits, with overrides that do) runs with python3 and with
// Debian's /usr/bin/python3, moves --to generator through the built CLI
// (the base stays native, the overrides become @types.coroutine), prints the
// same bytes under both, and --to async brings back the original text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI, runCli } from '../helpers/cli';

const PROGRAMS = join(__dirname, 'programs', 'families');
const INTERPRETERS = ['python3', '/usr/bin/python3'];

interface Report {
  readonly files: readonly { converted: string[]; refused: { function: string; code: string; line: number }[] }[];
}

let work = '';

function run(interpreter: string, file: string): string {
  const result = spawnSync(interpreter, [file], { cwd: work, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, `${interpreter} ${file}:\n${result.stderr}\n${readFileSync(file, 'utf8')}`);
  return result.stdout;
}

function refactor(file: string, to: string, functions: readonly string[] = []): Report['files'][number] {
  const result = runCli(['refactor', file, '--to', to, '--write', '--json', ...functions.flatMap((f) => ['--function', f])]);
  assert.ok(result.status === 0 || result.status === 1, `refactor --to ${to} failed (${String(result.status)}): ${result.stderr}`);
  const [report] = (JSON.parse(result.stdout) as Report).files;
  assert.ok(report);
  return report;
}

/** `# generator-converts: A.m, B.m` and `# generator-refuses: C.m never-suspends, …` in a program's header. */
function header(source: string, key: string): string[] {
  const line = new RegExp(`^# ${key}: (.*)$`, 'm').exec(source)?.[1];
  assert.ok(line !== undefined, `the program declares ${key}`);
  return line.split(',').map((s) => s.trim()).sort();
}

before(() => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'concept-lenses-families-'));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const programs = readdirSync(PROGRAMS).filter((f) => f.endsWith('.py')).sort();

test('there are programs to run', () => {
  assert.ok(programs.length >= 2);
});

for (const name of programs) {
  describe(name, () => {
    test('--to generator moves the overrides alone and prints the same; --to async gives the original back', () => {
      const original = readFileSync(join(PROGRAMS, name), 'utf8');
      const file = join(mkdtempSync(join(work, 'program-')), name);
      copyFileSync(join(PROGRAMS, name), file);
      const printed = INTERPRETERS.map((python) => run(python, file));
      assert.notEqual(printed[0], '');

      const down = refactor(file, 'generator');
      assert.deepEqual([...down.converted].sort(), header(original, 'generator-converts'));
      assert.deepEqual(down.refused.map((r) => `${r.function} ${r.code}`).sort(), header(original, 'generator-refuses'));
      assert.match(readFileSync(file, 'utf8'), /@types\.coroutine/);
      assert.deepEqual(INTERPRETERS.map((python) => run(python, file)), printed, 'the generator form prints the same under each python');

      const up = refactor(file, 'async', down.converted);
      assert.deepEqual(up.refused, []);
      assert.equal(readFileSync(file, 'utf8'), original);
    });
  });
}
