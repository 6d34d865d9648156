// `concept-lenses interleavings PATH... [--format text|json|sarif|github]`: the
// hazards of every Python file (directories are searched for *.py), with the
// breaking interleaving spelled out. Exit 1 when any hazard (or a stale or
// reasonless suppression) is reported. Imports between the files given (and a
// file's siblings) resolve, so writes in one module interfere with reads of
// the same state in another. pyproject.toml's `[tool.concept-lenses]`,
// suppression comments and `--baseline` decide what is reported.
import type { PythonParser } from '../../engine';
import { analyzeInterleavings, type Hazard } from '../../engine/interleave/model';
import type { CommandContext } from '../command';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { toSarif, type AnalysedFile } from './interleavingsSarif';
import { loadWorkspace } from './interleavingsWorkspace';
import { pythonFiles } from '../pythonFiles';
import { refuseHtmlOverInput, writeInterleavingsHtml } from '../renderHtml';
import { lintHazards } from '../../engine/interleave/suppressions';
import { visible } from '../../engine/syntax/visibleText';
import { applyBaseline, githubAnnotations, lintedPaths, loadLintConfig, writeBaseline, type LintedFile } from './interleavingsLint';

declare const CONCEPT_LENSES_VERSION: string;

export const interleavingsCommand = {
  name: 'interleavings',
  summary: 'find awaits that interleave over shared state (lost update, check-then-act, stale read)',
  usage:
    'concept-lenses interleavings PATH... [--format text|json|sarif|github | --json | --sarif] [--html OUT.html] [--config pyproject.toml] [--baseline FILE [--update-baseline]]',
  options: {
    json: { type: 'boolean' },
    sarif: { type: 'boolean' },
    format: { type: 'string' },
    html: { type: 'string' },
    config: { type: 'string' },
    baseline: { type: 'string' },
    'update-baseline': { type: 'boolean' },
  },
  run(parser: PythonParser, context: CommandContext): number {
    const format = outputFormat(context.flags);
    const baseline = context.flags['baseline'];
    if (context.flags['update-baseline'] && typeof baseline !== 'string') throw new CliError('--update-baseline needs --baseline FILE');
    const loaded = loadLintConfig(typeof context.flags['config'] === 'string' ? context.flags['config'] : undefined);
    const paths = lintedPaths(pythonFiles(context.files), loaded);
    const htmlOut = context.flags['html'];
    if (typeof htmlOut === 'string' && paths.length !== 1) throw new CliError('--html draws one file: give exactly one Python FILE');
    const workspace = loadWorkspace(parser, context.files, paths, (dir) => pythonFiles([dir]));
    try {
      if (typeof htmlOut === 'string') refuseHtmlOverInput(htmlOut, [...paths, ...[...workspace.modules.values()].map((m) => m.path)]);
      // A file that could not be read is left out here; its problem is reported below.
      let linted = paths.flatMap((path): LintedFile[] => {
        const file = workspace.files.get(path);
        if (!file) return [];
        const model = analyzeInterleavings(file, { path, modules: workspace.modules });
        if (typeof htmlOut === 'string') writeInterleavingsHtml(htmlOut, file, model, path);
        const { findings, problems, suppressed } = lintHazards(file, model.hazards, loaded.config);
        return [{ path, file, findings, problems, suppressed: suppressed.length }];
      });
      if (typeof baseline === 'string' && context.flags['update-baseline']) {
        context.out(`Wrote ${plural(writeBaseline(baseline, linted), 'finding')} to ${baseline}.`);
        return EXIT_OK;
      }
      if (typeof baseline === 'string') linted = applyBaseline(baseline, linted);
      report(format, linted, context);
      for (const problem of workspace.problems) process.stderr.write(`concept-lenses: ${visible(problem)}\n`);
      if (workspace.problems.length > 0) return EXIT_USAGE;
      return linted.some((f) => f.findings.length > 0 || f.problems.length > 0) ? EXIT_FINDINGS : EXIT_OK;
    } finally {
      workspace.dispose();
    }
  },
} as const;

type Format = 'text' | 'json' | 'sarif' | 'github';

function outputFormat(flags: CommandContext['flags']): Format {
  const chosen = [
    ...(flags['json'] ? ['json'] : []),
    ...(flags['sarif'] ? ['sarif'] : []),
    ...(typeof flags['format'] === 'string' ? [flags['format']] : []),
  ];
  if (chosen.length > 1) throw new CliError('choose one output format (--format, --json or --sarif)');
  const [format = 'text'] = chosen;
  if (format !== 'text' && format !== 'json' && format !== 'sarif' && format !== 'github') {
    throw new CliError(`unknown --format '${format}' (one of text, json, sarif, github)`);
  }
  return format;
}

function report(format: Format, linted: readonly LintedFile[], context: CommandContext): void {
  const files: AnalysedFile[] = linted.map((f) => ({ path: f.path, hazards: f.findings.map((x) => x.hazard), severities: f.findings.map((x) => x.severity) }));
  if (format === 'sarif') context.out(JSON.stringify(toSarif(files, CONCEPT_LENSES_VERSION), null, 2));
  else if (format === 'json') {
    const problems = (f: LintedFile) => f.problems.map((p) => ({ code: p.code, line: p.line, message: p.message }));
    const json = files.map((f, i) => ({ ...jsonFile(f), suppressed: linted[i]?.suppressed ?? 0, problems: linted[i] ? problems(linted[i]) : [] }));
    context.out(JSON.stringify({ files: json }, null, 2));
  } else if (format === 'github') {
    for (const line of githubAnnotations(linted)) context.out(visible(line));
  } else {
    for (const f of linted) for (const p of f.problems) context.out(visible(`${f.path}:${String(p.line)}: ${p.code}: ${p.message}`));
    for (const line of humanReport(files)) context.out(visible(line));
  }
}

function jsonFile(file: AnalysedFile): object {
  return {
    path: file.path,
    hazards: file.hazards.map((h, i) => ({
      kind: h.kind,
      ...(file.severities?.[i] === undefined ? {} : { severity: file.severities[i] }),
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
