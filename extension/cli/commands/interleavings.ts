// `concept-lenses interleavings PATH... [--json | --sarif]`: the hazards of
// every Python file (directories are searched for *.py), with the breaking
// interleaving spelled out. Exit 1 when any hazard is found. Imports between
// the files given (and a file's siblings) resolve, so writes in one module
// interfere with reads of the same state in another.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PythonParser } from '../../engine';
import { analyzeInterleavings, type Hazard } from '../../engine/interleave/model';
import type { CommandContext } from '../command';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { toSarif, type AnalysedFile } from './interleavingsSarif';
import { isRegularFile, loadWorkspace } from './interleavingsWorkspace';
import { writeInterleavingsHtml } from '../renderHtml';
import { visible } from '../../engine/syntax/visibleText';

declare const CONCEPT_LENSES_VERSION: string;

export const interleavingsCommand = {
  name: 'interleavings',
  summary: 'find awaits that interleave over shared state (lost update, check-then-act, stale read)',
  usage: 'concept-lenses interleavings PATH... [--json | --sarif] [--html OUT.html]',
  options: { json: { type: 'boolean' }, sarif: { type: 'boolean' }, html: { type: 'string' } },
  run(parser: PythonParser, context: CommandContext): number {
    if (context.flags['json'] && context.flags['sarif']) throw new CliError('choose one of --json and --sarif');
    const paths = pythonFiles(context.files);
    const htmlOut = context.flags['html'];
    if (typeof htmlOut === 'string' && paths.length !== 1) throw new CliError('--html draws one file: give exactly one Python FILE');
    const workspace = loadWorkspace(parser, context.files, paths, (dir) => pythonFiles([dir]));
    let files: AnalysedFile[];
    try {
      files = paths.flatMap((path) => {
        const file = workspace.files.get(path);
        if (!file) return [];
        const model = analyzeInterleavings(file, { path, modules: workspace.modules });
        if (typeof htmlOut === 'string') writeInterleavingsHtml(htmlOut, file, model, path);
        return [{ path, hazards: model.hazards }];
      });
    } finally {
      workspace.dispose();
    }
    if (context.flags['sarif']) context.out(JSON.stringify(toSarif(files, CONCEPT_LENSES_VERSION), null, 2));
    else if (context.flags['json']) context.out(JSON.stringify({ files: files.map(jsonFile) }, null, 2));
    else for (const line of humanReport(files)) context.out(visible(line));
    for (const problem of workspace.problems) process.stderr.write(`concept-lenses: ${visible(problem)}\n`);
    if (workspace.problems.length > 0) return EXIT_USAGE;
    return files.some((f) => f.hazards.length > 0) ? EXIT_FINDINGS : EXIT_OK;
  },
} as const;

/**
 * Files as given; directories searched recursively for *.py, in name order,
 * skipping hidden entries, not following symbolic links to directories, and
 * leaving out what is not a regular file (a FIFO or a link to a device).
 */
function pythonFiles(paths: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (path: string, given: boolean): void => {
    let entries: string[] | undefined;
    try {
      if ((given ? statSync(path) : lstatSync(path)).isDirectory()) entries = readdirSync(path);
    } catch (error) {
      throw new CliError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
    }
    if (entries) for (const name of entries.filter((n) => !n.startsWith('.')).sort()) visit(join(path, name), false);
    else if (given || (path.endsWith('.py') && isRegularFile(path))) found.push(path);
  };
  for (const path of paths) visit(path, true);
  return found;
}

function jsonFile(file: AnalysedFile): object {
  return {
    path: file.path,
    hazards: file.hazards.map((h) => ({
      kind: h.kind,
      variable: h.variable,
      function: h.function,
      read: { line: h.read.line },
      suspend: { line: h.suspend.line, kind: h.suspend.kind },
      write: { line: h.write.line },
      interferers: h.interferers.map((w) => ({ function: w.function, line: w.line, ...(w.file === undefined ? {} : { file: w.file }) })),
      ...(h.unlistedInterferers === undefined ? {} : { unlistedInterferers: h.unlistedInterferers }),
      steps: h.steps.map((s) => ({
        task: s.task,
        function: s.function,
        action: s.action,
        line: s.line,
        text: s.text,
        ...(s.file === undefined ? {} : { file: s.file }),
      })),
    })),
  };
}

function humanReport(files: readonly AnalysedFile[]): string[] {
  const lines: string[] = [];
  for (const file of files) {
    if (file.hazards.length === 0) continue;
    lines.push(file.path);
    for (const h of file.hazards) lines.push(...describe(h), '');
  }
  const count = files.reduce((n, f) => n + f.hazards.length, 0);
  const withHazards = files.filter((f) => f.hazards.length > 0).length;
  lines.push(
    count === 0
      ? `No interleaving hazards in ${plural(files.length, 'file')}.`
      : `${plural(count, 'hazard')} in ${plural(withHazards, 'file')} (${String(files.length)} analysed).`,
  );
  return lines;
}

function describe(h: Hazard): string[] {
  return [
    `  ${String(h.write.line)}: ${h.kind} of ${h.variable} in ${h.function}`,
    ...h.steps.map((s, i) => `     ${String(i + 1)}. ${s.text}`),
    ...(h.interferers.length > 1
      ? [
          `     writers: ${h.interferers.map((w) => `${w.function} (${w.file === undefined ? '' : `${w.file} `}line ${String(w.line)})`).join(', ')}${
            h.unlistedInterferers === undefined ? '' : ` and ${String(h.unlistedInterferers)} more`
          }`,
        ]
      : []),
  ];
}

function plural(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? '' : 's'}`;
}
