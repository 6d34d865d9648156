// The built CLI, run as a user runs it (npm test builds before the unit tests).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';

const scratch = mkdtempSync(join(tmpdir(), 'cl-cli-'));
function pyFile(name: string, content: string | Uint8Array): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

test('functions --json prints dotted names with 1-based line ranges', () => {
  const run = runCli(['functions', 'examples/shapes.py', '--json']);
  assert.equal(run.status, 0, run.stderr);
  const json = JSON.parse(run.stdout) as { files: { path: string; functions: { name: string; line: number; endLine: number }[] }[] };
  const [file] = json.files;
  assert.ok(file);
  assert.equal(file.path, 'examples/shapes.py');
  const names = file.functions.map((f) => f.name);
  assert.deepEqual(names, ['logged', 'logged.wrapper', 'Counter', 'Counter.__init__', 'Counter.bump', 'Counter.__repr__', 'countdown']);
  assert.deepEqual(file.functions.find((f) => f.name === 'Counter.bump'), { name: 'Counter.bump', line: 19, endLine: 21 });
});

test('a syntax error exits 2 with one line naming file:line:column, no stack trace', () => {
  const path = pyFile('broken.py', 'def ok():\n    pass\n\ndef broken(:\n    pass\n');
  const run = runCli(['functions', path]);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, new RegExp(`^concept-lenses: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+: syntax error.*\\n$`));
});

test('unreadable input, bad encodings and bad usage exit 2 with a one-line message', () => {
  const cases: [string[], RegExp][] = [
    [['functions', join(scratch, 'missing.py')], /missing\.py: cannot read file \(ENOENT\)\n$/],
    [['functions', scratch], /cannot read file \(is a directory\)\n$/],
    [['functions', pyFile('latin.py', Buffer.from('s = "\u00e9"\n', 'latin1'))], /latin\.py: file is not valid utf-8/],
    [['functions', '--nope', 'x.py'], /Unknown option '--nope'/],
    [['functions'], /no input files/],
    [['frobnicate', 'x.py'], /unknown command 'frobnicate'/],
  ];
  for (const [args, pattern] of cases) {
    const run = runCli(args);
    assert.equal(run.status, 2, args.join(' '));
    assert.match(run.stderr, pattern);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  }
});

test('CRLF files and tabs parse; --help and --version answer', () => {
  const path = pyFile('crlf.py', 'class K:\r\n\tdef m(self):\r\n\t\treturn 1\r\n');
  const run = runCli(['functions', path]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /2-3\s+K\.m/);
  const version = runCli(['--version']);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  const help = runCli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /functions/);
});
