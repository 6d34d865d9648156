// `concept-lenses refactor PATH... --to RUNG`: moves functions one rung along
// the ladder. Prints the new source (one file), writes files in place
// without ever losing data, prints a unified diff, or checks whether anything
// would change. The project around the files (directories given, and the
// `.py` files beside each file) is read too, so a step that would break a use
// in another module is refused rather than taken.
import type { PythonParser } from '../../engine';
import type { SourceFile } from '../../engine';
import { PUBLIC_API_POLICIES, type PublicApiPolicy, type Rung } from '../../engine/ladder/conversion';
import type { Refusal } from '../../engine/ladder/refusal';
import { stepModules } from '../../engine/ladder/stepModules';
import type { CommandContext } from '../command';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { loadProject } from '../loadProject';
import { parseSource, readPythonSource } from '../loadSources';
import { pythonFiles } from '../pythonFiles';
import { unifiedDiff } from '../unifiedDiff';
import { encodeLike, writeInPlace } from '../writeInPlace';
import { visible } from '../../engine/syntax/visibleText';

const RUNGS: readonly Rung[] = ['async', 'generator', 'cps', 'direct'];
const USAGE =
  'concept-lenses refactor PATH... --to async|generator|cps|direct [--function NAME]... [--with-callers] [--trampoline] [--public-api keep|refuse|convert] [--write | --diff | --check] [--json]';

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
    'public-api': { type: 'string' },
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
    const publicApi = flags['public-api'];
    if (publicApi !== undefined && (typeof publicApi !== 'string' || !PUBLIC_API_POLICIES.includes(publicApi as PublicApiPolicy))) {
      throw new CliError(`--public-api must be one of ${PUBLIC_API_POLICIES.join(', ')} (usage: ${USAGE})`);
    }
    const modes = (['write', 'diff', 'check'] as const).filter((m) => flags[m] === true);
    if (modes.length > 1) throw new CliError(`--${modes.join(' and --')} cannot be combined (usage: ${USAGE})`);
    const mode = modes[0] ?? 'print';
    const paths = pythonFiles(context.files);
    if (mode === 'print' && !flags['json'] && paths.length > 1) {
      throw new CliError(`printing the new source takes one file; use --write, --diff or --check for ${String(paths.length)} files`);
    }
    const names = flags['function'];
    const functions = Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : undefined;

    // An unreadable or unparsable file is reported (one line, exit 2 at the end); the rest of the batch still runs.
    const problems: string[] = [];
    const inputs = paths.flatMap((path) => {
      try {
        return [load(parser, path)];
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        problems.push(error.message);
        return [];
      }
    });
    try {
      if (functions) checkNames(inputs, functions);
    } catch (error) {
      for (const { file } of inputs) file.dispose();
      throw error;
    }
    let changed = false;
    let refusedAny = false;
    const reports: FileReport[] = [];
    const outputs: (string | Uint8Array)[] = [];
    const project = loadProject(parser, context.files);
    try {
      // The editor's step, for every file together; callers come along only when asked, since the CLI may write files.
      const results = stepModules(inputs, to as Rung, {
        ...(functions ? { functions } : {}),
        ...(flags['trampoline'] === true ? { trampoline: true } : {}),
        withCallers: flags['with-callers'] === true,
        ...(typeof publicApi === 'string' ? { publicApi: publicApi as PublicApiPolicy } : {}),
      }, project);
      for (const { path, original, bytes } of inputs) {
        const result = results.get(path);
        if (!result) continue;
        // A file nothing converts stays byte for byte (not even respelled `asyncio.async`).
        const after = result.text ?? original;
        if (after !== original) changed = true;
        if (result.refused.length > 0) refusedAny = true;
        reports.push({ path, converted: result.converted, refused: result.refused });
        if (mode === 'write' && after !== original) writeInPlace(path, after, bytes);
        if (mode === 'diff') outputs.push(unifiedDiff(path, original, after));
        // Printed in the file's own encoding, so redirecting it to a file gives that file back.
        if (mode === 'print') outputs.push(encodeLike(path, after, bytes));
      }
    } finally {
      for (const { file } of inputs) file.dispose();
      project.dispose();
    }

    if (flags['json']) {
      context.out(JSON.stringify({ files: reports }, null, 2));
    } else {
      for (const text of outputs) if (text.length > 0) process.stdout.write(text);
      for (const r of reports) {
        for (const x of r.refused) process.stderr.write(`${visible(`${r.path}:${String(x.line)}: ${x.function}: ${x.message} [${x.code}]`)}\n`);
        if (mode === 'write' && r.converted.length > 0) process.stderr.write(`${visible(`${r.path}: converted ${r.converted.join(', ')}`)}\n`);
        if (mode === 'check' && r.converted.length > 0) process.stderr.write(`${visible(`${r.path}: would convert ${r.converted.join(', ')}`)}\n`);
      }
    }
    for (const problem of problems) process.stderr.write(`concept-lenses: ${visible(problem)}\n`);
    if (problems.length > 0) return EXIT_USAGE;
    if (mode === 'check' && changed) return EXIT_FINDINGS;
    return refusedAny ? EXIT_FINDINGS : EXIT_OK;
  },
} as const;

/**
 * Parses a file for refactoring. A legacy asyncio file whose only syntax
 * errors are `asyncio.async(` calls is respelled first (moving it to async/await
 * is exactly what such a file needs); `original` is the text on disk.
 */
function load(parser: PythonParser, path: string): { path: string; file: SourceFile; original: string; bytes: Uint8Array } {
  const { text, bytes } = readPythonSource(path);
  return { path, file: parseSource(parser, path, text), original: text, bytes };
}

/** A name that is a function of none of the files is a usage error, not a refusal. */
function checkNames(inputs: readonly { path: string; file: SourceFile }[], names: readonly string[]): void {
  for (const name of names) {
    if (inputs.some(({ file }) => file.functions.named(name).some((f) => f.kind === 'function'))) continue;
    const where = inputs.length === 1 && inputs[0] ? inputs[0].path : `any of the ${String(inputs.length)} files`;
    throw new CliError(`${where}: no function named '${name}' (see: concept-lenses functions ${inputs.length === 1 ? where : 'PATH'})`);
  }
}
