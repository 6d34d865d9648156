// Shared by the two rungs that leave CPS (→ direct, → generator): converts the
// chosen CPS functions with fromCps, adapts every other call of them in the
// module so it keeps working, and retries without whatever had to be refused.
import type { Node } from '../syntax/node';
import { shortName, type FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import type { ConversionResult, Refusal } from './conversion';
import { conversionResult, type Rewrite } from './conversionResult';
import { calleeContinuations, continuationArguments, continuationArity, continuationParameters, inTailPosition } from './continuations';
import { spliced, type Replacement } from './cpsTransform';
import { calleeName } from './callText';
import { directFunctionText, type Operation, type Slots } from './fromCps';
import { argumentsOf } from '../python/scopes';
import { isMethod, referencesTo, unknownReceiver } from './references';
import type { ProjectUses } from './projectUses';
import { present } from './pySyntax';
import { refusalOf, RefuseError } from './refusal';
import { TRAMPOLINE_NAME, TRAMPOLINE_SOURCE } from './trampolineSource';
import { ERROR_GUARD_NAME, ERROR_GUARD_SOURCE } from './errorGuardSource';
import { helperRemoval, usesOf } from './moduleInsert';
import { hiddenCaller } from '../python/hiddenCallers';
import { hiddenCallerBlocker } from './hiddenCallerRefusal';
import { firstNotBefore, Spans } from '../syntax/spans';

export interface LeaveCpsRung {
  /** The operation a CPS call `call` becomes inside a converted function; `converted` names the functions converted with it. */
  operation(file: SourceFile, call: Node, converted: ConvertedSet, slots: Slots): Operation;
  /** A call `f(args, k)` of a converted function from code that stays as it is, rewritten; `text` renders sub-nodes; `arity`: how many values f hands k. */
  adaptCall(file: SourceFile, call: Node, text: CallerText, statementLevel: boolean, slots: Slots, arity: number): string;
  readonly decorator: string | undefined;
  /** The rung has a form for several values handed to a continuation (a tuple). */
  readonly tuples: boolean;
  /**
   * A call from code that stays as it is may pass an error continuation only
   * as a statement of its own (the rung writes it as a \`try\` statement).
   */
  readonly errorCallsAsStatements: boolean;
  /** Helper source text to insert once (the runner), or undefined. */
  helper(file: SourceFile): { offset: number; text: string } | undefined;
}

/** Renders sub-nodes of a caller with the calls nested in them already adapted. */
export interface CallerText {
  (n: Node, extra?: readonly Replacement[]): string;
  /** Is `n` inside a nested call that was already rewritten? */
  rewritten(n: Node): boolean;
}

export interface ConvertedSet {
  /** Is `call` a call of one of the functions being converted? */
  has(call: Node): boolean;
}

/** Why a continuation called with different numbers of values has no one result: the first two calls that differ, where the body shows them. */
function arityRefusal(file: SourceFile, fn: FunctionInfo, cont: string): RefuseError {
  const calls = fn.node.descendantsOfType('call').filter((c): c is Node => c?.childForFieldName('function')?.text === cont);
  const values = (call: Node): string => {
    const n = argumentsOf(call).length;
    return `${String(n)} value${n === 1 ? '' : 's'}`;
  };
  const [first] = calls;
  const other = first && calls.find((c) => argumentsOf(c).length !== argumentsOf(first).length);
  if (!first || !other) return new RefuseError('continuation-arity', fn.node, `${fn.name} calls its continuation with different numbers of values on different paths; one result cannot stand for them`);
  return new RefuseError('continuation-arity', other, `${fn.name} calls its continuation \`${cont}\` with ${values(first)} at line ${String(file.lineOf(first))} and with ${values(other)} at line ${String(file.lineOf(other))}; one result cannot stand for both`);
}

export function leaveCps(file: SourceFile, requested: readonly FunctionInfo[], rung: LeaveCpsRung, project: ProjectUses | undefined): ConversionResult {
  const chosen = new Map(requested.map((f) => [f.name, f]));
  const refused: Refusal[] = [];
  for (;;) {
    const set = convertedSet(file, [...chosen.values()]);
    const rewrites: Rewrite[] = [];
    const failures: Refusal[] = [];
    const outside: Outside[] = [];
    for (const fn of chosen.values()) {
      try {
        const params = present(continuationParameters(file, fn), 'continuation parameters');
        const arity = continuationArity(file, fn);
        if (arity === undefined) throw arityRefusal(file, fn, params.cont);
        // A caller the module does not spell as a call (a dispatch table in the class body, a base class) keeps passing the continuation.
        const hidden = hiddenCaller(file, fn);
        if (hidden) {
          const why = hiddenCallerBlocker(file, hidden);
          throw new RefuseError(why.code, why.node, why.message);
        }
        for (const ref of referencesTo(file, fn)) {
          const at = `line ${String(file.lineOf(ref.node))}`;
          const untyped = unknownReceiver(file, fn, ref, project);
          if (untyped) throw new RefuseError(untyped.code, untyped.node, untyped.message);
          if (!ref.call) throw new RefuseError('used-as-value', ref.node, `${at}: \`${shortName(fn)}\` is used as a value, not called, so its callers cannot be adapted`);
          const args = argumentsOf(ref.call);
          if (args.length === 0) throw new RefuseError('caller-cannot-follow', ref.call, `${at}: \`${file.textOf(ref.call)}\` passes no continuation`);
          const inside = enclosingIn(file, ref.owner, chosen);
          if (inside && !inTailPosition(ref.call, file)) throw new RefuseError('continuation-not-tail', ref.call, `${at}: ${inside.name} calls \`${shortName(fn)}\` outside a tail position`);
          if (!inside) {
            const found = continuationArguments(file, fn, params, ref.call);
            if (!found.cont) throw new RefuseError('caller-cannot-follow', ref.call, `${at}: \`${file.textOf(ref.call)}\` passes no continuation \`${params.cont}\``);
            if (found.error && rung.errorCallsAsStatements && ref.call.parent?.type !== 'expression_statement') {
              throw new RefuseError('caller-cannot-follow', ref.call, `${at}: \`${file.textOf(ref.call)}\` passes an error continuation inside an expression, where no \`try\` statement can stand; make the call a statement of its own`);
            }
            outside.push({ call: ref.call, slots: { cont: found.cont, error: found.error }, arity });
          }
        }
        const outer = fn.decorated ?? fn.node;
        const slots = (call: Node): ReturnType<typeof calleeContinuations> => calleeContinuations(file, call);
        rewrites.push({ start: outer.startIndex, end: fn.node.endIndex, text: directFunctionText({ file, fn, cont: params.cont, errorCont: params.error, slots, tuples: rung.tuples, operation: (call, found) => rung.operation(file, call, set, found), inlineResults: rung.decorator === undefined, ...(rung.decorator ? { decorator: rung.decorator } : {}) }) });
      } catch (error) {
        failures.push(refusalOf(file, fn, error));
      }
    }
    if (failures.length === 0) {
      const adapted = adaptCallers(file, outside, rung);
      rewrites.push(...adapted.rewrites);
      // Down from a trampolined CPS module, the trampoline goes once nothing uses it.
      const trampoline = helperRemoval(file, TRAMPOLINE_NAME, TRAMPOLINE_SOURCE, usesOf(file, TRAMPOLINE_NAME).length - adapted.unwrapped);
      if (trampoline) rewrites.push(trampoline);
      // So does the error guard, once no function is left that it runs.
      const inChosen = new Spans([...chosen.values()].map((fn) => fn.node));
      const guardUses = usesOf(file, ERROR_GUARD_NAME).filter((u) => !inChosen.covers(u));
      const guard = helperRemoval(file, ERROR_GUARD_NAME, ERROR_GUARD_SOURCE, guardUses.length);
      if (guard) rewrites.push(guard);
      const helper = chosen.size > 0 ? rung.helper(file) : undefined;
      return conversionResult(file, rewrites, helper ? [helper] : [], [...chosen.values()], refused);
    }
    for (const f of failures) {
      chosen.delete(f.function);
      refused.push(f);
    }
  }
}

/** The function of `chosen` that `owner` is, or is nested in. */
function enclosingIn(file: SourceFile, owner: FunctionInfo | undefined, chosen: ReadonlyMap<string, FunctionInfo>): FunctionInfo | undefined {
  for (let f = owner; f; f = f.parent === undefined ? undefined : file.functions.named(f.parent)[0]) {
    const hit = chosen.get(f.name);
    if (hit) return hit;
  }
  return undefined;
}

function convertedSet(file: SourceFile, fns: readonly FunctionInfo[]): ConvertedSet {
  const functions = new Set(fns.filter((f) => !isMethod(file, f)).map(shortName));
  const methods = new Set(fns.filter((f) => isMethod(file, f)).map(shortName));
  return {
    has: (call) => {
      const callee = call.childForFieldName('function');
      const name = calleeName(call);
      if (!callee || !name) return false;
      return callee.type === 'identifier' ? functions.has(name) : callee.type === 'attribute' && methods.has(name);
    },
  };
}

/** A call of a converted function from code that stays as it is. */
interface Outside {
  readonly call: Node;
  readonly slots: Slots;
  readonly arity: number;
}

/** Rewrites calls from code that stays as it is; nested ones are folded into the outer rewrite. */
function adaptCallers(file: SourceFile, calls: readonly Outside[], rung: LeaveCpsRung): { rewrites: Rewrite[]; unwrapped: number } {
  const targets = calls.map(({ call, slots, arity }) => {
    // `trampoline(f(x, k))` at statement level: the trampoline has nothing left to run.
    const holder = call.parent?.parent;
    const wrapped = holder?.type === 'call' && holder.childForFieldName('function')?.text === TRAMPOLINE_NAME && argumentsOf(holder).length === 1 && holder.parent?.type === 'expression_statement';
    return { call, node: wrapped ? holder : call, slots, arity };
  });
  const replacements = new Map<number, Replacement>();
  // The targets in source order (outer before inner at one start), so the ones inside a node are found by a binary search, not a scan of all.
  const bySource = [...targets].sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex).map((t) => t.node);
  // `reach[i]`: the furthest end of the targets up to `i`.
  const reach: number[] = [];
  bySource.forEach((node, i) => reach.push(Math.max(reach[i - 1] ?? -1, node.endIndex)));
  const inner = (n: Node): Replacement[] => {
    const found: Replacement[] = [];
    for (let i = firstStartingAt(bySource, n.startIndex); i < bySource.length && (bySource[i]?.startIndex ?? Infinity) < n.endIndex; i++) {
      const r = replacements.get(bySource[i]?.id ?? -1);
      if (r && r.end <= n.endIndex && (r.start !== n.startIndex || r.end !== n.endIndex)) found.push(r);
    }
    return found;
  };
  const textOf: CallerText = Object.assign((n: Node, extra: readonly Replacement[] = []) => spliced(file, n.startIndex, n.endIndex, [...inner(n), ...extra]), {
    rewritten: (n: Node) => {
      // Back from the last target starting by `n`, while an earlier one may still reach past its end.
      for (let i = firstStartingAt(bySource, n.startIndex + 1) - 1; i >= 0 && (reach[i] ?? -1) >= n.endIndex; i--) {
        const r = replacements.get(bySource[i]?.id ?? -1);
        if (r && n.endIndex <= r.end) return true;
      }
      return false;
    },
  });
  // Innermost first, so an outer rewrite sees the inner ones.
  for (const t of [...targets].sort((a, b) => (a.node.endIndex - a.node.startIndex) - (b.node.endIndex - b.node.startIndex))) {
    const statementLevel = t.node.parent?.type === 'expression_statement';
    replacements.set(t.node.id, { start: t.node.startIndex, end: t.node.endIndex, text: rung.adaptCall(file, t.call, textOf, statementLevel, t.slots, t.arity) });
  }
  const all = [...replacements.values()];
  const unwrapped = targets.filter((t) => t.node.id !== t.call.id).length;
  const outermost = new Spans(all.map((r) => ({ startIndex: r.start, endIndex: r.end })));
  const rewrites = all.filter((r) => outermost.isOutermost({ startIndex: r.start, endIndex: r.end })).map((r) => ({ start: r.start, end: r.end, text: r.text }));
  return { rewrites, unwrapped };
}

/** The first index of `nodes` (sorted by start) starting at or after `offset`. */
function firstStartingAt(nodes: readonly Node[], offset: number): number {
  return firstNotBefore(nodes, (n) => n.startIndex < offset);
}
