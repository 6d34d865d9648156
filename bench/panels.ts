// The on-demand features in the real extension host (code-server's VS Code):
// runs bench/host/panels.test.ts and prints how long the ladder panel, the
// interleavings panel and Convert Workspace take and the longest block of the
// host's thread meanwhile, as ratios to tree-sitter's parse of the 3,000-line
// module, measured on the host's thread in the same run.
import { mainHostBench, type Rows } from './hostBench';

const ROWS: Rows = [
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

mainHostBench({
  name: 'panels',
  suite: 'panels and workspace',
  timeoutMs: 900_000,
  heading: (metrics) =>
    `panels and Convert Workspace: a ${String(metrics.lines)}-line module; a workspace of ${String(metrics.workspaceFiles)} files, ${String(metrics.workspaceLines)} lines`,
  rows: ROWS,
});
