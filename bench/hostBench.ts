// What the benches in the real extension host share: provision the host, run
// one suite of bench/host/ there, and print its figures as a table of ratios
// to tree-sitter's parse (`parseMs`, measured on the host's thread in the same run).
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { runExtensionTests, succeeded, type ExtensionTestRun } from '../test/host/extensionTests';
import { CODE_SERVER_VERSION, REPO } from '../test/host/paths';
import { provision } from '../test/host/provision';

export type Rows = readonly (readonly [metric: string, what: string])[];

export interface HostBench {
  /** Names the run folder and, in errors, the bench. */
  readonly name: string;
  /** The mocha suite of bench/host/ to run. */
  readonly suite: string;
  readonly timeoutMs: number;
  /** What was measured, from the run's metrics (one line above the table). */
  readonly heading: (metrics: ExtensionTestRun['metrics']) => string;
  readonly rows: Rows;
}

export async function runHostBench(bench: HostBench): Promise<void> {
  provision();
  const loadAtStart = loadavg()[0]?.toFixed(1) ?? '?';
  const run = await runExtensionTests({ name: `bench-${bench.name}`, extensionPath: REPO, suiteDir: join(REPO, 'bench', 'host'), grep: `^${bench.suite} `, timeoutMs: bench.timeoutMs });
  const { metrics } = run;
  const parseMs = metrics.parseMs;
  if (!succeeded(run) || parseMs === undefined) throw new Error(`the ${bench.name} bench failed; see ${run.runDir}`);
  console.log(
    `\n${bench.heading(metrics)} in the real extension host (code-server ${CODE_SERVER_VERSION}); ${String(cpus().length)} × ${cpus()[0]?.model ?? 'cpu'}, ` +
      `load average ${loadAtStart} at the start, ${loadavg()[0]?.toFixed(1) ?? '?'} at the end\n`,
  );
  console.log('| measurement | ms | × parse |');
  console.log('|---|---:|---:|');
  for (const [metric, what] of bench.rows) {
    const ms = metrics[metric];
    if (ms !== undefined) console.log(`| ${what} | ${ms.toFixed(1)} | ${(ms / parseMs).toFixed(2)} |`);
  }
}

/** Runs `bench` as a script's main: a failure sets the exit code. */
export function mainHostBench(bench: HostBench): void {
  runHostBench(bench).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
