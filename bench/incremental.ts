// `npm run bench`, the engine's share of an edit, CLI-side: the module the
// extension-host latency bench edits, the same one-character edits, and for
// each the CPU time of re-parsing it incrementally, of classifying it from
// scratch and incrementally (reusing the labels of the unchanged functions),
// and of the interleavings analysis from scratch and incrementally (reusing
// the walks of the unchanged functions), as ratios to tree-sitter's parse of
// the module measured the same way beside each edit (the load of a shared
// machine moves between edits: each edit's figures are divided by its own
// parse, and the median of those ratios is reported). The worker's own
// sequence comes last: each edit re-parsed from the parse before it, which
// was analysed (so the re-parse takes over what was read of the statements
// the edit left alone), then classified, then its interleavings, then the
// ladder steps of one screen's lenses: the functions nearest the edit that
// climb a rung, each stepped up as a lens resolves it.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { SourceFile } from '../extension/engine';
import { classifyFile } from '../extension/engine/concepts';
import { IncrementalClassifier } from '../extension/engine/concepts/incremental';
import type { ClassifiedFunction } from '../extension/engine/concepts';
import { ladderSteps } from '../extension/engine/ladder/steps';
import { stepFunction } from '../extension/engine/ladder/takeStep';
import { IncrementalInterleavings } from '../extension/engine/interleave/incremental';
import { analyzeInterleavings } from '../extension/engine/interleave/model';
import { pythonParser } from '../test/helpers/parser';
import { EXAMPLES, editOffsets, examplesModule } from './examplesModule';
import { cpuMs, medianCpuMs } from './measure';

const TARGET_LINES = 3000;
const EDITS = 15;
/** Lenses VS Code resolves for one screen (as bench/host/latency.test.ts asks). */
const SCREEN_STEPS = 15;

/** The step up of each of the `count` functions nearest `offset` that climb a rung (every one when `count` is absent), as lensStep takes it. */
function screenSteps(file: SourceFile, classified: readonly ClassifiedFunction[], offset: number, count = Infinity): void {
  const climbing = classified.flatMap((f) => {
    const up = ladderSteps(file, f.info, f.concepts).up;
    return up ? [{ name: f.name, to: up.to, distance: Math.abs(f.info.node.startIndex - offset) }] : [];
  });
  for (const { name, to } of climbing.sort((a, b) => a.distance - b.distance).slice(0, count)) stepFunction(file, name, to, { publicApi: 'keep' });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const parser = await pythonParser();
  const text = examplesModule(
    EXAMPLES.map((name) => readFileSync(join(__dirname, '..', 'examples', name), 'utf8')),
    TARGET_LINES,
  );
  // Warm-up: the first parses pay for compiling the grammar's code.
  medianCpuMs(() => {
    parser.parse(text).delete();
  }, 5);
  const classifier = new IncrementalClassifier();
  let file = SourceFile.parse(parser, text);
  classifier.classify(file);
  const interleavings = new IncrementalInterleavings();
  interleavings.analyze(file);
  const rows = {
    parse: [] as number[],
    reparse: [] as number[],
    scratch: [] as number[],
    incremental: [] as number[],
    interleavings: [] as number[],
    incrementalInterleavings: [] as number[],
    workerReparse: [] as number[],
    workerClassification: [] as number[],
    workerInterleavings: [] as number[],
    worker: [] as number[],
    workerSteps: [] as number[],
  };
  // The worker's parse of each version, analysed before the next edit (its classifier and interleavings of its own).
  const workerClassifier = new IncrementalClassifier();
  const workerInterleavings = new IncrementalInterleavings();
  let workerFile = SourceFile.parse(parser, text);
  screenSteps(workerFile, workerClassifier.classify(workerFile), 0);
  workerInterleavings.analyze(workerFile);
  for (const offset of editOffsets(text, EDITS)) {
    const digit = file.text[offset] === '1' ? '2' : '1';
    let edited = file;
    rows.reparse.push(cpuMs(() => (edited = file.withChanges([{ start: offset, end: offset + 1, newText: digit }]))));
    file.dispose();
    file = edited;
    rows.parse.push(
      cpuMs(() => {
        parser.parse(edited.text).delete();
      }),
    );
    // Each analysis on a parse of its own, so none finds what another cached on the SourceFile.
    for (const [row, analyse] of [
      [rows.scratch, (f: SourceFile) => classifyFile(f)],
      [rows.incremental, (f: SourceFile) => classifier.classify(f)],
      [rows.interleavings, (f: SourceFile) => analyzeInterleavings(f)],
      [rows.incrementalInterleavings, (f: SourceFile) => interleavings.analyze(f)],
    ] as const) {
      const copy = file.copy();
      row.push(cpuMs(() => analyse(copy)));
      copy.dispose();
    }
    // As in the worker: the edit re-parsed from the analysed parse before it, the lenses' classification, the interleavings of the same parse.
    const change = { start: offset, end: offset + 1, newText: digit };
    let next = workerFile;
    const reparse = cpuMs(() => (next = workerFile.withChanges([change])));
    workerFile.dispose();
    workerFile = next;
    let classified: readonly ClassifiedFunction[] = [];
    const classification = cpuMs(() => (classified = workerClassifier.classify(next)));
    const interleaved = cpuMs(() => workerInterleavings.analyze(next));
    rows.workerSteps.push(
      cpuMs(() => {
        screenSteps(next, classified, offset, SCREEN_STEPS);
      }),
    );
    rows.workerReparse.push(reparse);
    rows.workerClassification.push(classification);
    rows.workerInterleavings.push(interleaved);
    rows.worker.push(reparse + classification + interleaved);
  }
  file.dispose();
  workerFile.dispose();
  console.log(
    `\nthe engine's work per one-character edit (CPU ms, median of ${String(EDITS)} edits; × parse: median of each edit's ratio to a parse beside it), ${String(text.split('\n').length)}-line module of the examples; ` +
      `${String(cpus().length)} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0]?.toFixed(1) ?? '?'}\n`,
  );
  console.log('| measurement | CPU ms | × parse |');
  console.log('|---|---:|---:|');
  const row = (what: string, ms: readonly number[]): void => {
    const ratios = ms.map((m, i) => m / (rows.parse[i] ?? Number.NaN));
    console.log(`| ${what} | ${median(ms).toFixed(1)} | ${median(ratios).toFixed(2)} |`);
  };
  row('tree-sitter parse of the module (baseline)', rows.parse);
  row('incremental re-parse', rows.reparse);
  row('classification from scratch (function index included)', rows.scratch);
  row('incremental classification (function index included)', rows.incremental);
  row('interleavings analysis from scratch', rows.interleavings);
  row('incremental interleavings analysis (function index included)', rows.incrementalInterleavings);
  row("the worker: re-parse from the analysed parse before (statements the edit left alone taken over)", rows.workerReparse);
  row('the worker: then incremental classification (the lenses)', rows.workerClassification);
  row('the worker: then incremental interleavings of the same parse (the diagnostics)', rows.workerInterleavings);
  row('the worker: the whole edit (re-parse, lenses, diagnostics)', rows.worker);
  row(`the worker: then the ladder steps of one screen's lenses (the ${String(SCREEN_STEPS)} climbing functions nearest the edit)`, rows.workerSteps);
  console.log(`\nfunctions re-classified: ${String(classifier.stats.computed)} (the first parse's included), reused: ${String(classifier.stats.reused)}`);
  console.log(`functions walked for interleavings: ${String(interleavings.stats.computed)} (the first parse's included), reused: ${String(interleavings.stats.reused)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
