// Per-edit latency in the real extension host (code-server's VS Code): runs
// bench/host/latency.test.ts and prints its figures as ratios to tree-sitter's
// parse of the same module, measured on the host's thread in the same run.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { runExtensionTests, succeeded } from '../test/host/extensionTests';
import { CODE_SERVER_VERSION, REPO } from '../test/host/paths';
import { provision } from '../test/host/provision';

const ROWS: readonly (readonly [metric: string, what: string])[] = [
  ['parseMs', 'tree-sitter parse of the module (baseline)'],
  ['incrementalParseMs', 'incremental re-parse after a one-character edit'],
  ['firstLensesMs', 'opening the module → its first lenses (top of the file resolved)'],
  ['resolveAllMs', 'resolving every lens of the module (scrolling through it once)'],
  ['resolveMaxBlockMs', 'longest block of the host thread while resolving them'],
  ['lensesMs', 'edit → lenses current (median)'],
  ['lensesMaxMs', 'edit → lenses current (slowest edit)'],
  ['diagnosticsMs', 'edit → interleaving diagnostics current (median, includes the 100 ms debounce)'],
  ['diagnosticsMaxMs', 'edit → interleaving diagnostics current (slowest edit)'],
  ['maxBlockMs', 'longest block of the host thread during the edits'],
];

async function main(): Promise<void> {
  provision();
  const run = await runExtensionTests({ name: 'bench-latency', extensionPath: REPO, suiteDir: join(REPO, 'bench', 'host'), timeoutMs: 600_000 });
  const { metrics } = run;
  const parseMs = metrics.parseMs;
  if (!succeeded(run) || parseMs === undefined) throw new Error(`the latency bench failed; see ${run.runDir}`);
  console.log(
    `\nper-edit latency in the real extension host (code-server ${CODE_SERVER_VERSION}), ${String(metrics.lines)} lines, ` +
      `${String(metrics.lenses)} lenses, ${String(metrics.edits)} one-character edits; ${String(cpus().length)} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0]?.toFixed(1) ?? '?'} at the end\n`,
  );
  console.log('| measurement | ms | × parse |');
  console.log('|---|---:|---:|');
  for (const [metric, what] of ROWS) {
    const ms = metrics[metric];
    if (ms !== undefined) console.log(`| ${what} | ${ms.toFixed(1)} | ${(ms / parseMs).toFixed(2)} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
