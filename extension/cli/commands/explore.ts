// `concept-lenses explore FILE`: runs the program again and again under the
// controlled event loop (extension/runtime/explore.py) and groups the runs by
// what they print. `--hazards` also forces each static hazard's interleaving and
// says whether it is confirmed. User code runs only through this command.
import { readFileSync } from 'node:fs';
import type { PythonParser } from '../../engine';
import { describeEnd, groupOutcomes, type Outcome, type ScheduleStep } from '../../engine/explore/outcomes';
import { analyzeInterleavings, type Hazard } from '../../engine/interleave/model';
import { bundledExplorerScript, checkHazards, runExplorer, type ExploreResult, type HazardCheck } from '../../runtime/runExplorer';
import type { CommandContext } from '../command';
import { CliError, EXIT_FINDINGS, EXIT_OK } from '../exitCodes';
import { parseFile } from '../loadSources';

const DEFAULT_TIMEOUT_SECONDS = 10;

export const exploreCommand = {
  name: 'explore',
  summary: "run the program under every schedule that matters (a controlled event loop) and group the runs by what they print",
  usage:
    'concept-lenses explore FILE [--entry FUNC] [--runs N] [--seed S] [--replay SCHEDULE] [--hazards] [--json] [--timeout SECONDS] [--python PATH] [--bound K] [--no-reduction]',
  options: {
    entry: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
    replay: { type: 'string' },
    hazards: { type: 'boolean' },
    json: { type: 'boolean' },
    timeout: { type: 'string' },
    python: { type: 'string' },
    bound: { type: 'string' },
    'no-reduction': { type: 'boolean' },
  },
  async run(parser: PythonParser, context: CommandContext): Promise<number> {
    const [file, ...extra] = context.files;
    if (file === undefined || extra.length > 0) throw new CliError('explore runs one program: give exactly one Python FILE');
    const flags = context.flags;
    const text = (name: string): string | undefined => (typeof flags[name] === 'string' ? flags[name] : undefined);
    const entry = text('entry');
    const common = {
      python: text('python') ?? process.env['CONCEPT_LENSES_PYTHON'] ?? 'python3',
      script: bundledExplorerScript(__dirname),
      file,
      ...(entry === undefined ? {} : { entry }),
      runTimeoutMs: number('--timeout', text('timeout') ?? String(DEFAULT_TIMEOUT_SECONDS), 0.1) * 1000,
    };
    // Parsing first turns a missing or broken file into the usual one-line error before anything runs.
    const source = parseFile(parser, file);
    let hazards: readonly Hazard[] = [];
    try {
      if (flags['hazards']) hazards = analyzeInterleavings(source).hazards;
    } finally {
      source.dispose();
    }

    const replay = text('replay');
    const bound = text('bound');
    const result = await runExplorer({
      ...common,
      ...(replay === undefined
        ? {
            runs: Math.floor(number('--runs', text('runs') ?? '200', 1)),
            seed: Math.floor(number('--seed', text('seed') ?? '0', 0)),
            reduction: flags['no-reduction'] !== true,
            ...(bound === undefined ? {} : { bound: Math.floor(number('--bound', bound, 0)) }),
          }
        : { replay: readSchedule(replay) }),
    });
    failOnStartProblem(result);
    const outcomes = groupOutcomes(result.runs);
    if (result.stopped) {
      process.stderr.write(`concept-lenses: ${file}: ${result.stopped.message}\n`);
      outcomes.push({ stdout: '', exception: `timeout: ${result.stopped.message}`, count: 1, schedule: [] });
    }

    const checks = (await checkHazards(common, hazards)).map(hazardReport);
    const report = {
      runs: result.runs.length,
      exhausted: result.summary?.exhausted ?? false,
      outcomes,
      ...(flags['hazards'] ? { hazards: checks } : {}),
    };
    if (flags['json']) context.out(JSON.stringify(report, null, 2));
    else for (const line of humanReport(file, report, checks, replay === undefined ? result.summary?.blocked ?? 0 : 'replay')) context.out(line);
    const confirmed = checks.some((c) => c.status === 'confirmed');
    return outcomes.length > 1 || confirmed || result.stopped ? EXIT_FINDINGS : EXIT_OK;
  },
} as const;

interface HazardReport {
  readonly kind: string;
  readonly variable: string;
  readonly function: string;
  readonly line: number;
  readonly status: 'confirmed' | 'not-reproduced' | 'not-run';
  readonly text: string;
  readonly serial?: { readonly stdout: string; readonly exception: string | null };
  readonly forced?: { readonly stdout: string; readonly exception: string | null; readonly schedule: readonly ScheduleStep[] };
}

function hazardReport({ hazard, verdict, reason }: HazardCheck): HazardReport {
  const head = { kind: hazard.kind, variable: hazard.variable, function: hazard.function, line: hazard.write.line };
  if (!verdict) return { ...head, status: 'not-run', text: `not run: ${reason ?? 'the runtime stopped'}` };
  const { serial, forced } = verdict;
  return {
    ...head,
    status: verdict.status,
    text: verdict.text,
    serial: { stdout: serial.stdout, exception: serial.exception },
    forced: { stdout: forced.stdout, exception: forced.exception, schedule: forced.schedule },
  };
}

function failOnStartProblem(result: ExploreResult): void {
  const code = result.stopped?.code;
  if (code === 'python-missing' || code === 'runtime-error') throw new CliError(result.stopped?.message ?? code);
}

function number(flag: string, value: string, minimum: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < minimum) throw new CliError(`${flag} wants a number of at least ${String(minimum)}, not '${value}'`);
  return n;
}

/** A schedule as JSON (a list of steps, or an outcome holding one), inline or in a file. */
function readSchedule(value: string): { task: string; key?: string }[] {
  let textValue = value;
  if (!/^\s*[[{]/.test(value)) {
    try {
      textValue = readFileSync(value, 'utf8');
    } catch (error) {
      throw new CliError(`--replay: cannot read ${value} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(textValue);
  } catch {
    throw new CliError('--replay wants a schedule in JSON: a list of {"task": ...} steps, or an outcome with one');
  }
  const steps = Array.isArray(parsed) ? parsed : (parsed as { schedule?: unknown } | null)?.schedule;
  if (!Array.isArray(steps) || !steps.every((s) => typeof (s as { task?: unknown } | null)?.task === 'string')) {
    throw new CliError('--replay wants a schedule in JSON: a list of {"task": ...} steps, or an outcome with one');
  }
  return steps.map((s) => {
    const { task, key } = s as { task: string; key?: unknown };
    return typeof key === 'string' ? { task, key } : { task };
  });
}

function humanReport(
  file: string,
  report: { runs: number; exhausted: boolean; outcomes: readonly Outcome[] },
  checks: readonly HazardReport[],
  blocked: number | 'replay',
): string[] {
  const space =
    blocked === 'replay' ? 'the schedule replayed' : report.exhausted ? 'every schedule explored' : 'budget reached before every schedule was explored';
  const lines = [
    `${file}: ${String(report.runs)} run${report.runs === 1 ? '' : 's'} (${space}${typeof blocked === 'number' && blocked > 0 ? `, ${String(blocked)} repeats skipped` : ''}), ${String(report.outcomes.length)} outcome${report.outcomes.length === 1 ? '' : 's'}`,
  ];
  report.outcomes.forEach((o, i) => {
    lines.push(`  ${String(i + 1)}. ${describeEnd(o)} in ${String(o.count)} run${o.count === 1 ? '' : 's'}`);
    const path = compactSchedule(o.schedule);
    if (path.length > 0) lines.push(`     schedule: ${path.join(' → ')}`);
  });
  for (const check of checks) lines.push(`  hazard ${check.kind} of ${check.variable} in ${check.function} (line ${String(check.line)}): ${check.text}`);
  return lines;
}

const SHOWN_STEPS = 16;

/** `task:line` per step that ran the program's code, repeats folded (`add:14 ×40`), long ones cut. */
function compactSchedule(schedule: readonly ScheduleStep[]): string[] {
  const folded: { text: string; times: number }[] = [];
  for (const step of schedule) {
    if (step.line === null) continue;
    const text = `${step.task}:${String(step.line)}`;
    const last = folded[folded.length - 1];
    if (last?.text === text) last.times++;
    else folded.push({ text, times: 1 });
  }
  const shown = folded.slice(0, SHOWN_STEPS).map((f) => (f.times > 1 ? `${f.text} ×${String(f.times)}` : f.text));
  return folded.length > SHOWN_STEPS ? [...shown, `… ${String(folded.length - SHOWN_STEPS)} more`] : shown;
}
