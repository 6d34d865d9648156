// Node-side input: grammar bytes from the bundle folder, Python files from disk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePythonSource, PythonParser, SourceFile } from '../engine';
import { CliError } from './exitCodes';

export function loadParser(): Promise<PythonParser> {
  // The bundle (dist/cli.js) sits beside both wasm files; build.mjs copies them.
  const read = (name: string): Uint8Array => readFileSync(join(__dirname, name));
  return PythonParser.load({ runtime: read('tree-sitter.wasm'), python: read('tree-sitter-python.wasm') });
}

/** Reads, decodes and parses one file; any problem becomes a one-line CliError naming it. */
export function parseFile(parser: PythonParser, path: string): SourceFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CliError(`${path}: cannot read file (${code === 'EISDIR' ? 'is a directory' : code})`);
  }
  const decoded = decodePythonSource(bytes);
  if (!decoded.ok) throw new CliError(`${path}: ${decoded.reason}`);
  const file = SourceFile.parse(parser, decoded.text);
  const [error] = file.syntaxErrors;
  if (error) {
    file.dispose();
    throw new CliError(`${path}:${String(error.line)}:${String(error.column)}: ${error.message}`);
  }
  return file;
}
