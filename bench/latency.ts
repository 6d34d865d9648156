// Per-edit latency in the real extension host (code-server's VS Code): runs
// bench/host/latency.test.ts and prints its figures as ratios to tree-sitter's
// parse of the same module, measured on the host's thread in the same run.
import { mainHostBench, type Rows } from './hostBench';

const ROWS: Rows = [
  ['parseMs', 'tree-sitter parse of the module (baseline)'],
  ['incrementalParseMs', 'incremental re-parse after a one-character edit'],
  ['activationMs', 'opening the module → the extension active'],
  ['firstLensesMs', 'opening the module → its first screen of lenses (every lens of the first 50 lines resolved)'],
  ['firstLensesAfterActivationMs', 'the extension active → its first screen of lenses'],
  ['topLensesMs', 'opening the module → every lens of the first 130 lines resolved (ladder steps among them)'],
  ['resolveAllMs', 'resolving every lens of the module (scrolling through it once)'],
  ['resolveMaxBlockMs', 'longest block of the host thread while resolving them'],
  ['lensesMs', 'edit → lenses current (median)'],
  ['lensesMaxMs', 'edit → lenses current (slowest edit)'],
  ['diagnosticsMs', 'edit → interleaving diagnostics current (median)'],
  ['diagnosticsMaxMs', 'edit → interleaving diagnostics current (slowest edit)'],
  ['maxBlockMs', 'longest block of the host thread during the edits'],
  ['gcMs', 'garbage collection on the host thread during the edits (all collections)'],
  ['gcMaxMs', 'longest garbage collection on the host thread during the edits'],
];

mainHostBench({
  name: 'latency',
  suite: 'latency',
  timeoutMs: 600_000,
  heading: (metrics) => `per-edit latency, ${String(metrics.lines)} lines, ${String(metrics.lenses)} lenses, ${String(metrics.edits)} one-character edits`,
  rows: ROWS,
});
