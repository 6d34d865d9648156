// Per-edit latency in the real extension host (run by bench/latency.ts, not by
// the integration suite): a ~3,000-line module made of copies of the examples,
// one-character edits in function bodies, and for each the time until the
// lenses and the interleaving diagnostics are current again, plus the longest
// block of the host's thread meanwhile. The baseline, tree-sitter's parse of
// the same text, is measured here too, on the same thread.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { PythonParser, SourceFile } from '../../extension/engine';
import type { DiagnosticsPublished } from '../../extension/vscode/interleavingDiagnostics';
import { extension, exampleUri } from '../../test/integration/helpers';
import { recordMetric } from '../../test/integration/results';
import { EXAMPLES, editOffsets, examplesModule } from '../examplesModule';

const TARGET_LINES = 3000;
const EDITS = 15;
/** Between edits: lets the previous edit's debounced work finish, so each edit is measured alone. */
const SETTLE_MS = 500;
/** Lenses VS Code resolves for one screen of the editor after an edit. */
const VISIBLE_LENSES = 15;
/** Lines of the editor's first screen: opening the module ends when every lens on them is resolved. */
const SCREEN_LINES = 50;
/**
 * The first lines as far as the 15th lens of the module (what the bench
 * resolved first before lenses that need no step came resolved), where the
 * lenses that wait for a ladder step start.
 */
const TOP_LINES = 130;
/** Renamed copies of the examples, until the module has TARGET_LINES lines. */
async function benchModule(): Promise<string> {
  const sources = await Promise.all(EXAMPLES.map(async (name) => new TextDecoder().decode(await vscode.workspace.fs.readFile(exampleUri(name)))));
  return examplesModule(sources, TARGET_LINES);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function medianMs(fn: () => void, runs = 30): number {
  // Warm-up: WebAssembly is compiled in tiers, so the first parses run slower code.
  for (let i = 0; i < 10; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

async function loadParser(): Promise<PythonParser> {
  const read = (name: string): Thenable<Uint8Array> => vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension().extensionUri, 'dist', name));
  const [runtime, python] = await Promise.all([read('tree-sitter.wasm'), read('tree-sitter-python.wasm')]);
  return PythonParser.load({ runtime, python });
}

/** Every lens of the module, resolved as far as `resolve` lenses without a command (VS Code resolves those in line order). */
function lensesOf(uri: vscode.Uri, resolve?: number): Thenable<vscode.CodeLens[]> {
  return vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, resolve);
}

/** The lenses on the first `lines` lines, resolved, as the editor shows them once scrolled there. */
async function resolvedAbove(uri: vscode.Uri, lines: number): Promise<vscode.CodeLens[]> {
  // Listed without resolving any: which lenses on those lines still need their command.
  const listed = await lensesOf(uri);
  const unresolved = listed.filter((l) => l.range.start.line < lines && !l.command).length;
  // All of them came with their command: they show as listed, as they do in the editor.
  return listed.length === 0 || unresolved === 0 ? listed : lensesOf(uri, unresolved);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

suite('latency', () => {
  test('one-character edits of a 3,000-line module', async function () {
    this.timeout(300_000);
    // Registered before the extension activates, so this listener hears of each change before the extension's.
    let changedAt = 0;
    const listening = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.path.endsWith('/latency_bench.py')) changedAt = performance.now();
    });
    const text = await benchModule();
    const uri = exampleUri('latency_bench.py');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));

    const opened = performance.now();
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const api = await extension().activate();
    const activationMs = api.activation.activatedAt - opened;
    // The grammar loads after activation: the lenses appear when it has.
    while ((await resolvedAbove(uri, SCREEN_LINES)).length === 0) {
      if (performance.now() - opened > 60_000) throw new Error('no lenses on the bench module');
      await sleep(10);
    }
    const firstLensesMs = performance.now() - opened;
    await resolvedAbove(uri, TOP_LINES);
    const topLensesMs = performance.now() - opened;
    await api.workspace.ready;
    // Scrolling through the whole module once: every lens resolved (a real ladder step each), so the
    // edits below measure the edit's own work, not first sight of a region.
    const resolving = monitorEventLoopDelay({ resolution: 5 });
    resolving.enable();
    const resolveStarted = performance.now();
    const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, Number.MAX_SAFE_INTEGER);
    const resolveAllMs = performance.now() - resolveStarted;
    resolving.disable();
    await sleep(SETTLE_MS);

    const lensMs: number[] = [];
    const diagnosticsMs: number[] = [];
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    // The host's garbage collections meanwhile: what the edits cost its heap.
    const collections: number[] = [];
    const gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) collections.push(entry.duration);
    });
    gc.observe({ entryTypes: ['gc'] });
    for (const offset of editOffsets(editor.document.getText(), EDITS)) {
      const { document } = editor;
      const at = document.positionAt(offset);
      const digit = document.getText(new vscode.Range(at, at.translate(0, 1)));
      editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
      const version = document.version + 1;
      const published = new Promise<number>((resolve) => {
        const waiting = api.onDidPublishDiagnostics((e: DiagnosticsPublished) => {
          if (e.uri.toString() === uri.toString() && e.version >= version) {
            waiting.dispose();
            resolve(performance.now());
          }
        });
      });
      const edited = await editor.edit((b) => {
        b.replace(new vscode.Range(at, at.translate(0, 1)), digit === '1' ? '2' : '1');
      });
      if (!edited) throw new Error('the edit was refused');
      const changed = changedAt;
      await lensesOf(uri, VISIBLE_LENSES);
      lensMs.push(performance.now() - changed);
      diagnosticsMs.push((await published) - changed);
      await sleep(SETTLE_MS);
    }
    delay.disable();
    gc.disconnect();
    listening.dispose();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    // The baseline last, once the host is quiet and WebAssembly has reached its optimised tier.
    const parser = await loadParser();
    const parsed = SourceFile.parse(parser, text);
    const [sample = 0] = editOffsets(text, EDITS);
    const parseMs = medianMs(() => {
      parser.parse(text).delete();
    });
    const incrementalParseMs = medianMs(() => {
      parsed.withChanges([{ start: sample, end: sample + 1, newText: '7' }]).dispose();
    });
    parsed.dispose();

    recordMetric('lines', text.split('\n').length);
    recordMetric('edits', EDITS);
    recordMetric('parseMs', parseMs);
    recordMetric('incrementalParseMs', incrementalParseMs);
    recordMetric('activationMs', activationMs);
    recordMetric('firstLensesMs', firstLensesMs);
    recordMetric('topLensesMs', topLensesMs);
    recordMetric('firstLensesAfterActivationMs', firstLensesMs - activationMs);
    recordMetric('lenses', all.length);
    recordMetric('resolveAllMs', resolveAllMs);
    recordMetric('resolveMaxBlockMs', resolving.max / 1e6);
    recordMetric('lensesMs', median(lensMs));
    recordMetric('lensesMaxMs', Math.max(...lensMs));
    recordMetric('diagnosticsMs', median(diagnosticsMs));
    recordMetric('diagnosticsMaxMs', Math.max(...diagnosticsMs));
    recordMetric('maxBlockMs', delay.max / 1e6);
    recordMetric('gcMs', collections.reduce((sum, ms) => sum + ms, 0));
    recordMetric('gcMaxMs', Math.max(0, ...collections));
  });
});
