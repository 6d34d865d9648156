// How deep the plain CPS form of a function can make the Python stack. A CPS
// call returns only after its continuation, and so the rest of the
// computation, has run: every CPS call a computation makes stays on the stack
// until the computation ends. A loop round over a CPS call becomes one more
// call of the loop's continuation, a recursive call one more level. So one
// call of a function keeps (roughly) as many frames as it makes CPS calls in
// all: its own call sites, times the rounds of the loops around them, plus
// what each callee makes in turn; recursion makes that unbounded. A function
// whose count is not known to stay small returns thunks for the inserted
// trampoline instead, so no program that ran before stops with RecursionError.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { argumentsOf } from '../python/scopes';
import { cpsSitesIn, type CpsSite } from './cpsTransform';
import { callsBuiltin, isScope } from './pySyntax';

/**
 * The most CPS calls one call may make and keep the plain form: a few frames
 * each stays far below Python's default limit of 1,000 frames.
 */
export const PLAIN_CPS_CALLS = 100;

/** Why a function's plain CPS form could grow the stack without a small bound. */
export interface Deepening {
  /** The loop, or the call, that does it. */
  readonly node: Node;
  /** What it does, starting with its line. */
  readonly message: string;
}

/** The converted functions whose plain CPS form may make more than PLAIN_CPS_CALLS calls, each with why. */
export function deepeningFunctions(file: SourceFile, converted: readonly FunctionInfo[], siteAt: (n: Node) => CpsSite | undefined): Map<FunctionInfo, Deepening> {
  const counted = new Map<FunctionInfo, { calls: number; why: Deepening | undefined }>();
  const active = new Set<FunctionInfo>();
  const count = (fn: FunctionInfo): number => {
    const known = counted.get(fn);
    if (known) return known.calls;
    // A function met again while its own count is open calls itself, directly or not.
    if (active.has(fn)) return Infinity;
    active.add(fn);
    const body = fn.node.childForFieldName('body');
    let calls = 0;
    let why: Deepening | undefined;
    for (const node of body ? cpsSitesIn(body, siteAt) : []) {
      const callee = siteAt(node)?.callee;
      const recursive = callee !== undefined && active.has(callee) ? callee : undefined;
      const inner = callee ? count(callee) : 0;
      const rounds = roundsAround(file, node, fn.node);
      calls += rounds.count * (1 + inner);
      if (why || calls <= PLAIN_CPS_CALLS) continue;
      const at = (n: Node): string => `line ${String(file.lineOf(n))}`;
      const call = `\`${file.textOf(node).split('\n')[0] ?? ''}\``;
      if (recursive) why = { node, message: `${at(node)}: ${call} calls ${recursive.name} again before it returns (recursion), one more level of continuations each time` };
      else if (rounds.loop && rounds.count > PLAIN_CPS_CALLS) why = { node: rounds.loop, message: `${at(rounds.loop)}: each round of this loop over ${call} is one more nested continuation call, and ${Number.isFinite(rounds.count) ? `it runs ${String(rounds.count)} rounds` : `the module does not show it runs at most ${String(PLAIN_CPS_CALLS)} rounds`}` };
      else {
        const calleeWhy = callee ? counted.get(callee)?.why : undefined;
        why = { node, message: `${at(node)}: ${call} nests ${Number.isFinite(calls) ? `about ${String(calls)}` : 'unboundedly many'} continuation calls${calleeWhy ? ` (${calleeWhy.message})` : ''}` };
      }
    }
    active.delete(fn);
    counted.set(fn, { calls, why });
    return calls;
  };
  const deep = new Map<FunctionInfo, Deepening>();
  for (const fn of converted) {
    count(fn);
    const why = counted.get(fn)?.why;
    if (why) deep.set(fn, why);
  }
  return deep;
}

/** How many times the loops around `site` inside `fn` run it: the product of their trip counts (Infinity when one is not a small literal `range`). */
function roundsAround(file: SourceFile, site: Node, fn: Node): { count: number; loop: Node | undefined } {
  let count = 1;
  let loop: Node | undefined;
  for (let inner = site, n = site.parent; n && n.id !== fn.id && !isScope(n); inner = n, n = n.parent) {
    if (n.type === 'while_statement' || (n.type === 'for_statement' && n.childForFieldName('right')?.id !== inner.id)) {
      count *= n.type === 'for_statement' ? literalRangeLength(file, n.childForFieldName('right')) : Infinity;
      loop ??= n;
    }
  }
  return { count, loop };
}

/** len(range(...)) for a call of the built-in `range` with integer literals, else Infinity. */
function literalRangeLength(file: SourceFile, iterable: Node | null): number {
  if (!iterable || !callsBuiltin(file, iterable, 'range')) return Infinity;
  const args = argumentsOf(iterable);
  if (args.length === 0 || args.length > 3 || args.some((a) => a.type !== 'integer' || !/^\d+$/.test(a.text))) return Infinity;
  const [start, stop, step] = args.length === 1 ? [0, Number(args[0]?.text), 1] : [Number(args[0]?.text), Number(args[1]?.text), Number(args[2]?.text ?? '1')];
  if (step === 0) return Infinity;
  return Math.max(0, Math.ceil((stop - start) / step));
}
