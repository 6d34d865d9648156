// Writing a refactored file back: every way a careless write loses data, tried
// on real files in a temporary directory.
import assert from 'node:assert/strict';
import { chmodSync, chownSync, linkSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CliError } from '../../../extension/cli/exitCodes';
import { encodeLike, writeInPlace } from '../../../extension/cli/writeInPlace';

const dir = mkdtempSync(join(tmpdir(), 'write-in-place-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

let count = 0;
function file(text: string | Uint8Array): string {
  const path = join(dir, `f${String(++count)}.py`);
  writeFileSync(path, text);
  return path;
}

test('through a symbolic link: the target gets the new text and the link stays a link', () => {
  const target = file('old\n');
  const link = join(dir, 'link.py');
  symlinkSync(target, link);
  writeInPlace(link, 'new\n', readFileSync(link));
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readFileSync(target, 'utf8'), 'new\n');
});

test('a hard-linked file keeps sharing one inode', () => {
  const first = file('old\n');
  const second = join(dir, 'second.py');
  linkSync(first, second);
  writeInPlace(first, 'new and longer\n', readFileSync(first));
  assert.equal(statSync(first).ino, statSync(second).ino);
  assert.equal(readFileSync(second, 'utf8'), 'new and longer\n');
  writeInPlace(first, 'x\n', readFileSync(first));
  assert.equal(readFileSync(second, 'utf8'), 'x\n', 'a shorter text is not followed by the old tail');
});

test('mode, owner and group are kept', () => {
  const path = file('old\n');
  chmodSync(path, 0o751);
  const root = process.getuid?.() === 0;
  if (root) chownSync(path, 4321, 8765);
  writeInPlace(path, 'new\n', readFileSync(path));
  const stat = statSync(path);
  assert.equal(stat.mode & 0o7777, 0o751);
  if (root) assert.deepEqual([stat.uid, stat.gid], [4321, 8765]);
});

test('a read-only file, or one changed since it was read, is refused and left as it was', () => {
  const readOnly = file('old\n');
  chmodSync(readOnly, 0o444);
  assert.throws(() => { writeInPlace(readOnly, 'new\n', readFileSync(readOnly)); }, (e: unknown) => e instanceof CliError && /read-only/.test(e.message));
  assert.equal(readFileSync(readOnly, 'utf8'), 'old\n');
  const saved = file('old\n');
  const seen = readFileSync(saved);
  writeFileSync(saved, 'saved by the user\n');
  assert.throws(() => { writeInPlace(saved, 'new\n', seen); }, (e: unknown) => e instanceof CliError && /changed on disk/.test(e.message));
  assert.equal(readFileSync(saved, 'utf8'), 'saved by the user\n');
});

test('no temporary file is left behind, and a file at an old-style temporary name is untouched', () => {
  const path = file('old\n');
  const bystander = join(dir, `.${path.split('/').pop() ?? ''}.${String(process.pid)}.concept-lenses.tmp`);
  writeFileSync(bystander, 'not ours');
  writeInPlace(path, 'new\n', readFileSync(path));
  assert.equal(readFileSync(bystander, 'utf8'), 'not ours');
  assert.deepEqual(readdirSync(dir).filter((n) => n.includes('concept-lenses.tmp') && !n.includes(String(process.pid))), []);
});

test('the encoding and BOM the file had are kept', () => {
  const latin = Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nname = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]);
  assert.deepEqual(Buffer.from(encodeLike('x.py', '# -*- coding: latin-1 -*-\nname = "café"\n', latin)), latin);
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x = 1\n')]);
  const path = file(bom);
  writeInPlace(path, 'x = 2\n', readFileSync(path));
  assert.deepEqual(readFileSync(path), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x = 2\n')]));
  const cp1252 = Buffer.concat([Buffer.from('# coding: cp1252\nprice = "'), Buffer.from([0x80]), Buffer.from('5"\n')]);
  assert.deepEqual(Buffer.from(encodeLike('y.py', '# coding: cp1252\nprice = "€5"\n', cp1252)), cp1252);
});

test('cp1252 decodes as Python does: 0x80 is the euro sign, 0x81 refuses the file', async () => {
  const { decodePythonSource } = await import('../../../extension/engine');
  const euro = decodePythonSource(Buffer.concat([Buffer.from('# coding: cp1252\ns = "'), Buffer.from([0x80, 0x85, 0x93]), Buffer.from('"\n')]));
  assert.ok(euro.ok);
  assert.equal(euro.text, '# coding: cp1252\ns = "€…“"\n');
  const bad = decodePythonSource(Buffer.concat([Buffer.from('# coding: cp1252\ns = "'), Buffer.from([0x81]), Buffer.from('"\n')]));
  assert.equal(bad.ok, false);
});
