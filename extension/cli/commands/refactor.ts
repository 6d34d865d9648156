// `concept-lenses refactor FILE... --to RUNG`: moves functions one rung along
// the ladder. Prints the new source (one file), writes files in place
// atomically, prints a unified diff, or checks whether anything would change.
import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { PythonParser } from '../../engine';
import { decodePythonSource, SourceFile } from '../../engine';
import type { Rung } from '../../engine/ladder/conversion';
import type { Refusal } from '../../engine/ladder/refusal';
import { takeStep } from '../../engine/ladder/takeStep';
import { respellAsyncioAsync } from '../../engine/ladder/legacyAsyncio';
import type { CommandContext } from '../command';
import { CliError, EXIT_FINDINGS, EXIT_OK } from '../exitCodes';
import { parseSource, readPythonSource, readSource } from '../loadSources';
import { unifiedDiff } from '../unifiedDiff';
import { visible } from '../../engine/syntax/visibleText';

const RUNGS: readonly Rung[] = ['async', 'generator', 'cps', 'direct'];
const USAGE =
  'concept-lenses refactor FILE... --to async|generator|cps|direct [--function NAME]... [--with-callers] [--trampoline] [--write | --diff | --check] [--json]';

interface FileReport {
  readonly path: string;
  readonly converted: readonly string[];
  readonly refused: readonly Refusal[];
}

export const refactorCommand = {
  name: 'refactor',
  summary: 'move functions one rung along the ladder (e.g. generator coroutines to async/await)',
  usage: USAGE,
  options: {
    to: { type: 'string' },
    function: { type: 'string', multiple: true },
    'with-callers': { type: 'boolean' },
    trampoline: { type: 'boolean' },
    write: { type: 'boolean' },
    diff: { type: 'boolean' },
    check: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  run(parser: PythonParser, context: CommandContext): number {
    const { flags } = context;
    const to = flags['to'];
    if (typeof to !== 'string' || !RUNGS.includes(to as Rung)) {
      throw new CliError(`--to must be one of ${RUNGS.join(', ')} (usage: ${USAGE})`);
    }
    const modes = (['write', 'diff', 'check'] as const).filter((m) => flags[m] === true);
    if (modes.length > 1) throw new CliError(`--${modes.join(' and --')} cannot be combined (usage: ${USAGE})`);
    const mode = modes[0] ?? 'print';
    if (mode === 'print' && !flags['json'] && context.files.length > 1) {
      throw new CliError(`printing the new source takes one file; use --write, --diff or --check for ${String(context.files.length)} files`);
    }
    const names = flags['function'];
    const functions = Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : undefined;

    // Parse everything first: an unreadable or unparsable file stops the run before anything is written.
    const inputs = context.files.map((path) => load(parser, path, to as Rung));
    try {
      if (functions) for (const { path, file } of inputs) checkNames(path, file, functions);
    } catch (error) {
      for (const { file } of inputs) file.dispose();
      throw error;
    }
    let changed = false;
    let refusedAny = false;
    const reports: FileReport[] = [];
    const outputs: string[] = [];
    try {
      for (const { path, file, original } of inputs) {
        // The editor's step; callers come along only when asked, since the CLI may write files.
        const result = takeStep(file, to as Rung, {
          ...(functions ? { functions } : {}),
          ...(flags['trampoline'] === true ? { trampoline: true } : {}),
          withCallers: flags['with-callers'] === true,
        });
        const after = result.text ?? file.text;
        if (after !== original) changed = true;
        if (result.refused.length > 0) refusedAny = true;
        reports.push({ path, converted: result.converted, refused: result.refused });
        if (mode === 'write' && after !== original) writeAtomically(path, after);
        if (mode === 'diff') outputs.push(unifiedDiff(path, original, after));
        if (mode === 'print') outputs.push(after);
      }
    } finally {
      for (const { file } of inputs) file.dispose();
    }

    if (flags['json']) {
      context.out(JSON.stringify({ files: reports }, null, 2));
    } else {
      for (const text of outputs) if (text !== '') process.stdout.write(text);
      for (const r of reports) {
        for (const x of r.refused) process.stderr.write(`${visible(`${r.path}:${String(x.line)}: ${x.function}: ${x.message} [${x.code}]`)}\n`);
        if (mode === 'write' && r.converted.length > 0) process.stderr.write(`${visible(`${r.path}: converted ${r.converted.join(', ')}`)}\n`);
        if (mode === 'check' && r.converted.length > 0) process.stderr.write(`${visible(`${r.path}: would convert ${r.converted.join(', ')}`)}\n`);
      }
    }
    if (mode === 'check' && changed) return EXIT_FINDINGS;
    return refusedAny ? EXIT_FINDINGS : EXIT_OK;
  },
} as const;

/**
 * Parses a file for refactoring. A legacy asyncio file whose only syntax
 * errors are `asyncio.async(` calls is respelled first (moving it to async/await
 * is exactly what such a file needs); `original` is the text on disk.
 */
function load(parser: PythonParser, path: string, to: Rung): { path: string; file: SourceFile; original: string } {
  const { text } = readPythonSource(path);
  try {
    return { path, file: parseSource(parser, path, text), original: text };
  } catch (error) {
    const respelled = to === 'async' ? respellAsyncioAsync(text) : undefined;
    if (respelled === undefined) throw error;
    const file = SourceFile.parse(parser, respelled);
    if (file.syntaxErrors.length === 0) return { path, file, original: text };
    file.dispose();
    throw error;
  }
}

/** A name that is not a function of the file is a usage error, not a refusal. */
function checkNames(path: string, file: SourceFile, names: readonly string[]): void {
  for (const name of names) {
    if (!file.functions.named(name).some((f) => f.kind === 'function')) {
      throw new CliError(`${path}: no function named '${name}' (see: concept-lenses functions ${path})`);
    }
  }
}

/**
 * Writes beside the file and renames over it, so a reader never sees half a
 * file. The bytes keep the file's encoding and BOM; its line breaks are kept
 * by the conversion itself.
 */
function writeAtomically(path: string, text: string): void {
  const original = readSource(path);
  const decoded = decodePythonSource(original);
  const encoding = decoded.ok ? decoded.encoding : 'utf-8';
  const hasBom = original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf;
  const bytes = encode(path, text, encoding, hasBom);
  const temp = join(dirname(path), `.${basename(path)}.${String(process.pid)}.concept-lenses.tmp`);
  try {
    writeFileSync(temp, bytes, { flag: 'wx' });
    chmodSync(temp, statSync(path).mode & 0o7777);
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was left behind
    }
    throw new CliError(`${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function encode(path: string, text: string, encoding: string, hasBom: boolean): Uint8Array {
  if (encoding === 'utf-8') {
    const body = Buffer.from(text, 'utf8');
    return hasBom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  }
  const cannot = new CliError(`${path}: cannot write the new text back in ${encoding}; nothing was written`);
  if (encoding === 'latin-1') {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) throw cannot;
    return Buffer.from(text, 'latin1');
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
