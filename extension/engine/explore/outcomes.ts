// Schedule exploration, the host-neutral half: the records the Python runtime
// (extension/runtime/explore.py) writes, grouped into outcomes, and the plans
// that force each static hazard's interleaving with the verdict on its result.
// Spawning python3 belongs to the hosts (cli/, vscode/ through runtime/).

import type { Hazard } from '../interleave/model';

/** What one step read or wrote: `[name, value]` and `[name, before, after]`, values as Python reprs. */
export type ReadValue = readonly [string, string];
export type WriteValue = readonly [string, string, string | null];

/** One callback the controlled loop ran. */
export interface ScheduleStep {
  /** The task (`main`, `Account.withdraw#2`) or callback that ran; replay matches on it (or on `key`). */
  readonly task: string;
  /** Which of several ready callbacks of the same name (`callback f@2`), when there were several; replay matches on it. */
  readonly key?: string;
  /** The first line of the program it ran, null when it ran none. */
  readonly line: number | null;
  /** The first function of the program it ran in (names a framework callback's coroutine). */
  readonly function?: string | null;
  readonly lines: readonly number[];
  /** The file of each line, when some are not the program's own file. */
  readonly files?: readonly string[];
  readonly reads?: readonly ReadValue[];
  readonly writes?: readonly WriteValue[];
}

export interface RunRecord {
  readonly stdout: string;
  /** `ZeroDivisionError: division by zero`, or the runtime's reason it stopped the run. */
  readonly exception: string | null;
  readonly schedule: readonly ScheduleStep[];
  /** Which plan it followed, in a hazard check. */
  readonly plan?: number;
}

export interface ExplorationSummary {
  readonly runs: number;
  readonly exhausted: boolean;
  /** Runs the sleep sets cut short as repeats of explored ones. */
  readonly blocked?: number;
}

/** Runs that printed the same and ended the same way, with the first schedule that did. */
export interface Outcome {
  readonly stdout: string;
  readonly exception: string | null;
  readonly count: number;
  readonly schedule: readonly ScheduleStep[];
}

/** Groups runs by what they printed and how they ended, in order of first appearance. */
export function groupOutcomes(runs: readonly RunRecord[]): Outcome[] {
  const groups = new Map<string, { first: RunRecord; count: number }>();
  for (const run of runs) {
    const key = JSON.stringify([run.stdout, run.exception]);
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { first: run, count: 1 });
  }
  return [...groups.values()].map(({ first, count }) => ({
    stdout: first.stdout,
    exception: first.exception,
    count,
    schedule: first.schedule,
  }));
}

/** One line of a runtime record stream, checked; anything else is null. */
export type RuntimeRecord =
  | ({ readonly type: 'run' } & RunRecord)
  | ({ readonly type: 'done' } & ExplorationSummary)
  | { readonly type: 'error'; readonly code: string; readonly message: string };

export function parseRuntimeRecord(line: string): RuntimeRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (record['type'] === 'run') {
    const exception = record['exception'];
    if (typeof record['stdout'] !== 'string' || !(exception === null || typeof exception === 'string')) return null;
    if (!Array.isArray(record['schedule']) || !record['schedule'].every(isStep)) return null;
    return value as RuntimeRecord;
  }
  if (record['type'] === 'done') return typeof record['runs'] === 'number' && typeof record['exhausted'] === 'boolean' ? (value as RuntimeRecord) : null;
  if (record['type'] === 'error') return typeof record['code'] === 'string' && typeof record['message'] === 'string' ? (value as RuntimeRecord) : null;
  return null;
}

function isStep(value: unknown): value is ScheduleStep {
  if (typeof value !== 'object' || value === null) return false;
  const step = value as Record<string, unknown>;
  return (
    typeof step['task'] === 'string' &&
    (step['line'] === null || typeof step['line'] === 'number') &&
    Array.isArray(step['lines']) &&
    step['lines'].every((l) => typeof l === 'number')
  );
}

// --- The link to the static analysis ---

/** Run the task of `role` (bound to the first ready task of `function`) until it has run line `until`. */
export interface PlanGoal {
  readonly role: 'A' | 'B';
  readonly function: string;
  /** null: whenever it is ready, to its end. */
  readonly until: number | null;
  /** Only a step that also writes shared state reaches `until` (`x = await f()` runs its line before and after the await). */
  readonly write: boolean;
}
export type Plan = readonly PlanGoal[];

/**
 * Two plans per hazard: the serial one (task A runs alone to its end; while it
 * sleeps virtual time moves on instead of another task, so its read-to-write
 * span is undisturbed) gives the output the code means; the forced one follows the
 * hazard's steps (A until it suspends, B until it writes, A on to its write).
 */
export function hazardPlans(hazard: Hazard): { serial: Plan; forced: Plan } {
  const serial: Plan = [{ role: 'A', function: hazard.function, until: null, write: false }];
  const forced: PlanGoal[] = [];
  for (const step of hazard.steps) {
    const goal = { role: step.task, function: step.function, until: step.line, write: step.action === 'write' || step.action === 'resume' };
    const last = forced[forced.length - 1];
    forced[last?.role === step.task ? forced.length - 1 : forced.length] = goal;
  }
  return { serial, forced };
}

export type HazardVerdict =
  | { readonly status: 'confirmed'; readonly text: string; readonly serial: RunRecord; readonly forced: RunRecord }
  | { readonly status: 'not-reproduced'; readonly text: string; readonly serial: RunRecord; readonly forced: RunRecord };

/** Confirmed when the forced interleaving prints or ends differently from the serial one. */
export function hazardVerdict(serial: RunRecord, forced: RunRecord): HazardVerdict {
  if (serial.stdout === forced.stdout && serial.exception === forced.exception) {
    return { status: 'not-reproduced', text: `not reproduced: the forced interleaving prints ${describeEnd(forced)} too`, serial, forced };
  }
  return { status: 'confirmed', text: `confirmed: prints ${describeEnd(forced)} instead of ${describeEnd(serial)}`, serial, forced };
}

/** What a run printed (its last lines, quoted) and how it ended, in a few words. */
export function describeEnd(run: { readonly stdout: string; readonly exception: string | null }): string {
  const text = run.stdout.trimEnd();
  const lines = text.split('\n');
  const shown = text === '' ? 'nothing' : JSON.stringify(lines.length > 3 ? `…${lines.slice(-3).join('\n')}` : text);
  return run.exception === null ? shown : `${shown} then ${run.exception}`;
}
