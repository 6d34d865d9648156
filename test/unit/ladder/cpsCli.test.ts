// `concept-lenses refactor --to cps|generator|direct`, run as a user runs it
// (the built CLI; npm test builds first).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli';

const scratch = mkdtempSync(join(tmpdir(), 'cl-ladder-cli-'));
let counter = 0;
function pyFile(content: string): string {
  const dir = join(scratch, String(++counter));
  mkdirSync(dir);
  const path = join(dir, 'mod.py');
  writeFileSync(path, content);
  return path;
}

const DIRECT = 'def square(x):\n    return x * x\n\n\ndef main():\n    print(square(7))\n\n\nmain()\n';
const CPS = 'def square(x, cont):\n    return cont(x * x)\n\n\ndef main(cont):\n    def after_square(square_result):\n        print(square_result)\n        return cont(None)\n    return square(7, after_square)\n\n\nmain(lambda _: None)\n';

interface Report {
  files: { path: string; converted: string[]; refused: { function: string; code: string; message: string; line: number; defLine: number }[] }[];
}

test('--to cps prints the CPS form; --to direct brings the original back', () => {
  const path = pyFile(DIRECT);
  const up = runCli(['refactor', path, '--to', 'cps']);
  assert.equal(up.status, 0, up.stderr);
  assert.equal(up.stdout, CPS);
  assert.equal(readFileSync(path, 'utf8'), DIRECT, 'printing does not write');
  const cpsPath = pyFile(CPS);
  const down = runCli(['refactor', cpsPath, '--to', 'direct']);
  assert.equal(down.status, 0, down.stderr);
  assert.equal(down.stdout, DIRECT, 'the round trip gives back the original');
});

test('--diff, --check and --write on the way to the generator rung', () => {
  const path = pyFile(CPS);
  const diff = runCli(['refactor', path, '--to', 'generator', '--diff']);
  assert.equal(diff.status, 0, diff.stderr);
  assert.match(diff.stdout, /^\+def inline_callbacks\(generator_function\):$/m);
  assert.match(diff.stdout, /^-def square\(x, cont\):$/m);
  assert.match(diff.stdout, /^\+@inline_callbacks\n\+def square\(x\):$/m);
  assert.equal(runCli(['refactor', path, '--to', 'generator', '--check']).status, 1);
  assert.equal(runCli(['refactor', path, '--to', 'generator', '--write']).status, 0);
  assert.match(readFileSync(path, 'utf8'), /@inline_callbacks\ndef main\(\):\n {4}square_result = yield square\(7\)\n {4}print\(square_result\)\n\n\nmain\(\)\(lambda _: None\)\n$/);
  assert.equal(runCli(['refactor', path, '--to', 'generator', '--check']).status, 0);
});

test('--function alone refuses when a caller would break (exit 1, JSON reason); --with-callers converts both', () => {
  const path = pyFile(DIRECT);
  const alone = runCli(['refactor', path, '--to', 'cps', '--function', 'square', '--json']);
  assert.equal(alone.status, 1, alone.stderr);
  const [file] = (JSON.parse(alone.stdout) as Report).files;
  assert.ok(file);
  assert.deepEqual(file.converted, []);
  assert.deepEqual(file.refused.map((r) => [r.function, r.code, r.line, r.defLine]), [['square', 'needs-callers', 6, 1]], 'blocked by the call in main, on line 6');
  assert.match(file.refused[0]?.message ?? '', /called by main \(line 5\).*convert it with its callers/);
  const both = runCli(['refactor', path, '--to', 'cps', '--function', 'square', '--with-callers', '--json']);
  assert.equal(both.status, 0, both.stderr);
  assert.deepEqual((JSON.parse(both.stdout) as Report).files[0]?.converted.sort(), ['main', 'square']);
});

test('--trampoline adds the trampoline and runs the module-level call under it', () => {
  const path = pyFile(DIRECT);
  const run = runCli(['refactor', path, '--to', 'cps', '--trampoline']);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(run.stdout.startsWith('# region Concept Lenses helper\ndef trampoline(step):\n'), 'first, in a folded region');
  assert.match(run.stdout, /def square\(x, cont\):\n {4}return lambda: cont\(x \* x\)\n/);
  assert.match(run.stdout, /\ntrampoline\(main\(lambda _: None\)\)\n$/);
});
