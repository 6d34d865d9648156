// The Node side of the schedule explorer, shared by the CLI and the extension:
// starts explore.py with the user's Python (no shell), reads its records from
// file descriptor 3, and stops it when one run takes longer than the per-run
// timeout (a program that never ends) or when the caller cancels.
import { spawn } from 'node:child_process';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import {
  hazardPlans,
  hazardVerdict,
  parseRuntimeRecord,
  type ExplorationSummary,
  type HazardVerdict,
  type Plan,
  type RunRecord,
} from '../engine/explore/outcomes';
import type { Hazard } from '../engine/interleave/model';

export interface ExploreRequest {
  /** The interpreter: a path or a command name looked up on PATH (never through a shell). */
  readonly python: string;
  /** explore.py, as shipped beside the bundle. */
  readonly script: string;
  readonly file: string;
  readonly entry?: string;
  readonly runs?: number;
  readonly seed?: number;
  /** At most this many deviations from asyncio's FIFO order per run. */
  readonly bound?: number;
  readonly reduction?: boolean;
  /** A schedule to follow exactly (as a run record lists it). */
  readonly replay?: readonly { readonly task: string; readonly key?: string }[];
  /** Plans to follow, one run each (the hazard check). */
  readonly plans?: readonly Plan[];
  /** Wall-clock limit on one run, in milliseconds. */
  readonly runTimeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onRun?: (run: RunRecord, index: number) => void;
}

export type ExploreStopCode = 'timeout' | 'python-missing' | 'runtime-error' | 'cancelled';

export interface ExploreResult {
  readonly runs: readonly RunRecord[];
  /** Present when the runtime finished its work. */
  readonly summary?: ExplorationSummary;
  /** Why it did not finish: a typed code and a one-line message for people. */
  readonly stopped?: { readonly code: ExploreStopCode; readonly message: string };
}

/** explore.py beside the running bundle (dist/runtime/explore.py). */
export function bundledExplorerScript(bundleDir: string): string {
  return join(bundleDir, 'runtime', 'explore.py');
}

export function runExplorer(request: ExploreRequest): Promise<ExploreResult> {
  const file = resolvePath(request.file);
  const args = [request.script, file];
  if (request.entry !== undefined) args.push('--entry', request.entry);
  if (request.runs !== undefined) args.push('--runs', String(request.runs));
  if (request.seed !== undefined) args.push('--seed', String(request.seed));
  if (request.bound !== undefined) args.push('--bound', String(request.bound));
  if (request.reduction === false) args.push('--no-reduction');
  if (request.replay !== undefined) args.push('--replay', JSON.stringify(request.replay));
  if (request.plans !== undefined) args.push('--plans', JSON.stringify(request.plans));

  return new Promise((resolve) => {
    const runs: RunRecord[] = [];
    let summary: ExplorationSummary | undefined;
    let stopped: ExploreResult['stopped'];
    let stderr = '';
    const child = spawn(request.python, args, {
      cwd: dirname(file),
      shell: false,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' },
    });
    const stop = (code: ExploreStopCode, message: string): void => {
      stopped ??= { code, message };
      // SIGKILL: a Twisted program turns SIGTERM into a clean shutdown it may never reach.
      child.kill('SIGKILL');
    };
    let watchdog: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        stop('timeout', `run ${String(runs.length + 1)} did not finish within ${seconds(request.runTimeoutMs)}: the program never ends (or waits on something outside it), so it was stopped`);
      }, request.runTimeoutMs);
    };
    const onAbort = (): void => {
      stop('cancelled', 'cancelled');
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    arm();

    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const records = child.stdio[3];
    if (records instanceof Readable) {
      createInterface({ input: records }).on('line', (line) => {
        const record = parseRuntimeRecord(line);
        if (record === null) return;
        if (record.type === 'run') {
          runs.push(record);
          arm();
          request.onRun?.(record, runs.length - 1);
        } else if (record.type === 'done') {
          summary = record;
        } else {
          stopped ??= { code: 'runtime-error', message: record.message };
        }
      });
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      stopped ??=
        error.code === 'ENOENT'
          ? { code: 'python-missing', message: `${request.python} was not found: install Python 3.8 or newer, or choose an interpreter` }
          : { code: 'runtime-error', message: `${request.python} could not start (${error.code ?? error.message})` };
    });
    child.on('close', (status) => {
      clearTimeout(watchdog);
      request.signal?.removeEventListener('abort', onAbort);
      if (!summary && !stopped) {
        const last = stderr.trim().split('\n').pop() ?? '';
        stopped = { code: 'runtime-error', message: `the explorer stopped (exit ${String(status)})${last ? `: ${last}` : ''}` };
      }
      resolve({ runs, ...(summary ? { summary } : {}), ...(stopped ? { stopped } : {}) });
    });
  });
}

function seconds(ms: number): string {
  return `${String(Math.round(ms / 100) / 10)} s`;
}

/** A hazard's verdict, or why it has none (the runtime stopped before its runs). */
export interface HazardCheck {
  readonly hazard: Hazard;
  readonly verdict: HazardVerdict | null;
  readonly reason?: string;
}

/** One runtime call for all hazards: each hazard's serial plan, then its forced one, compared. */
export async function checkHazards(request: Omit<ExploreRequest, 'plans' | 'replay'>, hazards: readonly Hazard[]): Promise<HazardCheck[]> {
  if (hazards.length === 0) return [];
  const plans = hazards.flatMap((h) => {
    const { serial, forced } = hazardPlans(h);
    return [serial, forced];
  });
  const result = await runExplorer({ ...request, plans });
  const byPlan = new Map<number, RunRecord>(result.runs.map((r) => [r.plan ?? -1, r]));
  return hazards.map((hazard, i) => {
    const serial = byPlan.get(2 * i);
    const forced = byPlan.get(2 * i + 1);
    return serial && forced
      ? { hazard, verdict: hazardVerdict(serial, forced) }
      : { hazard, verdict: null, reason: result.stopped?.message ?? 'the explorer stopped' };
  });
}
