// The on-demand features in the real extension host (code-server's VS Code):
// runs bench/host/panels.test.ts and prints how long the ladder panel, the
// interleavings panel and Convert Workspace take and the longest block of the
// host's thread meanwhile, as ratios to tree-sitter's parse of the 3,000-line
// module, measured on the host's thread in the same run.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { runExtensionTests, succeeded } from '../test/host/extensionTests';
import { CODE_SERVER_VERSION, REPO } from '../test/host/paths';
import { provision } from '../test/host/provision';

const ROWS: readonly (readonly [metric: string, what: string])[] = [
  ['parseMs', 'tree-sitter parse of the 3,000-line module (baseline)'],
  ['ladderMs', 'Show Concept Ladder → the ladder drawn (median of 3 functions)'],
  ['ladderMaxBlockMs', 'longest block of the host thread meanwhile'],
  ...[1, 2, 3].flatMap((i): [string, string][] => [
    [`ladder${String(i)}Ms`, `… function ${String(i)}: the ladder drawn`],
    [`ladder${String(i)}MaxBlockMs`, `… function ${String(i)}: longest block of the host thread`],
    [`ladder${String(i)}BusyMs`, `… function ${String(i)}: the host thread busy, all blocks together`],
  ]),
  ['interleavingsMs', 'Show Interleavings → the drawing'],
  ['interleavingsMaxBlockMs', 'longest block of the host thread meanwhile'],
  ['interleavingsBusyMs', 'the host thread busy meanwhile, all blocks together'],
  ['workspaceMs', 'Convert Workspace → every file converted (up to its dialog)'],
  ['workspaceMaxBlockMs', 'longest block of the host thread meanwhile'],
  ['workspaceBusyMs', 'the host thread busy meanwhile, all blocks together'],
];

async function main(): Promise<void> {
  provision();
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  const run = await runExtensionTests({ name: 'bench-panels', extensionPath: REPO, suiteDir: join(REPO, 'bench', 'host'), grep: '^panels and workspace ', timeoutMs: 900_000 });
  const { metrics } = run;
  const parseMs = metrics.parseMs;
  if (!succeeded(run) || parseMs === undefined) throw new Error(`the panels bench failed; see ${run.runDir}`);
  console.log(
    `\npanels and Convert Workspace in the real extension host (code-server ${CODE_SERVER_VERSION}): a ${String(metrics.lines)}-line module; ` +
      `a workspace of ${String(metrics.workspaceFiles)} files, ${String(metrics.workspaceLines)} lines; ${String(cpus().length)} × ${cpus()[0]?.model ?? 'cpu'}, ` +
      `load average ${load} at the start, ${loadavg()[0]?.toFixed(1) ?? '?'} at the end\n`,
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
