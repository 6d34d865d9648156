// How the ladder recognises each rung's functions: direct style, CPS (a last
// parameter the body calls, or hands on to another CPS function), and the
// inline-callbacks form (a function decorated with the runner).
import type { Node } from '../syntax/node';
import { shortName, type FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { perFunction } from '../syntax/perParse';
import { callsModuleDefinition, CONTINUATION_NAME, callsRepeatedly, conditionalBranches, continuationOf, forwardsOwnArguments, isRegistration, onlyCalledOrHandedOn, registeredCallable } from '../python/callbacks';
import { argumentsOf } from '../python/scopes';
import { calleeName } from './callText';
import { children, identifiersByName, isGeneratorFunction, parameterNames as parameterNamesOf } from './pySyntax';
import { isMethod } from './references';
import { RUNNER_NAME } from './inlineCallbacksRunner';
import { isInsertedHelper } from './insertedHelpers';
import type { Blocker } from './refusal';
import { parametersPassed } from '../python/parameters';

export const DEFAULT_CONTINUATION = 'cont';
/** The error continuation a generated CPS function takes right after `cont` when it has an error path. */
export const DEFAULT_ERROR_CONTINUATION = 'on_error';

/** Decorators a converted function may carry besides the runner. */
const NEUTRAL_DECORATORS = new Set(['staticmethod', 'classmethod']);

/**
 * The continuation parameter of a CPS function: its last parameter, when the
 * body calls it, or hands it on as the last argument to a function of the
 * module that is CPS itself; else one elsewhere in the list that every path
 * ends in and the body only calls or hands on. (Whether every path calls it exactly once, last,
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

/**
 * The last parameter, or, when only parameters with defaults (or `*args`,
 * keyword-only ones) follow it, the last plain one named like a continuation:
 * `def resolve(name, on_done, depth=0)`. Its name, annotated or not
 * (`on_done: Callable[[int], None]`).
 */
function lastPlainParameter(params: readonly Node[]): Node | undefined {
  const names = params.map(plainParameterName);
  const last = names.at(-1);
  if (last) return last;
  // Only parameters callers may leave out follow the last plain one.
  const candidate = [...names].reverse().find((n) => n !== undefined);
  return candidate && CONTINUATION_NAME.test(candidate.text) ? candidate : undefined;
}

/** The name of a parameter callers must pass, by position or keyword (`x`, `x: int`); none for defaults and splats. */
function plainParameterName(p: Node): Node | undefined {
  if (p.type === 'identifier') return p;
  return p.type === 'typed_parameter' && p.firstNamedChild?.type === 'identifier' ? p.firstNamedChild : undefined;
}

function findContinuationParameter(file: SourceFile, fn: FunctionInfo, seen: Set<number>): string | undefined {
  return lastContinuation(file, fn, seen) ?? continuationElsewhere(file, fn);
}

/**
 * A continuation anywhere in the list (\`def fetch(url, callback, timeout)\`,
 * \`def op(cb, *args)\`, \`def read(cb, path)\`): the one CPS predicate finds
 * every path ending in it, and the body only calls it or hands it on.
 */
function continuationElsewhere(file: SourceFile, fn: FunctionInfo): string | undefined {
  const params = fn.node.childForFieldName('parameters');
  const list = params ? children(params).filter((p) => p.type !== 'comment') : [];
  // Plain parameters only: one with a default may be left out by callers (\`callback=None\`), and
  // the last one is the rule above's to judge.
  const plain = new Set(list.slice(0, -1).flatMap((p) => plainParameterName(p)?.text ?? []));
  // The predicate names at least one parameter, which would have to be among these: with none, it need not run.
  if (plain.size === 0) return undefined;
  const found = continuationOf(file, fn);
  return found?.parameters.every((p) => plain.has(p) && onlyCalledOrHandedOn(file, fn.node, p)) ? found.parameter : undefined;
}

function lastContinuation(file: SourceFile, fn: FunctionInfo, seen: Set<number>): string | undefined {
  const params = fn.node.childForFieldName('parameters');
  const last = params ? lastPlainParameter(children(params).filter((p) => p.type !== 'comment')) : undefined;
  const body = fn.node.childForFieldName('body');
  if (last?.type !== 'identifier' || !body) return undefined;
  const name = last.text;
  const uses = body.descendantsOfType('identifier').filter((n): n is Node => n?.text === name);
  // A callable run with the function's own arguments (\`def run(callback, *args)\`) is no continuation.
  if (forwardsOwnArguments(file, fn, name)) return undefined;
  if (uses.some(isCallee)) return name;
  seen.add(fn.node.id);
  const handedOn = uses.some((use) => {
    // Handed on last, or by keyword (`on_error=on_error`) wherever it stands.
    const arg = use.parent?.type === 'keyword_argument' && use.parent.childForFieldName('value')?.id === use.id ? use.parent : use;
    const call = holdingCallOf(arg);
    const target = call && (isLastArgument(arg) || arg.type === 'keyword_argument') ? calleeName(call) : undefined;
    return target !== undefined && byShortName(file, target).some((f) => {
      if (seen.has(f.node.id)) return false;
      const theirs = continuationParameter(file, f, seen);
      if (theirs === undefined || !call || arg.type === 'keyword_argument') return theirs !== undefined;
      // Where the callee takes a continuation (not a plain argument before a continuation it takes first).
      const slots = continuationArguments(file, f, continuationParameters(file, f) ?? { cont: theirs, error: undefined }, call);
      return slots.cont?.id === arg.id || slots.error?.id === arg.id;
    });
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

/**
 * Does nothing of the function run after `statement`: it is followed by a bare
 * `return` (`k(v); return`), or it is the last of its block and that block is
 * the function's body or a branch of an `if`, `try` or `with` that itself ends
 * a path. The last statement of a branch followed by more code after the `if`
 * (`if w: call_later(0, w)` then `return cont(None)`) does not.
 */
function endsPath(statement: Node): boolean {
  const block = statement.parent;
  const siblings = block ? children(block).filter((c) => c.type !== 'comment') : [];
  const last = siblings.at(-1);
  if (last?.type === 'return_statement' && !last.firstNamedChild) return siblings.at(-2)?.id === statement.id;
  if (last?.id !== statement.id) return false;
  const clause = block?.parent;
  if (!clause) return false;
  if (clause.type === 'function_definition') return true;
  const owner = ['elif_clause', 'else_clause', 'except_clause', 'finally_clause'].includes(clause.type) ? clause.parent : clause;
  if (!owner || !['if_statement', 'try_statement', 'with_statement'].includes(owner.type)) return false;
  // In a `try`, its `else` runs after the body, and its `finally` after everything but itself.
  const after = (type: string): boolean => clause.type !== 'finally_clause' && children(owner).some((c) => c.type === type);
  if (owner.type === 'try_statement' && (after('finally_clause') || (clause.id === owner.id && after('else_clause')))) return false;
  return endsPath(owner);
}

/** The module's functions `call` may reach by its name: top-level ones for `f(…)`, methods for `obj.f(…)`. */
function moduleCallees(file: SourceFile, call: Node): FunctionInfo[] {
  const name = calleeName(call);
  const callee = call.childForFieldName('function');
  if (name === undefined || !callee) return [];
  return byShortName(file, name).filter((f) => (callee.type === 'identifier' ? f.parent === undefined : isMethod(file, f)));
}

/** Is `call` the last thing its path does: returned, the last statement of its block, or the body of a continuation or thunk that is? */
export function inTailPosition(call: Node, file?: SourceFile): boolean {
  let n = call;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const parent = n.parent;
  if (!parent) return false;
  if (parent.type === 'return_statement') return true;
  if (parent.type === 'expression_statement') return endsPath(parent);
  // A branch of \`a if c else b\` (not its condition) is where the whole expression is.
  if (parent.type === 'conditional_expression') return conditionalBranches(parent)?.some((b) => b.id === call.id) === true && inTailPosition(parent, file);
  // The last item of a lambda's sequence body, `lambda r: (acc.append(r), step(i + 1))`.
  if (parent.type === 'tuple' && children(parent).filter((c) => c.type !== 'comment').at(-1)?.id === n.id) {
    let holder: Node = parent;
    while (holder.parent?.type === 'parenthesized_expression') holder = holder.parent;
    if (holder.parent?.type === 'lambda' && holder.parent.childForFieldName('body')?.id === holder.id) return inTailPosition(holder, file);
    return false;
  }
  if (parent.type === 'lambda' && parent.childForFieldName('body')?.id === n.id) {
    let lambda: Node = parent;
    while (lambda.parent?.type === 'parenthesized_expression') lambda = lambda.parent;
    const holder = lambda.parent;
    if (holder?.type === 'return_statement' || holder?.type === 'lambda') return inTailPosition(parent, file);
    const arg = holder?.type === 'keyword_argument' ? holder : lambda;
    const call = arg.parent?.type === 'argument_list' ? arg.parent.parent : null;
    if (call?.type === 'call' && isContinuationSlot(arg, call, file)) return inTailPosition(call, file);
  }
  return false;
}

/**
 * Is `arg` where `call` takes a continuation: the last argument, a keyword
 * named like one, or (with the file to look the callee up in) the position
 * of the callee's continuation or error continuation parameter.
 */
export function isContinuationSlot(arg: Node, call: Node, file: SourceFile | undefined): boolean {
  const list = call.childForFieldName('arguments');
  if (list && children(list).filter((c) => c.type !== 'comment').at(-1)?.id === arg.id) return true;
  if (arg.type === 'keyword_argument') {
    const name = arg.childForFieldName('name')?.text ?? '';
    if (CONTINUATION_NAME.test(name) || ERROR_CONTINUATION.test(name)) return true;
  }
  const slots = file ? calleeContinuations(file, call) : undefined;
  return slots !== undefined && (slots.cont?.id === arg.id || slots.error?.id === arg.id);
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

/**
 * Why a function the one CPS predicate calls CPS is not one the ladder moves,
 * when its place or its continuation says so; undefined otherwise. The concept
 * lens calls it CPS, so "only CPS functions convert" would contradict it.
 */
export function cpsOutOfReach(file: SourceFile, fn: FunctionInfo): Blocker | undefined {
  const found = continuationOf(file, fn);
  if (!found || isCpsFunction(file, fn)) return undefined;
  const parent = fn.parent === undefined ? undefined : file.functions.named(fn.parent)[0];
  if (parent && (parent.kind !== 'class' || parent.parent !== undefined)) {
    return { code: 'nested-function', message: `is a CPS function defined inside ${parent.name}; the ladder moves module-level functions and methods of module-level classes` };
  }
  const odd = fn.decorators.find((d) => !NEUTRAL_DECORATORS.has(d));
  if (odd !== undefined) return { code: 'unknown-decorator', message: `is a CPS function decorated with @${odd}, which may rely on how it is called now` };
  const param = parametersPassed(fn).find((p) => p.name === found.parameter);
  if (param?.node.type.endsWith('default_parameter')) return { code: 'parameter-shape', message: `its continuation \`${found.parameter}\` has a default value, so a caller may leave it out; the ladder takes a continuation no caller can leave out` };
  return undefined;
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
export const isCpsFunction = perFunction((file: SourceFile, fn: FunctionInfo): boolean => {
  if (!isConvertiblePlace(file, fn) || !otherDecoratorsAreNeutral(fn, () => false) || isGeneratorFunction(fn.node)) return false;
  const parameter = continuationParameter(file, fn);
  const found = parameter === undefined ? undefined : continuationOf(file, fn);
  if (found === undefined) return false;
  if (found.parameter === parameter) return true;
  // With a success and an error continuation, either may stand last (`errback` last, or a keyword `on_error=None` after `cont`).
  const error = continuationParameters(file, fn)?.error;
  return error !== undefined && (error === parameter || error === found.parameter);
});

/** Functions in the inline-callbacks form: decorated with the runner (generators or plain). */
export function isInlineCallbacksFunction(file: SourceFile, fn: FunctionInfo, runnerName = RUNNER_NAME): boolean {
  return isConvertiblePlace(file, fn) && isInlineCallbacks(fn, runnerName) && otherDecoratorsAreNeutral(fn, (d) => d === runnerName || d.endsWith(`.${runnerName}`));
}

/** A CPS function's continuations: the one it succeeds through and, when it has a second, the one it fails through. */
export interface ContinuationParameters {
  readonly cont: string;
  readonly error: string | undefined;
}

/** How an error continuation is conventionally named: `errback`, `on_error`, `fail`, `reject`, `err_cb`, … */
const ERROR_CONTINUATION = /^(errback|eb|err|error|fail|failure|failed|reject)$|^on_?(err|error|errors|fail|failure|failed)$|^(err|error|fail|failure)_?(back|cb|callback|cont|k|handler)$/i;

/**
 * The continuation parameters of a CPS function. With two that the one CPS
 * predicate shows every path ending in, and one of them named as an error
 * path, that one is the error continuation, wherever the two stand.
 */
export const continuationParameters = perFunction((file: SourceFile, fn: FunctionInfo): ContinuationParameters | undefined => {
  const last = continuationParameter(file, fn);
  if (last === undefined) return undefined;
  // Not CPS by the predicate: the conversion, run on it for the reason, follows the last parameter.
  if (!continuationOf(file, fn)) return { cont: last, error: undefined };
  // The ones the body calls or hands on (a path may reach one only inside a local continuation).
  const body = fn.node.childForFieldName('body');
  const mentions = body ? identifiersByName(body) : new Map<string, Node[]>();
  const params = parameterNamesOf(fn.node);
  const used = params.filter((p) => calledOrHandedOn(file, mentions.get(p) ?? [], CONTINUATION_NAME.test(p) || ERROR_CONTINUATION.test(p), params));
  const errors = used.filter((n) => ERROR_CONTINUATION.test(n));
  const others = used.filter((n) => !ERROR_CONTINUATION.test(n));
  const [error] = errors;
  const cont = others.at(-1);
  return errors.length === 1 && error && cont && others.length === 1 ? { cont, error } : { cont: last, error: undefined };
});

/**
 * Does the body call the name of `uses` (its uses there), or (when `named`
 * like a continuation) pass it where a continuation goes in a call that ends
 * a path? Not a value handed to a continuation (`return cont(err)`), nor one
 * passed where the function goes on after the call (`call_later(0, fail,
 * error)` in a branch before more code), nor one a function of the module
 * takes as a plain value (`return log_error(err, cont)`).
 */
function calledOrHandedOn(file: SourceFile, uses: readonly Node[], named: boolean, params: readonly string[]): boolean {
  return uses.some((use) => {
    if (isCallee(use)) return true;
    const arg = use.parent?.type === 'keyword_argument' && use.parent.childForFieldName('value')?.id === use.id ? use.parent : use;
    const call = arg.parent?.type === 'argument_list' ? arg.parent.parent : null;
    if (!named || call?.type !== 'call' || !handsOnFromTail(call, params, file)) return false;
    return isContinuationSlot(arg, call, undefined) || bindsCalledParameter(file, arg, call);
  });
}

/** A call in tail position whose callee is not one of `params` (calling a continuation hands it values, not continuations). */
function handsOnFromTail(call: Node, params: readonly string[], file: SourceFile): boolean {
  const callee = call.childForFieldName('function');
  return !(callee?.type === 'identifier' && params.includes(callee.text)) && inTailPosition(call, file);
}

/**
 * Does `arg` bind a parameter of the module's function `call` reaches that is
 * named like a continuation and that function calls, or hands on from a tail
 * call (`parse(text, callback, errback)` with `callback` before the last)?
 * Read from that function's own body only, so two functions that hand their
 * continuations to each other never ask each other in turn.
 */
function bindsCalledParameter(file: SourceFile, arg: Node, call: Node): boolean {
  const same = moduleCallees(file, call);
  const [fn] = same;
  const body = fn?.node.childForFieldName('body');
  if (!fn || same.length !== 1 || !body) return false;
  const names = parameterNamesOf(fn.node);
  const bound = names.find((p) => (CONTINUATION_NAME.test(p) || ERROR_CONTINUATION.test(p)) && continuationArguments(file, fn, { cont: p, error: undefined }, call).cont?.id === arg.id);
  if (bound === undefined) return false;
  return (identifiersByName(body).get(bound) ?? []).some((use) => {
    if (isCallee(use)) return true;
    const held = use.parent?.type === 'keyword_argument' ? use.parent : use;
    const next = held.parent?.type === 'argument_list' ? held.parent.parent : null;
    return next?.type === 'call' && handsOnFromTail(next, names, file);
  });
}

/** The arguments of a call that bind a function's continuation parameters (by keyword, or by position). */
export interface ContinuationArguments {
  readonly cont: Node | undefined;
  readonly error: Node | undefined;
}

/** Which arguments of `call` (a call of `fn`, whose continuations are `params`) are its continuations. */
export function continuationArguments(file: SourceFile, fn: FunctionInfo, params: ContinuationParameters, call: Node): ContinuationArguments {
  const args = call.childForFieldName('arguments');
  const list = args?.type === 'argument_list' ? children(args).filter((a) => a.type !== 'comment') : [];
  const names = parameterNamesOf(fn.node);
  // `obj.m(a, k)` binds `self` from the receiver.
  const shift = isMethod(file, fn) && call.childForFieldName('function')?.type === 'attribute' && !fn.decorators.includes('staticmethod') ? 1 : 0;
  const splat = list.findIndex((a) => a.type === 'list_splat' || a.type === 'dictionary_splat');
  const find = (name: string | undefined): Node | undefined => {
    if (name === undefined) return undefined;
    const byKeyword = list.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
    if (byKeyword) return byKeyword;
    const index = names.indexOf(name) - shift;
    const arg = index >= 0 ? list[index] : undefined;
    return arg && arg.type !== 'keyword_argument' && (splat < 0 || splat > index) ? arg : undefined;
  };
  return { cont: find(params.cont), error: find(params.error) };
}

/**
 * How many values a CPS function hands its continuation: the number of
 * arguments of its calls of it, or, when it only hands the continuation on,
 * the number the function it hands it to delivers. Undefined when calls differ.
 */
export function continuationArity(file: SourceFile, fn: FunctionInfo, seen: Set<number> = new Set()): number | undefined {
  const cont = continuationParameters(file, fn)?.cont;
  const body = fn.node.childForFieldName('body');
  if (cont === undefined || !body || seen.has(fn.node.id)) return 1;
  seen.add(fn.node.id);
  const counts = new Set<number>();
  for (const use of body.descendantsOfType('identifier')) {
    if (use?.text !== cont) continue;
    const holder = holdingCallOf(use.parent?.type === 'keyword_argument' ? use.parent : use);
    if (!holder) continue;
    if (holder.childForFieldName('function')?.id === use.id) {
      counts.add(children(field0(holder)).filter((a) => a.type !== 'comment').length);
      continue;
    }
    const name = calleeName(holder);
    const callee = name === undefined ? undefined : byShortName(file, name).find((f) => f.node.id !== fn.node.id);
    if (callee) {
      const inner = continuationArity(file, callee, seen);
      if (inner === undefined) return undefined;
      counts.add(inner);
    }
  }
  if (counts.size > 1) return undefined;
  return [...counts][0] ?? 1;
}

function field0(call: Node): Node {
  return call.childForFieldName('arguments') ?? call;
}

/** The continuation arguments of `call`, when it calls a CPS function of the module (by name; methods through an attribute). */
export function calleeContinuations(file: SourceFile, call: Node): ContinuationArguments | undefined {
  const same = moduleCallees(file, call);
  if (same.length === 0) return scheduled(file, call);
  const fn = same.find((f) => isCpsFunction(file, f));
  const params = fn ? continuationParameters(file, fn) : undefined;
  if (fn && params) return continuationArguments(file, fn, params, call);
  // A callback-based leaf of the module with a success callback (and an error one), known by their names.
  const [leaf] = same;
  const names = leaf && same.length === 1 ? parameterNamesOf(leaf.node) : [];
  const errors = names.filter((n) => ERROR_CONTINUATION.test(n));
  const conts = names.filter((n) => !ERROR_CONTINUATION.test(n) && CONTINUATION_NAME.test(n));
  const [error] = errors;
  const cont = conts.at(-1);
  // A scheduler of the module's own keeps the callable where its definition takes it (\`clock.call_later(fn, 5)\`).
  if (!leaf || !cont || conts.length !== 1 || errors.length > 1) {
    const kept = callsModuleDefinition(file, call) ? registeredCallable(file, call) : undefined;
    return kept ? { cont: kept, error: undefined } : undefined;
  }
  // One success callback, and an error one beside it or none (\`fetch(url, callback, timeout)\`).
  return continuationArguments(file, leaf, { cont, error }, call);
}

/**
 * A library scheduler's callback (\`loop.call_later(delay, attempt, n + 1)\`,
 * \`reactor.callLater\`, \`io_loop.add_timeout\`): it calls it once, with the
 * values handed after it, so the callback is the call's continuation. Keyword
 * arguments (which Twisted hands on, and asyncio does not) leave it unread, as
 * does a scheduler that calls again and again.
 */
function scheduled(file: SourceFile, call: Node): ContinuationArguments | undefined {
  if (!isRegistration(file, call) || argumentsOf(call).some((a) => a.type === 'keyword_argument')) return undefined;
  const callback = registeredCallable(file, call);
  if (!callback || callsRepeatedly(file, call, callback)) return undefined;
  return { cont: callback, error: undefined };
}
