// Where a classified function sits on the ladder and which registered
// conversions move it one rung up or down. Rungs register themselves in
// ladder/registry.ts, so lenses and hovers pick them up as they land.
import type { ConceptLabel } from '../concepts';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import type { Conversion, Rung } from './conversion';
import { convertFile } from './convertFile';
import { conversions } from './registry';

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

const candidateCache = new WeakMap<SourceFile, Map<Conversion, readonly FunctionInfo[]>>();

/** Candidates of `conversion` in `file`, computed once per parse. */
function candidatesOf(file: SourceFile, conversion: Conversion): readonly FunctionInfo[] {
  let perFile = candidateCache.get(file);
  if (!perFile) candidateCache.set(file, (perFile = new Map<Conversion, readonly FunctionInfo[]>()));
  let found = perFile.get(conversion);
  if (!found) perFile.set(conversion, (found = conversion.candidates(file)));
  return found;
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
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'unchanged' };

/**
 * The function as the move to `conversion`'s rung leaves it (decorators
 * included), or why it refuses: through `convertFile`, as the code action does.
 */
export function previewConversion(
  file: SourceFile,
  fn: FunctionInfo,
  conversion: Conversion,
  registry: readonly Conversion[] = conversions,
): Preview {
  const result = convertFile(file, conversion.to, { functions: [fn.name] }, registry);
  const refusal = result.refused.find((r) => r.function === fn.name) ?? result.refused[0];
  if (refusal) return { kind: 'refused', reason: refusal.reason };
  if (result.text === undefined) return { kind: 'unchanged' };
  const after = file.reparse(result.text);
  try {
    const same = after.functions.named(fn.name);
    const closest = same.sort((a, b) => Math.abs(a.line - fn.line) - Math.abs(b.line - fn.line))[0];
    if (!closest) return { kind: 'unchanged' };
    const start = after.lines.offsetAt({ line: after.lineOf(closest.decorated ?? closest.node) - 1, character: 0 });
    return { kind: 'code', text: after.text.slice(start, closest.node.endIndex) };
  } finally {
    after.dispose();
  }
}
