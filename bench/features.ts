// Each feature adds its measurement here: a function over already-parsed files.
import { FunctionIndex, type SourceFile } from '../extension/engine';
import { classifyFile } from '../extension/engine/concepts';
import { analyzeInterleavings, type InterleavingModel } from '../extension/engine/interleave/model';
import { convertFile } from '../extension/engine/ladder/convertFile';
import { generatorToAsync } from '../extension/engine/ladder/conversions/generatorToAsync';
import { asyncToGenerator } from '../extension/engine/ladder/conversions/asyncToGenerator';
import { directToCps } from '../extension/engine/ladder/conversions/directToCps';
import { cpsToGenerator } from '../extension/engine/ladder/conversions/cpsToGenerator';
import { inlineCallbacksToAsync } from '../extension/engine/ladder/conversions/inlineCallbacksToAsync';
import { toInterleavingView } from '../webview/fromModel';
import { renderPanel } from '../webview/render/panelView';
import { ladderOf } from '../extension/engine/ladder/ladderView';
import { stepFunction } from '../extension/engine/ladder/takeStep';
import { toLadderView } from '../webview/fromLadder';
import { renderLadder } from '../webview/render/ladderView';

export interface FeatureBench {
  readonly name: string;
  /** Returns a count of what it produced, so the work cannot be skipped. */
  run(files: readonly SourceFile[]): number;
}

export const featureBenches: readonly FeatureBench[] = [
  {
    name: 'function index',
    run(files) {
      return files.reduce((n, f) => n + new FunctionIndex(f).all.length, 0);
    },
  },
  {
    // What the lens provider does per document version: index and classify every definition.
    name: 'concept lenses (index + classify)',
    run(files) {
      return files.reduce((n, f) => n + classifyFile(f, new FunctionIndex(f).all).filter((c) => c.concepts.length > 0).length, 0);
    },
  },
  {
    // Conversions share one analysis per parse, so each run starts from a fresh parse (included in the figure),
    // as the CLI does. The corpus is native asyncio: this mostly measures finding nothing at the generator rung.
    name: 'ladder: parse + every generator coroutine → async/await',
    run(files) {
      return files.reduce((n, f) => n + freshly(f, (g) => convertFile(g, 'async', {}, [generatorToAsync]).converted.length), 0);
    },
  },
  {
    name: 'ladder: parse + every native coroutine → @types.coroutine (reverse)',
    run(files) {
      return files.reduce((n, f) => n + freshly(f, (g) => convertFile(g, 'generator', {}, [asyncToGenerator]).converted.length), 0);
    },
  },
  {
    // The same files first moved down to @types.coroutine generators (once, untimed), then every one converted back.
    name: 'ladder: parse + generator-coroutine form of the files → async/await',
    run(files) {
      const forms = generatorForm(files);
      return files.reduce((n, f, i) => n + freshly(f, (g) => convertFile(g, 'async', {}, [generatorToAsync]).converted.length, forms[i]), 0);
    },
  },
  {
    // Every plain function (with its callers) moved to CPS, then the CPS text on to the inline-callbacks form; fresh parses included.
    name: 'ladder: parse + every direct function → CPS → generator',
    run(files) {
      return files.reduce((n, f) => {
        const cps = freshly(f, (g) => convertFile(g, 'cps', { withCallers: true }, [directToCps]));
        return n + cps.converted.length + freshly(f, (g) => convertFile(g, 'generator', {}, [cpsToGenerator]).converted.length, cps.text ?? f.text);
      }, 0);
    },
  },
  {
    // The files moved direct → CPS → inline callbacks once (untimed), then every inline-callbacks function decided and converted.
    name: 'ladder: parse + inline-callbacks form of the files → async/await',
    run(files) {
      const forms = inlineCallbacksForm(files);
      return files.reduce((n, f, i) => n + freshly(f, (g) => {
        const result = convertFile(g, 'async', {}, [inlineCallbacksToAsync]);
        return result.converted.length + result.refused.length;
      }, forms[i]), 0);
    },
  },
  {
    // What the diagnostics do per document version: the whole interleavings model (coroutines, segments, accesses, hazards).
    name: 'interleavings (model + hazards)',
    run(files) {
      return files.reduce((n, f) => {
        const model = analyzeInterleavings(f);
        return n + model.coroutines.length + model.hazards.length;
      }, 0);
    },
  },
  {
    // What the interleavings panel adds on top of the model per update (the model is computed once, untimed):
    // its JSON view with the source lines, and the markup of the first hazard.
    name: 'interleavings panel (view + markup, model cached)',
    run(files) {
      return files.reduce((n, f) => {
        const view = toInterleavingView(modelOf(f), 'bench.py', (line) => f.lines.lineText(line - 1));
        return n + renderPanel({ kind: 'model', model: view }, { hazard: 0, step: 0 }).length;
      }, 0);
    },
  },
  {
    // What resolving one "→ CPS" lens does: the step of the file's first direct candidate, with its callers
    // when they block it (so up to two conversions), on a fresh parse since steps are cached per parse.
    name: 'lens step (first direct function → CPS, with callers where needed)',
    run(files) {
      return files.reduce((n, f) => {
        const [fn] = directToCps.candidates(f);
        if (!fn) return n;
        return n + freshly(f, (g) => stepFunction(g, fn.name, 'cps').result.converted.length);
      }, 0);
    },
  },
  {
    // What the ladder panel does per update: the first coroutine of each file (else its first function)
    // moved through every rung it reaches, each step on a fresh parse, then the panel's markup.
    name: 'ladder panel (one function, every rung + markup)',
    run(files) {
      return files.reduce((n, f) => {
        const fn = f.functions.all.find((g) => g.kind === 'function' && g.isAsync) ?? f.functions.all.find((g) => g.kind === 'function');
        if (!fn) return n;
        return n + renderLadder({ kind: 'ladder', ladder: toLadderView(ladderOf(f, fn.name), 'bench.py', fn.name, fn.line) }).length;
      }, 0);
    },
  },
];

/** Runs `fn` on a fresh parse of `text` (by default the file's own), then frees it. */
function freshly<T>(file: SourceFile, fn: (fresh: SourceFile) => T, text = file.text): T {
  const fresh = file.reparse(text);
  try {
    return fn(fresh);
  } finally {
    fresh.dispose();
  }
}

const generatorForms = new WeakMap<readonly SourceFile[], string[]>();

/** Each file's text with its native coroutines turned into @types.coroutine generators, computed once. */
function generatorForm(files: readonly SourceFile[]): string[] {
  let forms = generatorForms.get(files);
  if (!forms) {
    forms = files.map((f) => freshly(f, (g) => convertFile(g, 'generator', {}, [asyncToGenerator]).text ?? f.text));
    generatorForms.set(files, forms);
  }
  return forms;
}

const inlineCallbacksForms = new WeakMap<readonly SourceFile[], string[]>();

/** Each file's text with its plain functions moved to CPS and on to the inline-callbacks form, computed once. */
function inlineCallbacksForm(files: readonly SourceFile[]): string[] {
  let forms = inlineCallbacksForms.get(files);
  if (!forms) {
    forms = files.map((f) => {
      const cps = freshly(f, (g) => convertFile(g, 'cps', { withCallers: true }, [directToCps]).text ?? f.text);
      return freshly(f, (g) => convertFile(g, 'generator', {}, [cpsToGenerator]).text ?? cps, cps);
    });
    inlineCallbacksForms.set(files, forms);
  }
  return forms;
}

const models = new WeakMap<SourceFile, InterleavingModel>();

/** The file's interleavings model, computed once. */
function modelOf(file: SourceFile): InterleavingModel {
  let model = models.get(file);
  if (!model) {
    model = analyzeInterleavings(file);
    models.set(file, model);
  }
  return model;
}
