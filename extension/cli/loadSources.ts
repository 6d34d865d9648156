// Node-side input: grammar bytes from the bundle folder, Python files from disk.
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { decodePythonSource, MAX_SOURCE_BYTES, PythonParser, SourceFile, type Decoded } from '../engine';
import { respellAsyncioAsync } from '../engine/ladder/legacyAsyncio';
import { CliError } from './exitCodes';

export function loadParser(): Promise<PythonParser> {
  // The bundle (dist/cli.js) sits beside both wasm files; build.mjs copies them.
  const read = (name: string): Uint8Array => readFileSync(join(__dirname, name));
  return PythonParser.load({ runtime: read('tree-sitter.wasm'), python: read('tree-sitter-python.wasm') });
}

/**
 * The bytes of a regular file of at most MAX_SOURCE_BYTES. It is opened
 * without blocking and checked before reading, so a FIFO, a device such as
 * /dev/zero (or a link to one) or a huge file is refused, not waited on.
 */
export function readSource(path: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new CliError(`${path}: cannot read file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new CliError(`${path}: cannot read file (is a directory)`);
    if (!stat.isFile()) throw new CliError(`${path}: cannot read file (not a regular file)`);
    if (stat.size > MAX_SOURCE_BYTES) throw new CliError(`${path}: ${tooLarge(String(stat.size))}`);
    // The file may grow while it is read: never take more than the limit and one byte.
    const bytes = new Uint8Array(Math.min(stat.size, MAX_SOURCE_BYTES) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < bytes.length; length += n) n = readSync(fd, bytes, length, bytes.length - length, null);
    if (length > MAX_SOURCE_BYTES) throw new CliError(`${path}: ${tooLarge(`more than ${String(MAX_SOURCE_BYTES)}`)}`);
    return bytes.subarray(0, length);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${path}: cannot read file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: string): string {
  return `file is ${size} bytes; the limit is ${String(MAX_SOURCE_BYTES)}`;
}

/** A file's text, decoded as Python would, with the bytes it came from; a problem is a one-line CliError naming the file. */
export function readPythonSource(path: string): Extract<Decoded, { ok: true }> & { readonly bytes: Uint8Array } {
  const bytes = readSource(path);
  const decoded = decodePythonSource(bytes);
  if (!decoded.ok) throw new CliError(`${path}: ${decoded.reason}`);
  return { ...decoded, bytes };
}

/** Reads, decodes and parses one file; any problem becomes a one-line CliError naming it. */
export function parseFile(parser: PythonParser, path: string): SourceFile {
  return parseSource(parser, path, readPythonSource(path).text);
}

/** Parses the text of `path`; a syntax error (or nesting too deep) is a one-line CliError. */
export function parseSource(parser: PythonParser, path: string, text: string): SourceFile {
  const file = SourceFile.parse(parser, text);
  const [error] = file.syntaxErrors;
  if (!error) return file;
  file.dispose();
  // Python 3.4's `asyncio.async(...)` is read as `asyncio.ensure_future(...)`, the same call, by every command.
  const respelled = respellAsyncioAsync(text);
  if (respelled !== undefined) {
    const again = SourceFile.parse(parser, respelled);
    if (again.syntaxErrors.length === 0) return again;
    again.dispose();
  }
  throw new CliError(`${path}:${String(error.line)}:${String(error.column)}: ${error.message}`);
}
