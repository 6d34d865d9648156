// Writing a refactored file back without ever losing data: through symbolic
// links (the target changes, the link stays a link), keeping hard links
// shared, the file's mode, owner and group, its encoding and BOM; never over
// a read-only file or one that changed since it was read; and atomically
// where the file has one name (a reader sees the old or the new text, never
// half of one), with a temporary name no other file can have.
import { randomBytes } from 'node:crypto';
import { type Stats, closeSync, fchmodSync, fchownSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decodePythonSource, encodeCp1252 } from '../engine';
import { CliError } from './exitCodes';

/** Replaces the text of `path`, whose bytes were `original` when it was read. */
export function writeInPlace(path: string, text: string, original: Uint8Array): void {
  const fail = (why: string): never => {
    throw new CliError(`${path}: ${why}; nothing was written`);
  };
  let target: string;
  try {
    target = realpathSync(path);
  } catch (error) {
    return fail(`cannot write (${errorCode(error)})`);
  }
  const before = statSync(target);
  if (!before.isFile()) fail('is not a regular file');
  if ((before.mode & 0o222) === 0) fail('is read-only');
  if (!sameBytes(readFileSync(target), original)) fail('changed on disk since it was read (saved elsewhere?)');
  const bytes = encodeLike(path, text, original);
  try {
    if (before.nlink > 1) overwrite(target, bytes);
    else replaceAtomically(target, bytes, before);
  } catch (error) {
    if (error instanceof CliError) throw error;
    fail(`cannot write (${errorCode(error)})`);
  }
}

/** The new text in the bytes the file used: its declared encoding, and its BOM if it had one. */
export function encodeLike(path: string, text: string, original: Uint8Array): Uint8Array {
  const decoded = decodePythonSource(original);
  const encoding = decoded.ok ? decoded.encoding : 'utf-8';
  const hasBom = original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf;
  if (encoding === 'utf-8') {
    const body = Buffer.from(text, 'utf8');
    return hasBom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  }
  const cannot = new CliError(`${path}: cannot write the new text back in ${encoding}; nothing was written`);
  if (encoding === 'latin-1') {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) throw cannot;
    return Buffer.from(text, 'latin1');
  }
  if (encoding === 'windows-1252') {
    const bytes = encodeCp1252(text);
    if (!bytes) throw cannot;
    return bytes;
  }
  // Other single-byte encodings: every character must map back to the byte it came from.
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    throw cannot;
  }
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const byte = table.get(text.charAt(i));
    if (byte === undefined) throw cannot;
    bytes[i] = byte;
  }
  if (decoder.decode(bytes) !== text) throw cannot;
  return bytes;
}

/** A file with several names: rewritten in place, so every name keeps seeing it. */
function overwrite(target: string, bytes: Uint8Array): void {
  const fd = openSync(target, 'r+');
  try {
    writeAll(fd, bytes);
    ftruncateSync(fd, bytes.length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Written beside the file under a fresh name, then renamed over it. */
function replaceAtomically(target: string, bytes: Uint8Array, before: Stats): void {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(8).toString('hex')}.concept-lenses.tmp`);
  // 'wx': exclusive, so an existing file at that name is never touched.
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeAll(fd, bytes);
    fchmodSync(fd, before.mode & 0o7777);
    const mine = fstatSync(fd);
    if (mine.uid !== before.uid || mine.gid !== before.gid) {
      try {
        fchownSync(fd, before.uid, before.gid);
      } catch {
        // Only root may give a file away; anyone else keeps their own ownership, as editors do.
      }
    }
    fsyncSync(fd);
    closeSync(fd);
    const now = statSync(target);
    if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) throw new CliError(`${target}: changed on disk while it was being written; nothing was written`);
    renameSync(temp, target);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    unlinkSync(temp);
    throw error;
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, done);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
