// One entry point for "move these functions (or every candidate) of a file to
// rung R": each function goes to the registered conversion whose candidates
// include it; conversions of different kinds run one after another on the
// re-parsed result. Functions no conversion takes are refused with what they are.
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile, TextChange } from '../syntax/sourceFile';
import { reparsedAfter } from '../syntax/editBuilder';
import { outputProblem } from '../syntax/outputValidity';
import type { Conversion, ConversionOptions, ConversionResult, Refusal, Rung } from './conversion';
import { CONCEPT_INFO, classifyFile } from '../concepts';
import { describeKind, moduleCoroutines, type ModuleCoroutines } from '../python/coroutines';
import { candidatesOf } from './candidates';
import { continuationParameter, cpsOutOfReach } from './continuations';
import { brokenElsewhere } from './projectUses';
import { unseenCallersBlocker } from './publicContract';
import { conversions as registered } from './registry';
import { refusalAt } from './refusal';
import { holdsBack, movesFamilies, overriddenBlocker, strandedByFamily } from './overrideFamilies';
import { redefinitionsOf } from '../python/methodOwner';

export interface ConvertFileOptions extends ConversionOptions {
  /** Dotted names to convert; every candidate when absent. */
  readonly functions?: readonly string[];
}

export function convertFile(
  file: SourceFile,
  to: Rung,
  options: ConvertFileOptions = {},
  conversions: readonly Conversion[] = registered,
): ConversionResult {
  const targets = conversions.filter((c) => c.to === to);
  const refused: Refusal[] = [];
  // Which conversion takes which function, decided on the original parse.
  const assigned = new Map<Conversion, { name: string; ordinal: number }[]>();
  const candidates = new Map(targets.map((c) => [c, candidatesOf(file, c)]));
  const requested = options.functions ? resolve(file, options.functions, refused) : undefined;
  const pool = requested ?? unique([...candidates.values()].flat());
  // Each candidate's conversion, the first target to claim it: a look-up per function, where a scan of
  // every candidate per function grew with the square of the module.
  const claimedBy = new Map<number, Conversion>();
  for (const c of [...targets].reverse()) for (const f of candidates.get(c) ?? []) claimedBy.set(f.node.id, c);
  let kinds: ModuleCoroutines | undefined;
  const inPool = new Set(pool.map((f) => f.node.id));
  const taken = new Map<number, { fn: FunctionInfo; conversion: Conversion }>();
  // The pool grows while it is read: a method brings the other definitions of it in its hierarchy.
  for (let i = 0; i < pool.length; i++) {
    const fn = pool[i] as FunctionInfo;
    const conversion = claimedBy.get(fn.node.id);
    if (!conversion) {
      kinds ??= moduleCoroutines(file, options.runnerName);
      refused.push(whyNotCps(file, fn, targets, options) ?? refusalAt(file, fn, ((to === 'generator' || to === 'direct') && cpsOutOfReach(file, fn)) || { code: 'not-at-rung', message: notAtRung(kinds, fn, to) }));
      continue;
    }
    const family = movesFamilies(conversion) ? redefinitionsOf(file, fn) : [];
    const stays = family.find((other) => claimedBy.get(other.node.id) !== conversion && holdsBack((kinds ??= moduleCoroutines(file, options.runnerName)), conversion, fn, other));
    const elsewhere = brokenElsewhere(options.project, fn) ?? (conversion.changesCalls ? unseenCallersBlocker(file, fn, options.publicApi) : undefined);
    const why = stays ? overriddenBlocker(fn, stays, `is not ${WHAT_IS_TAKEN[conversion.from]}`) : elsewhere;
    if (why) {
      refused.push(refusalAt(file, fn, why));
      continue;
    }
    // One that does not hold it back (native already, on the way to native) stays out of the step.
    for (const other of family.filter((f) => !inPool.has(f.node.id) && claimedBy.get(f.node.id) === conversion)) {
      inPool.add(other.node.id);
      pool.push(other);
    }
    taken.set(fn.node.id, { fn, conversion });
  }
  // A method whose family lost a member above stays with it.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, { fn, conversion }] of taken) {
      const stays = movesFamilies(conversion) ? redefinitionsOf(file, fn).find((other) => !taken.has(other.node.id) && holdsBack((kinds ??= moduleCoroutines(file, options.runnerName)), conversion, fn, other)) : undefined;
      if (!stays) continue;
      refused.push(refusalAt(file, fn, overriddenBlocker(fn, stays, 'cannot be converted')));
      taken.delete(id);
      changed = true;
    }
  }
  for (const fn of pool) {
    const conversion = taken.get(fn.node.id)?.conversion;
    if (!conversion) continue;
    const list = assigned.get(conversion) ?? [];
    list.push({ name: fn.name, ordinal: ordinalOf(file, fn) });
    assigned.set(conversion, list);
  }

  let current = file;
  const converted: string[] = [];
  // A single conversion's own edits are minimal; after several, one span replaces the difference.
  let steps: readonly TextChange[][] = [];
  try {
    for (const [conversion, wanted] of assigned) {
      let functions = wanted
        .map((w) => current.functions.named(w.name)[w.ordinal])
        .filter((f): f is FunctionInfo => f !== undefined);
      let result = conversion.convert(current, functions, options);
      // A method converted while the conversion refused another definition of it in its hierarchy: again without it.
      for (let stranded = movesFamilies(conversion) ? strandedByFamily(current, conversion, functions, result.refused) : []; stranded.length > 0; stranded = strandedByFamily(current, conversion, functions, result.refused)) {
        const left = new Set(stranded.map((s) => s.fn.node.id));
        functions = functions.filter((f) => !left.has(f.node.id));
        const again = conversion.convert(current, functions, options);
        result = { ...again, refused: [...result.refused.filter((r) => !again.refused.some((a) => a.function === r.function && a.defLine === r.defLine)), ...again.refused, ...stranded.map((s) => s.refusal)] };
      }
      refused.push(...result.refused);
      if (result.text !== undefined && result.text !== current.text) {
        const next = reparsedAfter(current, result.edits, result.text);
        // Tree-sitter takes what CPython does not (an empty suite, ragged indentation): nothing is offered then.
        const invalid = outputProblem(next);
        if (invalid) {
          next.dispose();
          const before = current;
          const message = `the rewritten code would not compile (line ${String(invalid.line)}: ${invalid.message}); nothing was changed`;
          refused.push(...result.converted.flatMap((name) => before.functions.named(name).slice(0, 1).map((fn) => refusalAt(before, fn, { code: 'output-invalid', message }))));
          continue;
        }
        converted.push(...result.converted);
        steps = [...steps, [...result.edits]];
        if (current !== file) current.dispose();
        current = next;
      } else {
        converted.push(...result.converted);
      }
    }
    const text = current === file ? undefined : current.text;
    return {
      text,
      edits: text === undefined ? [] : steps.length === 1 && steps[0] ? steps[0] : [wholeChange(file.text, text)],
      converted,
      refused: refused.sort((a, b) => a.line - b.line),
    };
  } finally {
    if (current !== file) current.dispose();
  }
}

function resolve(file: SourceFile, names: readonly string[], refused: Refusal[]): FunctionInfo[] {
  const found: FunctionInfo[] = [];
  for (const name of names) {
    const matches = file.functions.named(name).filter((f) => f.kind === 'function');
    if (matches.length === 0) refused.push({ function: name, code: 'no-such-function', message: 'no function of that name in this file', line: 0, defLine: 0 });
    found.push(...matches);
  }
  return unique(found);
}

function unique(functions: readonly FunctionInfo[]): FunctionInfo[] {
  const seen = new Set<number>();
  return functions.filter((f) => !seen.has(f.node.id) && seen.add(f.node.id));
}

/** Which of the same-named definitions this is, so it can be found again after a re-parse. */
function ordinalOf(file: SourceFile, fn: FunctionInfo): number {
  return file.functions.named(fn.name).findIndex((f) => f.node.id === fn.node.id);
}

/** What a conversion from each rung takes, for "X defines it again and is not …". */
const WHAT_IS_TAKEN: Record<Rung, string> = {
  async: 'a native coroutine',
  generator: 'a generator-based coroutine this step converts',
  cps: 'a CPS function',
  direct: 'a direct-style function',
};

const WHAT_CONVERTS: Record<Rung, string> = {
  async: 'only generator-based coroutines convert to async/await',
  generator: 'only native coroutines (to @types.coroutine) and CPS functions (to inline callbacks) convert to generators',
  cps: 'only direct-style functions and inline-callbacks generators convert to CPS',
  direct: 'only CPS functions convert to direct style',
};

/**
 * A function with a continuation-like last parameter that is not CPS (some
 * path does not end by continuing): the conversion from CPS, run on it alone,
 * says which path — a better reason than "not at this rung". Its result is
 * only read for that reason, never applied.
 */
function whyNotCps(file: SourceFile, fn: FunctionInfo, targets: readonly Conversion[], options: ConvertFileOptions): Refusal | undefined {
  if (continuationParameter(file, fn) === undefined) return undefined;
  for (const conversion of targets.filter((c) => c.from === 'cps')) {
    const refusal = conversion.convert(file, [fn], options).refused.find((r) => r.function === fn.name);
    if (refusal) return refusal;
  }
  return undefined;
}

function notAtRung(kinds: ModuleCoroutines, fn: FunctionInfo, to: Rung): string {
  const recognised = kinds.of(fn);
  let what = describeKind(recognised);
  if (recognised.kind === 'plain-function') {
    // A plain function may still be a CPS function or a callback-taker: the concept lenses say which.
    const concepts = classifyFile(kinds.file).find((c) => c.info.node.id === fn.node.id)?.concepts ?? [];
    if (concepts.length > 0) what = `is a ${concepts.map((c) => CONCEPT_INFO[c.id].name).join(', ')} (no yield, no await)`;
  }
  return `${what}; ${WHAT_CONVERTS[to]}`;
}

/** The change from `before` to `after` as one replacement of the span that differs. */
function wholeChange(before: string, after: string): TextChange {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}
