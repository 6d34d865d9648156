// Where a classified function sits on the ladder and which registered
// conversions move it one rung up or down. Rungs register themselves in
// ladder/registry.ts, so lenses and hovers pick them up as they land.
import type { ConceptLabel } from '../concepts';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import type { Conversion, ConversionOptions, Refusal, Rung } from './conversion';
import { candidatesOf } from './candidates';
import { conversions } from './registry';
import { stepFunction, type FunctionStep } from './takeStep';

export const RUNGS: readonly Rung[] = ['direct', 'cps', 'generator', 'async'];

/** How a lens names the move to a rung. */
export const RUNG_ACTION: Readonly<Record<Rung, string>> = {
  direct: 'direct style',
  cps: 'CPS',
  generator: 'generator (inline callbacks)',
  async: 'async/await',
};

/** The rung a function's concepts put it on; anything not on a higher rung is direct style. */
export function rungOf(concepts: readonly ConceptLabel[]): Rung {
  const ids = new Set(concepts.map((c) => c.id));
  if (ids.has('native-coroutine')) return 'async';
  if (ids.has('generator-coroutine') || ids.has('inline-callbacks-coroutine')) return 'generator';
  if (ids.has('cps-function')) return 'cps';
  return 'direct';
}

export interface LadderSteps {
  /** The conversion to the nearest rung above, when one applies to the function. */
  readonly up: Conversion | undefined;
  /** The conversion to the nearest rung below. */
  readonly down: Conversion | undefined;
}

export function ladderSteps(
  file: SourceFile,
  fn: FunctionInfo,
  concepts: readonly ConceptLabel[],
  registry: readonly Conversion[] = conversions,
): LadderSteps {
  const here = RUNGS.indexOf(rungOf(concepts));
  const applicable = registry.filter((c) =>
    candidatesOf(file, c).some((f) => f.name === fn.name && f.node.startIndex === fn.node.startIndex),
  );
  const distance = (c: Conversion): number => RUNGS.indexOf(c.to) - here;
  const nearest = (sign: 1 | -1): Conversion | undefined =>
    applicable
      .filter((c) => Math.sign(distance(c)) === sign)
      .sort((a, b) => Math.abs(distance(a)) - Math.abs(distance(b)))[0];
  return { up: nearest(1), down: nearest(-1) };
}

export type Preview =
  | { readonly kind: 'code'; readonly text: string; readonly alongside: readonly string[] }
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  | { readonly kind: 'unchanged' };

/**
 * The function as the move to `conversion`'s rung leaves it (decorators
 * included), or why it refuses: the step the code action and the lens take.
 */
export function previewConversion(
  file: SourceFile,
  fn: FunctionInfo,
  conversion: Conversion,
  options: Pick<ConversionOptions, 'project'> = {},
  registry: readonly Conversion[] = conversions,
): Preview {
  const step = stepFunction(file, fn.name, conversion.to, options, registry);
  if (step.refusal) return { kind: 'refused', refusal: step.refusal };
  const { text, alongside } = step.result;
  if (text === undefined) return { kind: 'unchanged' };
  const after = file.reparse(text);
  try {
    const same = after.functions.named(fn.name);
    const closest = same.sort((a, b) => Math.abs(a.line - fn.line) - Math.abs(b.line - fn.line))[0];
    if (!closest) return { kind: 'unchanged' };
    const start = after.lines.offsetAt({ line: after.lineOf(closest.decorated ?? closest.node) - 1, character: 0 });
    return { kind: 'code', text: after.text.slice(start, closest.node.endIndex), alongside };
  } finally {
    after.dispose();
  }
}

/** How a lens names a step: `→ rung`, saying so when callers come along or the step refuses. */
export function stepLabel(step: FunctionStep): string {
  const rung = `→ ${RUNG_ACTION[step.to]}`;
  if (step.refusal) return `${rung} (refused)`;
  return step.result.alongside.length > 0 ? `${rung} (with callers)` : rung;
}

/** A code action's choice: the step alone, or with the callers it needs; enabled unless `refusal`. */
export interface StepOffer {
  readonly withCallers: boolean;
  readonly refusal: Refusal | undefined;
}

/** What the code actions offer for a step: the step alone and, when its callers block it, the step with them. */
export function stepOffers(step: FunctionStep): StepOffer[] {
  if (step.alone) return [{ withCallers: false, refusal: step.alone }, { withCallers: true, refusal: step.refusal }];
  return [{ withCallers: step.result.alongside.length > 0, refusal: step.refusal }];
}
