// How the ladder recognises each rung's functions: direct style, CPS (a last
// parameter the body calls, or hands on to another CPS function), and the
// inline-callbacks form (a function decorated with the runner).
import type { Node } from 'web-tree-sitter';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { continuationOf } from '../python/callbacks';
import { calleeName } from './callText';
import { children, isGeneratorFunction } from './pySyntax';
import { shortName } from './references';
import { RUNNER_NAME } from './inlineCallbacksRunner';
import { isInsertedHelper } from './insertedHelpers';

export const DEFAULT_CONTINUATION = 'cont';

/** Decorators a converted function may carry besides the runner. */
const NEUTRAL_DECORATORS = new Set(['staticmethod', 'classmethod']);

/**
 * The continuation parameter of a CPS function: its last parameter, when the
 * body calls it, or hands it on as the last argument to a function of the
 * module that is CPS itself. (Whether every path calls it exactly once, last,
 * is for the conversions to check: they refuse with the reason when not.)
 */
export function continuationParameter(file: SourceFile, fn: FunctionInfo, seen: Set<number> = new Set()): string | undefined {
  let known = memo.get(file);
  if (!known) {
    known = new Map();
    memo.set(file, known);
  }
  if (known.has(fn.node.id)) return known.get(fn.node.id);
  const found = findContinuationParameter(file, fn, seen);
  known.set(fn.node.id, found);
  return found;
}

const memo = new WeakMap<SourceFile, Map<number, string | undefined>>();

function findContinuationParameter(file: SourceFile, fn: FunctionInfo, seen: Set<number>): string | undefined {
  const params = fn.node.childForFieldName('parameters');
  const last = params ? children(params).at(-1) : undefined;
  const body = fn.node.childForFieldName('body');
  if (last?.type !== 'identifier' || !body) return undefined;
  const name = last.text;
  const uses = body.descendantsOfType('identifier').filter((n): n is Node => n?.text === name);
  if (uses.some(isCallee)) return name;
  seen.add(fn.node.id);
  const handedOn = uses.some((use) => {
    const call = holdingCallOf(use);
    const target = call && isLastArgument(use) ? calleeName(call) : undefined;
    return target !== undefined && byShortName(file, target).some((f) => !seen.has(f.node.id) && continuationParameter(file, f, seen) !== undefined);
  });
  return handedOn ? name : undefined;
}

const byName = new WeakMap<SourceFile, Map<string, FunctionInfo[]>>();

function byShortName(file: SourceFile, name: string): FunctionInfo[] {
  let index = byName.get(file);
  if (!index) {
    index = new Map();
    for (const f of file.functions.all) index.set(shortName(f), [...(index.get(shortName(f)) ?? []), f]);
    byName.set(file, index);
  }
  return index.get(name) ?? [];
}

function isCallee(use: Node): boolean {
  const call = use.parent;
  return call?.type === 'call' && call.childForFieldName('function')?.id === use.id;
}

/** The call `use` is the callee or an argument of. */
function holdingCallOf(use: Node): Node | undefined {
  const parent = use.parent;
  if (parent?.type === 'call') return parent;
  return parent?.type === 'argument_list' && parent.parent?.type === 'call' ? parent.parent : undefined;
}

/** Is `call` the last thing its path does: returned, the last statement of its block, or the body of a continuation or thunk that is? */
export function inTailPosition(call: Node): boolean {
  let n = call;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const parent = n.parent;
  if (!parent) return false;
  if (parent.type === 'return_statement') return true;
  if (parent.type === 'expression_statement') {
    const siblings = parent.parent ? children(parent.parent).filter((c) => c.type !== 'comment') : [];
    return siblings.at(-1)?.id === parent.id;
  }
  // The last item of a lambda's sequence body, `lambda r: (acc.append(r), step(i + 1))`.
  if (parent.type === 'tuple' && children(parent).filter((c) => c.type !== 'comment').at(-1)?.id === n.id) {
    let holder: Node = parent;
    while (holder.parent?.type === 'parenthesized_expression') holder = holder.parent;
    if (holder.parent?.type === 'lambda' && holder.parent.childForFieldName('body')?.id === holder.id) return inTailPosition(holder);
    return false;
  }
  if (parent.type === 'lambda' && parent.childForFieldName('body')?.id === n.id) {
    const holder = parent.parent;
    if (holder?.type === 'return_statement' || holder?.type === 'lambda') return inTailPosition(parent);
    if (holder?.type === 'argument_list' && children(holder).filter((c) => c.type !== 'comment').at(-1)?.id === parent.id && holder.parent) return inTailPosition(holder.parent);
  }
  return false;
}

function isLastArgument(use: Node): boolean {
  const args = use.parent;
  if (args?.type !== 'argument_list' || args.parent?.type !== 'call') return false;
  return children(args).filter((a) => a.type !== 'comment').at(-1)?.id === use.id;
}

/** Is `fn` decorated with the inline-callbacks runner (`@inline_callbacks` or `@module.inline_callbacks`)? */
export function isInlineCallbacks(fn: FunctionInfo, runnerName = RUNNER_NAME): boolean {
  return fn.decorators.some((d) => d === runnerName || d.endsWith(`.${runnerName}`));
}

/** Top-level functions and methods of top-level classes: the ones the CPS rungs rewrite. */
function isConvertiblePlace(file: SourceFile, fn: FunctionInfo): boolean {
  if (fn.kind !== 'function' || fn.isAsync) return false;
  if (fn.parent === undefined) return !isInsertedHelper(file, fn);
  const parent = file.functions.named(fn.parent)[0];
  return parent?.kind === 'class' && parent.parent === undefined && !/^__.*__$/.test(fn.name.split('.').at(-1) ?? '');
}

function otherDecoratorsAreNeutral(fn: FunctionInfo, allowed: (d: string) => boolean): boolean {
  return fn.decorators.every((d) => NEUTRAL_DECORATORS.has(d) || allowed(d));
}

/** Plain direct-style functions: not generators, not coroutines, not already CPS. */
export function isDirectFunction(file: SourceFile, fn: FunctionInfo): boolean {
  return (
    isConvertiblePlace(file, fn) &&
    otherDecoratorsAreNeutral(fn, () => false) &&
    !isGeneratorFunction(fn.node) &&
    continuationParameter(file, fn) === undefined
  );
}

/**
 * The direct functions worth offering when the user names none: those that
 * CPS or inline-callbacks code does not call, since a function those rungs
 * call is one of their callback-based leaves and stays as it is.
 */
export function directCandidates(file: SourceFile): FunctionInfo[] {
  const leaves = new Set<string>();
  const pending = file.functions.all.filter((fn) => isCpsFunction(file, fn) || isInlineCallbacksFunction(file, fn));
  const direct = file.functions.all.filter((f) => isDirectFunction(file, f));
  for (let fn = pending.pop(); fn; fn = pending.pop()) {
    for (const call of fn.node.descendantsOfType('call')) {
      const name = call ? calleeName(call) : undefined;
      if (name === undefined || leaves.has(name)) continue;
      leaves.add(name);
      // What a leaf calls is part of the leaf.
      pending.push(...direct.filter((d) => shortName(d) === name));
    }
  }
  return direct.filter((f) => !leaves.has(shortName(f)));
}

/**
 * CPS functions the ladder converts: CPS by the one predicate the concept
 * lenses use too (every path ends in the continuation), with the
 * continuation last, not generators, not coroutines, not in the runner's form.
 */
export function isCpsFunction(file: SourceFile, fn: FunctionInfo): boolean {
  if (!isConvertiblePlace(file, fn) || !otherDecoratorsAreNeutral(fn, () => false) || isGeneratorFunction(fn.node)) return false;
  const parameter = continuationParameter(file, fn);
  return parameter !== undefined && continuationOf(file, fn)?.parameter === parameter;
}

/** Functions in the inline-callbacks form: decorated with the runner (generators or plain). */
export function isInlineCallbacksFunction(file: SourceFile, fn: FunctionInfo, runnerName = RUNNER_NAME): boolean {
  return isConvertiblePlace(file, fn) && isInlineCallbacks(fn, runnerName) && otherDecoratorsAreNeutral(fn, (d) => d === runnerName || d.endsWith(`.${runnerName}`));
}
