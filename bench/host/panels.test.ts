// The on-demand features in the real extension host (run by bench/panels.ts,
// not by the integration suite): the ladder panel and the interleavings panel
// opened on a ~3,000-line module, and "Convert Workspace to async/await…" on a
// workspace of many such modules, each timed until it has its answer, with the
// longest block of the host's thread meanwhile. The baseline, tree-sitter's
// parse of the 3,000-line module, is measured here too, on the same thread.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { PythonParser } from '../../extension/engine';
import { extension, exampleUri } from '../../test/integration/helpers';
import { recordMetric } from '../../test/integration/results';
import { EXAMPLES, examplesModule } from '../examplesModule';

const TARGET_LINES = 3000;
/** The workspace the conversion runs on: this many modules of about WORKSPACE_MODULE_LINES lines each, beside the examples. */
const WORKSPACE_MODULES = 8;
const WORKSPACE_MODULE_LINES = 1000;
/** Functions of the bench module the ladder panel is opened on: ones with a call chain, and coroutines. */
const LADDER_FUNCTIONS = ['hypotenuse_squared_c2', 'price_c3', 'classify_c4'];
const SETTLE_MS = 1000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function exampleSources(): Promise<string[]> {
  return Promise.all(EXAMPLES.map(async (name) => new TextDecoder().decode(await vscode.workspace.fs.readFile(exampleUri(name)))));
}

async function loadParser(): Promise<PythonParser> {
  const read = (name: string): Thenable<Uint8Array> => vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension().extensionUri, 'dist', name));
  const [runtime, python] = await Promise.all([read('tree-sitter.wasm'), read('tree-sitter-python.wasm')]);
  return PythonParser.load({ runtime, python });
}

interface Measured {
  readonly ms: number;
  /** The longest block of this thread meanwhile. */
  readonly maxBlockMs: number;
  /** How long this thread was busy meanwhile, all blocks together (its event loop's active time). */
  readonly busyMs: number;
}

/** Runs `action` and times it until `done` holds, with how this thread was held meanwhile. */
async function measured(action: () => unknown, done: () => boolean | Promise<boolean>, timeoutMs = 240_000): Promise<Measured> {
  const delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const utilization = performance.eventLoopUtilization();
  const started = performance.now();
  void action();
  while (!(await done())) {
    if (performance.now() - started > timeoutMs) throw new Error('timed out');
    await sleep(5);
  }
  const ms = performance.now() - started;
  // The histogram hears of a block when its timer next runs: a block that ended just now is recorded after it.
  await sleep(20);
  const busyMs = performance.eventLoopUtilization(utilization).active;
  delay.disable();
  return { ms, maxBlockMs: delay.max / 1e6, busyMs };
}

suite('panels and workspace', () => {
  test('the ladder and interleavings panels on a 3,000-line module, and Convert Workspace on a multi-file workspace', async function () {
    this.timeout(900_000);
    const sources = await exampleSources();
    const text = examplesModule(sources, TARGET_LINES);
    const uri = exampleUri('panels_bench.py');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const api = await extension().activate();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await api.workspace.ready;
    // The worker running and told of the module before anything is timed.
    await api.engine.ask({ kind: 'where' });
    await sleep(SETTLE_MS);

    const ladder: Measured[] = [];
    for (const name of LADDER_FUNCTIONS) {
      ladder.push(
        await measured(
          () => vscode.commands.executeCommand('conceptLenses.showLadder', uri, name),
          () => {
            const shown = api.panels.ladder();
            return shown?.kind === 'ladder' && shown.ladder.function === name;
          },
        ),
      );
      await sleep(SETTLE_MS);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await sleep(SETTLE_MS);
    const interleavings = await measured(
      () => vscode.commands.executeCommand('conceptLenses.showInterleavings', uri),
      () => api.panels.interleavings()?.kind === 'model',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // A workspace of many modules: what Convert Workspace reads, parses and converts.
    const folder = exampleUri('bench_workspace');
    let workspaceLines = text.split('\n').length;
    for (let i = 0; i < WORKSPACE_MODULES; i++) {
      // Each module's copies renamed apart from the others' (examplesModule numbers its copies from 0).
      const module = examplesModule(sources, WORKSPACE_MODULE_LINES).replace(/_c(\d+)\b/g, `_m${String(i)}c$1`);
      workspaceLines += module.split('\n').length;
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `module_${String(i)}.py`), new TextEncoder().encode(module));
    }
    const files = await vscode.workspace.findFiles('**/*.py', '**/{node_modules,.git,.venv,venv,site-packages}/**');
    // The index reads new files on the file watcher's events, which can be late or missed; the
    // command reads every file it converts itself, so after a while the bench goes on without them.
    const indexed = (): boolean => files.every((f) => api.workspace.model.module(f.toString()) !== undefined);
    for (const waitingSince = performance.now(); !indexed() && performance.now() - waitingSince < 30_000; ) await sleep(50);
    await sleep(SETTLE_MS);
    // The command opens every file, then converts them all and asks with a modal dialog, which stays
    // up (nothing here answers it). Its conversion is over when every file is open and a question
    // asked of the engine's worker after that is answered (the worker answers in order).
    const open = (): boolean => files.every((f) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === f.toString()));
    let allOpen = false;
    const workspace = await measured(
      () => vscode.commands.executeCommand('conceptLenses.convertWorkspaceToAsync'),
      async () => {
        if (!allOpen) {
          allOpen = open();
          return false;
        }
        await api.engine.ask({ kind: 'where' });
        return true;
      },
    );

    const parser = await loadParser();
    for (let i = 0; i < 10; i++) parser.parse(text).delete();
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      parser.parse(text).delete();
      samples.push(performance.now() - t);
    }

    recordMetric('lines', text.split('\n').length);
    recordMetric('parseMs', median(samples));
    recordMetric('ladderMs', median(ladder.map((l) => l.ms)));
    recordMetric('ladderMaxBlockMs', Math.max(...ladder.map((l) => l.maxBlockMs)));
    for (const [i, l] of ladder.entries()) {
      recordMetric(`ladder${String(i + 1)}Ms`, l.ms);
      recordMetric(`ladder${String(i + 1)}MaxBlockMs`, l.maxBlockMs);
      recordMetric(`ladder${String(i + 1)}BusyMs`, l.busyMs);
    }
    recordMetric('interleavingsMs', interleavings.ms);
    recordMetric('interleavingsMaxBlockMs', interleavings.maxBlockMs);
    recordMetric('interleavingsBusyMs', interleavings.busyMs);
    recordMetric('workspaceFiles', files.length);
    recordMetric('workspaceLines', workspaceLines);
    recordMetric('workspaceMs', workspace.ms);
    recordMetric('workspaceMaxBlockMs', workspace.maxBlockMs);
    recordMetric('workspaceBusyMs', workspace.busyMs);
  });
});
