// One function at every rung of the ladder, for the side-by-side view: from
// the rung the function is on, the registered conversions move it one step at
// a time up (cps, generator, async) and down (generator, cps, direct), each
// step on the re-parse of the previous one. The function climbs with its call
// chain: the functions of the module it calls (directly or through each
// other) that sit on its rung, so a CPS column passes continuations through
// its callees instead of wrapping a direct-style result, and a step that would
// leave a callee behind (`callee-stays`) takes it along. A step that refuses
// keeps its reason; the rungs beyond it are not reached. A callee that cannot
// move keeps its own reason in the column.
import type { Node } from '../syntax/node';
// takeStep before the concepts barrel: the registry must load ahead of the classifier that reads it.
import { functionStepOf, stepFunction, takeStep, type FunctionStep } from './takeStep';
import { classifyFile } from '../concepts';
import { rungOf, RUNGS } from './steps';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import type { ConversionOptions, Rung } from './conversion';
import { isInsertedHelper } from './insertedHelpers';

/** Module-level code a conversion added for the function to work: a runner, a trampoline, an import. */
export interface AddedHelper {
  readonly name: string;
  readonly code: string;
}

export type LadderColumn =
  | {
      readonly rung: Rung;
      readonly kind: 'code';
      /** The rung the function is on now (its code is the file's own). */
      readonly current: boolean;
      /** The definitions of `functions`, in source order, decorators included, common indentation removed. */
      readonly code: string;
      /** The function, then the callees of its chain this column shows with it. */
      readonly functions: readonly string[];
      /** Callees of the chain that this step leaves where they are, with the reason. */
      readonly stays: readonly ChainRefusal[];
      /** 1-based line of the definition in `module`. */
      readonly line: number;
      /** Helpers the steps from the current rung inserted into the module. */
      readonly helpers: readonly AddedHelper[];
      /** Other functions the steps converted along with it and its chain (their callers). */
      readonly alsoConverted: readonly string[];
      /** The whole module at this rung. */
      readonly module: string;
    }
  | {
      readonly rung: Rung;
      readonly kind: 'refused';
      /** The rung the refused step started from. */
      readonly from: Rung;
      readonly reason: string;
      /** The step started from a module the ladder generated, so lines the reason cites are that module's, not the file's. */
      readonly fromGenerated: boolean;
    }
  | {
      readonly rung: Rung;
      readonly kind: 'unreached';
      /** The rung whose step refused, so this one cannot be reached from here. */
      readonly blockedAt: Rung;
    };

export interface ChainRefusal {
  readonly function: string;
  readonly reason: string;
}

/** At most this many callees climb with a function: the panel stays readable and each step quick. */
const MAX_CHAIN = 8;

/**
 * The functions of the module that `fn` calls, directly or through each other,
 * on the same rung as `fn`, in source order: what must climb with it. Module
 * functions by plain name, and methods of its own class through `self`/`cls`.
 */
export function callChain(file: SourceFile, fn: FunctionInfo): FunctionInfo[] {
  const classified = classifyFile(file);
  const rungOfFn = (f: FunctionInfo): Rung => rungOf(classified.find((c) => c.info.node.id === f.node.id)?.concepts ?? []);
  const rung = rungOfFn(fn);
  const chain = new Map<number, FunctionInfo>();
  const pending = [fn];
  for (let at = pending.pop(); at && chain.size < MAX_CHAIN; at = pending.pop()) {
    for (const callee of calleesOf(file, at)) {
      if (callee.node.id === fn.node.id || chain.has(callee.node.id) || rungOfFn(callee) !== rung || chain.size >= MAX_CHAIN) continue;
      chain.set(callee.node.id, callee);
      pending.push(callee);
    }
  }
  return [...chain.values()].sort((a, b) => a.node.startIndex - b.node.startIndex);
}

/** The module's functions a function calls by name: `f(...)` for a top-level `f`, `self.m(...)` for a method of its class. */
function calleesOf(file: SourceFile, fn: FunctionInfo): FunctionInfo[] {
  const found: FunctionInfo[] = [];
  const receiver = fn.parent !== undefined && file.functions.named(fn.parent)[0]?.kind === 'class' ? fn.node.childForFieldName('parameters')?.namedChildren[0] : undefined;
  for (const call of fn.node.descendantsOfType('call')) {
    const callee = call?.childForFieldName('function');
    let name: string | undefined;
    if (callee?.type === 'identifier') name = callee.text;
    else if (callee?.type === 'attribute' && receiver?.type === 'identifier' && callee.childForFieldName('object')?.text === receiver.text) {
      name = `${fn.parent ?? ''}.${callee.childForFieldName('attribute')?.text ?? ''}`;
    }
    const target = name === undefined ? undefined : file.functions.named(name).find((f) => f.kind === 'function');
    // A plain name reaches module-level functions only.
    if (target && (callee?.type === 'attribute' || target.parent === undefined)) found.push(target);
  }
  return found;
}

/** A step of the function with its call chain, and the callees of the chain it leaves behind. */
export interface ChainStep {
  readonly step: FunctionStep;
  readonly left: readonly ChainRefusal[];
}

/**
 * Moves the function named `name` to `to` together with its call chain `chain`
 * (names), as the ladder panel shows and applies it: the step alone when the
 * chain is empty, so it is the very step the code action takes. When the chain
 * blocks a step the function can take alone, the function goes alone and the
 * chain stays behind, saying why.
 */
export function stepWithChain(file: SourceFile, name: string, chain: readonly string[], to: Rung, options: ConversionOptions = {}): ChainStep {
  const alone = (): FunctionStep => stepFunction(file, name, to, options);
  if (chain.length === 0) return { step: alone(), left: [] };
  const step = functionStepOf(name, to, takeStep(file, to, { ...options, functions: [name, ...chain] }));
  const { result, refusal } = step;
  if (refusal) {
    const single = alone();
    if (!single.refusal) return { step: single, left: chain.map((c) => ({ function: c, reason: `would block the step: ${refusal.message}` })) };
  }
  const left = chain
    .filter((c) => !result.converted.includes(c))
    .map((c) => ({ function: c, reason: result.refused.find((r) => r.function === c)?.message ?? 'is left as it is by this step' }));
  return { step, left };
}

/**
 * The columns bottom to top (direct, cps, generator, async) for the function
 * named `functionName` (dotted; the first of that name), or none when the file
 * has no such function.
 */
export function ladderOf(file: SourceFile, functionName: string, options: ConversionOptions = {}): LadderColumn[] {
  const fn = file.functions.named(functionName).find((f) => f.kind === 'function');
  if (!fn) return [];
  const concepts = classifyFile(file).find((c) => c.info.node.id === fn.node.id)?.concepts ?? [];
  const here = RUNGS.indexOf(rungOf(concepts));
  const chain = callChain(file, fn).map((f) => f.name);
  const columns = new Map<Rung, LadderColumn>();
  const base: Step = { file, fn, chain, helpers: [], alsoConverted: [], stays: [] };
  columns.set(RUNGS[here] ?? 'direct', { ...codeColumn(base, RUNGS[here] ?? 'direct'), current: true });
  const walk = (direction: 1 | -1): void => {
    const parses: SourceFile[] = [];
    try {
      let at: Step = base;
      for (let i = here + direction; i >= 0 && i < RUNGS.length; i += direction) {
        const rung = RUNGS[i];
        const from = RUNGS[i - direction];
        if (!rung || !from) return;
        const next = step(at, rung, functionName, chain, options);
        if (typeof next === 'string') {
          columns.set(rung, { rung, kind: 'refused', from, reason: next, fromGenerated: at !== base });
          for (let j = i + direction; j >= 0 && j < RUNGS.length; j += direction) {
            const beyond = RUNGS[j];
            if (beyond) columns.set(beyond, { rung: beyond, kind: 'unreached', blockedAt: rung });
          }
          return;
        }
        parses.push(next.file);
        columns.set(rung, codeColumn(next, rung));
        at = next;
      }
    } finally {
      for (const parsed of parses) parsed.dispose();
    }
  };
  walk(1);
  walk(-1);
  return RUNGS.map((r) => columns.get(r)).filter((c): c is LadderColumn => c !== undefined);
}

/** Where a walk along the ladder has got to: the module, the function in it, and what the steps so far added. */
interface Step {
  readonly file: SourceFile;
  readonly fn: FunctionInfo;
  /** The callees that have climbed with it this far. */
  readonly chain: readonly string[];
  readonly helpers: readonly AddedHelper[];
  readonly alsoConverted: readonly string[];
  readonly stays: readonly ChainRefusal[];
}

/** One rung further, on a fresh parse (the caller disposes it), or the reason the step refuses. */
function step(at: Step, to: Rung, name: string, chain: readonly string[], options: ConversionOptions): Step | string {
  const { step: taken, left } = stepWithChain(at.file, name, at.chain, to, options);
  const { result, refusal } = taken;
  if (refusal) return refusal.message;
  if (result.text === undefined || !result.converted.includes(name)) return `the conversion to ${to} leaves ${name} as it is`;
  const file = at.file.reparse(result.text);
  const fn = closestNamed(file, name, at.fn.line);
  if (!fn) {
    file.dispose();
    return `${name} cannot be found after the conversion to ${to}`;
  }
  const before = new Set(moduleAdditions(at.file).map((h) => h.code));
  const now = moduleAdditions(file);
  const still = new Set(now.map((h) => h.code));
  const stayed = new Set(left.map((l) => l.function));
  const moved = at.chain.filter((c) => !stayed.has(c));
  return {
    file,
    fn,
    chain: moved,
    // A later step may remove what an earlier one added (the async step drops the inline-callbacks runner).
    helpers: [...at.helpers.filter((h) => still.has(h.code)), ...now.filter((h) => !before.has(h.code))],
    alsoConverted: [...new Set([...at.alsoConverted, ...result.converted.filter((c) => c !== name && !chain.includes(c))])],
    // A callee left behind once stays out of the columns beyond.
    stays: [...at.stays, ...left],
  };
}

/** The definition named `name` nearest `line`: names stay, lines move when helpers are inserted. */
function closestNamed(file: SourceFile, name: string, line: number): FunctionInfo | undefined {
  return file.functions
    .named(name)
    .filter((f) => f.kind === 'function')
    .sort((a, b) => Math.abs(a.line - line) - Math.abs(b.line - line))[0];
}

function codeColumn(at: Step, rung: Rung): Extract<LadderColumn, { kind: 'code' }> {
  const callees = at.chain.flatMap((c) => closestNamed(at.file, c, at.fn.line) ?? []);
  const shown = [at.fn, ...callees].sort((a, b) => a.node.startIndex - b.node.startIndex);
  return {
    rung,
    kind: 'code',
    current: false,
    code: shown.map((f) => definitionText(at.file, f)).join('\n\n'),
    functions: [at.fn.name, ...callees.map((f) => f.name)],
    stays: at.stays,
    line: at.fn.line,
    helpers: at.helpers,
    alsoConverted: at.alsoConverted,
    module: at.file.text,
  };
}

/** The definition from the start of its first decorator's line, with the common indentation removed. */
function definitionText(file: SourceFile, fn: FunctionInfo): string {
  const start = file.lines.offsetAt({ line: file.lineOf(fn.decorated ?? fn.node) - 1, character: 0 });
  const lines = file.text.slice(start, fn.node.endIndex).split(/\r\n?|\n/);
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** Top-level imports and inserted helpers: what a conversion may add to the module around the function. */
function moduleAdditions(file: SourceFile): AddedHelper[] {
  const imports = file.tree.rootNode.namedChildren
    .filter((n): n is Node => n !== null && (n.type === 'import_statement' || n.type === 'import_from_statement'))
    .map((n) => ({ name: 'import', code: file.textOf(n) }));
  const helpers = file.functions.all
    .filter((f) => isInsertedHelper(file, f))
    .map((f) => ({ name: f.name, code: file.textOf(f.node) }));
  return [...imports, ...helpers];
}
