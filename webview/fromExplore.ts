// The schedules panel's data from the explorer's runs: each outcome's first
// schedule, cut to the steps that ran the program's code, one lane per task.
// Runs on the host side only.
import type { HazardVerdict, Outcome } from '../extension/engine/explore/outcomes';
import type { ExploreHazardView, ExploreOutcomeView, ExploreView } from './protocol';

/** A schedule longer than this is drawn up to here (a loop of thousands of steps helps nobody). */
export const MAX_DRAWN_STEPS = 300;

export interface ExploreInput {
  readonly file: string;
  readonly runs: number;
  readonly exhausted: boolean;
  readonly outcomes: readonly Outcome[];
  readonly hazards: readonly { readonly line: number; readonly verdict: Pick<HazardVerdict, 'status' | 'text'> | null; readonly reason?: string }[];
  readonly stopped: string | null;
}

export function toExploreView(input: ExploreInput): ExploreView {
  return {
    file: input.file,
    runs: input.runs,
    exhausted: input.exhausted,
    outcomes: input.outcomes.map(outcomeView),
    hazards: input.hazards.map(
      (h): ExploreHazardView =>
        h.verdict ? { line: h.line, status: h.verdict.status, text: h.verdict.text } : { line: h.line, status: 'not-run', text: `not run: ${h.reason ?? 'the explorer stopped'}` },
    ),
    stopped: input.stopped,
  };
}

function outcomeView(outcome: Outcome): ExploreOutcomeView {
  const ran = outcome.schedule.filter((s) => s.line !== null && s.line >= 1);
  const steps = ran.slice(0, MAX_DRAWN_STEPS).map((s) => ({
    // A framework callback is named by the coroutine it resumed when the runtime could not name it.
    task: s.task.startsWith('callback ') && s.function ? s.function : s.task,
    line: s.line ?? 1,
    lines: s.lines.filter((l) => l >= 1),
    reads: (s.reads ?? []).map(([name, value]) => ({ name, value })),
    writes: (s.writes ?? []).map(([name, before, after]) => ({ name, before, after: after ?? '?' })),
  }));
  const tasks = [...new Set(steps.map((s) => s.task))];
  return { stdout: outcome.stdout, exception: outcome.exception, count: outcome.count, tasks, steps, omitted: ran.length - steps.length };
}
