// `concept-lenses refactor`, run as a user runs it (npm test builds first).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli';

const scratch = mkdtempSync(join(tmpdir(), 'cl-refactor-'));
let counter = 0;
function pyFile(content: string | Uint8Array): string {
  const dir = join(scratch, String(++counter));
  mkdirSync(dir);
  const path = join(dir, 'mod.py');
  writeFileSync(path, content);
  return path;
}

const LEGACY = 'import asyncio\n\n\n@asyncio.coroutine\ndef nap():\n    yield from asyncio.sleep(0)\n\n\n@asyncio.coroutine\ndef main():\n    yield from nap()\n';
const NATIVE = 'import asyncio\n\n\nasync def nap():\n    await asyncio.sleep(0)\n\n\nasync def main():\n    await nap()\n';

test('default prints the new source of one file and exits 0', () => {
  const path = pyFile(LEGACY);
  const run = runCli(['refactor', path, '--to', 'async']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, NATIVE);
  assert.equal(readFileSync(path, 'utf8'), LEGACY, 'printing does not write');
});

test('--diff prints a unified diff; --check exits 1 while anything would change, 0 after --write', () => {
  const path = pyFile(LEGACY);
  const diff = runCli(['refactor', path, '--to', 'async', '--diff']);
  assert.equal(diff.status, 0, diff.stderr);
  assert.match(diff.stdout, /^--- .*mod\.py\n\+\+\+ .*mod\.py\n@@ -1,11 \+1,9 @@\n import asyncio\n \n \n-@asyncio\.coroutine\n-def nap\(\):\n/);
  assert.equal(runCli(['refactor', path, '--to', 'async', '--check']).status, 1);
  const write = runCli(['refactor', path, '--to', 'async', '--write']);
  assert.equal(write.status, 0, write.stderr);
  assert.equal(readFileSync(path, 'utf8'), NATIVE);
  assert.equal(runCli(['refactor', path, '--to', 'async', '--check']).status, 0);
});

test('--write keeps CRLF line breaks and a BOM, and leaves no temporary file behind', () => {
  const crlf = LEGACY.replace(/\n/g, '\r\n');
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, 'utf8')]);
  const path = pyFile(bytes);
  const run = runCli(['refactor', path, '--to', 'async', '--write']);
  assert.equal(run.status, 0, run.stderr);
  const written = readFileSync(path);
  assert.deepEqual([...written.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(written.subarray(3).toString('utf8'), NATIVE.replace(/\n/g, '\r\n'));
  assert.deepEqual(readdirSync(join(path, '..')), ['mod.py']);
});

test('--write keeps a latin-1 file in latin-1', () => {
  const text = '# -*- coding: latin-1 -*-\nimport asyncio\n\n@asyncio.coroutine\ndef café():\n    yield from asyncio.sleep(0)\n';
  const path = pyFile(Buffer.from(text, 'latin1'));
  assert.equal(runCli(['refactor', path, '--to', 'async', '--write']).status, 0);
  assert.equal(readFileSync(path).toString('latin1'), '# -*- coding: latin-1 -*-\nimport asyncio\n\nasync def café():\n    await asyncio.sleep(0)\n');
});

test('--json reports converted and refused functions; a refusal exits 1 and the rest still convert', () => {
  const path = pyFile(LEGACY + '\n\n@asyncio.coroutine\ndef bad():\n    yield 1\n');
  const run = runCli(['refactor', path, '--to', 'async', '--write', '--json']);
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as { files: { path: string; converted: string[]; refused: { function: string; code: string; message: string; line: number; defLine: number }[] }[] };
  const [file] = report.files;
  assert.ok(file);
  assert.deepEqual(file.converted, ['nap', 'main']);
  assert.equal(file.path, path);
  assert.deepEqual(file.refused.map((r) => [r.function, r.code, r.line, r.defLine]), [['bad', 'driven-by-hand', 16, 15]], 'blocked by the yield of a plain value');
  assert.match(readFileSync(path, 'utf8'), /async def main\(\):[\s\S]*@asyncio\.coroutine\ndef bad\(\):\n {4}yield 1\n$/);
});

test('--function converts only the named function; its generator callers make it refuse unless --with-callers', () => {
  const path = pyFile(LEGACY);
  const single = runCli(['refactor', path, '--to', 'async', '--function', 'main']);
  assert.equal(single.status, 0, single.stderr);
  assert.match(single.stdout, /@asyncio\.coroutine\ndef nap\(\):[\s\S]*async def main\(\):\n {4}await nap\(\)/);
  const undecorated = pyFile('import asyncio\n\n@asyncio.coroutine\ndef nap():\n    yield from asyncio.sleep(0)\n\ndef helper():\n    yield from nap()\n');
  const refused = runCli(['refactor', undecorated, '--to', 'async', '--function', 'nap']);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /nap: is delegated to with yield from by helper \(line 7\)/);
  const both = runCli(['refactor', undecorated, '--to', 'async', '--function', 'nap', '--with-callers']);
  assert.equal(both.status, 0, both.stderr);
  assert.match(both.stdout, /async def helper\(\):\n {4}await nap\(\)/);
});

test('asyncio.async(...), a syntax error since Python 3.7, is respelled ensure_future so the file converts', () => {
  const path = pyFile('import asyncio\n\n@asyncio.coroutine\ndef tick():\n    yield from asyncio.sleep(0)\n\ntask = asyncio.async(tick())\n');
  const run = runCli(['refactor', path, '--to', 'async']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'import asyncio\n\nasync def tick():\n    await asyncio.sleep(0)\n\ntask = asyncio.ensure_future(tick())\n');
  const listed = runCli(['functions', path]);
  assert.equal(listed.status, 0, `every command reads it the same way: ${listed.stderr}`);
  assert.match(listed.stdout, /tick/);
});

test('bad usage and unparsable input exit 2 with one line; a batch still converts its other files', () => {
  const path = pyFile(LEGACY);
  const cases: string[][] = [
    ['refactor', path, '--to', 'sideways'],
    ['refactor', path],
    ['refactor', path, '--to', 'async', '--write', '--diff'],
    ['refactor', path, '--to', 'async', '--function', 'nope', '--write'],
    ['refactor', path, path, '--to', 'async'],
    ['refactor', pyFile('def broken(:\n'), '--to', 'async'],
  ];
  for (const args of cases) {
    const run = runCli(args);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  }
  assert.equal(readFileSync(path, 'utf8'), LEGACY);
  // With several files, an unparsable one is reported in one line and left as it is; the rest of the batch still runs (exit 2 at the end).
  const broken = pyFile('def broken(:\n');
  const batch = runCli(['refactor', path, broken, '--to', 'async', '--write']);
  assert.equal(batch.status, 2);
  assert.match(batch.stderr, /converted nap, main/);
  assert.equal(batch.stderr.split('\n').filter((line) => line.startsWith('concept-lenses: ')).length, 1, batch.stderr);
  assert.match(readFileSync(path, 'utf8'), /async def nap/);
  assert.equal(readFileSync(broken, 'utf8'), 'def broken(:\n');
});
