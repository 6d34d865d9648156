// Functions as values: higher-order functions, closures and callback-style
// functions (which hand their outcome to a function they were given).
import type { Node } from 'web-tree-sitter';
import { freeUses } from './bindings';
import type { ConceptLabel } from './concept';
import { label, type FunctionContext } from './context';
import { argumentsOf, calleeName, calleeText, contains, logicalParent } from '../python/scopes';
import { callableParameters, parameterCalls } from './parameterCalls';

/**
 * APIs that keep a callable to call it later, with the position of that
 * callable among the positional arguments: handing a parameter there is
 * registering a callback.
 */
const REGISTRATION_CALLS: ReadonlyMap<string, number> = new Map([
  ['call_soon', 0],
  ['call_soon_threadsafe', 0],
  ['call_later', 1],
  ['call_at', 1],
  ['add_done_callback', 0],
  ['add_reader', 1],
  ['add_writer', 1],
  ['add_signal_handler', 1],
  ['addCallback', 0],
  ['addCallbacks', 0],
  ['addErrback', 0],
  ['addBoth', 0],
  ['add_callback', 0],
  ['add_timeout', 1],
  ['add_future', 1],
]);

/** A cheap test on the text before looking for registration calls in the tree. */
const REGISTRATION_TEXT = new RegExp(`\\b(${[...REGISTRATION_CALLS.keys(), 'append', 'add'].join('|')})\\s*\\(`, 'u');

/** Whether `call` is one of the registration APIs. */
export function isRegistration(call: Node): boolean {
  return REGISTRATION_CALLS.has(calleeName(call) ?? '');
}

/** The argument a registration call keeps to call later. */
export function registeredCallable(call: Node): Node | undefined {
  const name = calleeName(call) ?? '';
  const receiver = calleeText(call)?.split('.').at(-2) ?? '';
  const positional = argumentsOf(call).filter((a) => a.type !== 'keyword_argument');
  if ((name === 'append' || name === 'add') && CALLBACK_LIST.test(receiver)) return positional[0];
  const index = REGISTRATION_CALLS.get(name);
  return index === undefined ? undefined : positional[index];
}
/** `self._callbacks.append(fn)`: a list whose name says it holds callbacks. */
const CALLBACK_LIST = /(callback|listener|handler|observer|subscriber|waiter)s$/i;

export function higherOrderLabels(ctx: FunctionContext): ConceptLabel[] {
  const calls = parameterCalls(ctx);
  const labels: ConceptLabel[] = [];
  const hof = [...calls.map((c) => c.call), ...keyArguments(ctx), ...functionReturns(ctx)];
  if (hof.length > 0) labels.push(label(ctx.file, 'higher-order-function', hof));
  const callback = callbackEvidence(ctx, calls);
  if (callback.length > 0) labels.push(label(ctx.file, 'callback-style', callback));
  const closure = closureEvidence(ctx);
  if (closure.length > 0) labels.push(label(ctx.file, 'closure', closure));
  return labels;
}

/** `sorted(xs, key=key)`: a parameter passed where only a function fits. */
function keyArguments(ctx: FunctionContext): Node[] {
  const names = new Set(ctx.params.map((p) => p.name));
  if (names.size === 0 || !/\bkey\s*=/.test(ctx.file.textOf(ctx.info.node))) return [];
  return ctx.scope.calls.flatMap((call) =>
    argumentsOf(call).filter((a) => {
      if (a.type !== 'keyword_argument' || a.childForFieldName('name')?.text !== 'key') return false;
      const value = a.childForFieldName('value');
      return value?.type === 'identifier' && names.has(value.text);
    }),
  );
}

/** `return lambda ...`, `return inner` (a function defined here), `return functools.partial(...)`. */
function functionReturns(ctx: FunctionContext): Node[] {
  const nested = new Set(ctx.scope.nestedDefs.map((d) => d.childForFieldName('name')?.text));
  return ctx.scope.returns.filter((r) => {
    const value = r.firstNamedChild;
    if (!value) return false;
    if (value.type === 'lambda') return true;
    if (value.type === 'identifier') return nested.has(value.text);
    return value.type === 'call' && /^(functools\.)?partial$/.test(calleeText(value) ?? '');
  });
}

/**
 * A callback parameter: registered with an API that calls it later; called
 * from a nested function or lambda that is passed on (so it runs later); or
 * called for its effect alone, outside any loop, by a function that returns nothing.
 */
function callbackEvidence(ctx: FunctionContext, calls: ReturnType<typeof parameterCalls>): Node[] {
  const names = new Set(callableParameters(ctx).map((p) => p.name));
  const evidence: Node[] = [];
  const body = ctx.info.node.childForFieldName('body');
  const registers = body !== null && names.size > 0 && REGISTRATION_TEXT.test(ctx.file.textOf(body));
  for (const call of registers ? body.descendantsOfType('call') : []) {
    const kept = call ? registeredCallable(call) : undefined;
    if (call && kept?.type === 'identifier' && names.has(kept.text)) evidence.push(call);
  }
  const returnsValue = ctx.scope.returns.some((r) => r.firstNamedChild !== null);
  const returned = ctx.scope.returns.map((r) => r.firstNamedChild?.text);
  for (const { call, deferred } of calls) {
    if (logicalParent(call)?.type !== 'expression_statement' && deferred?.type !== 'lambda') continue;
    if (deferred) {
      const name = deferred.type === 'lambda' ? undefined : deferred.childForFieldName('name')?.text;
      const passedOn = deferred.type === 'lambda' ? logicalParent(deferred)?.type === 'argument_list' : !returned.includes(name);
      if (passedOn) evidence.push(call);
    } else if (!returnsValue && !ctx.scope.loops.some((loop) => contains(loop, call))) {
      evidence.push(call);
    }
  }
  return evidence;
}

/** Uses of an enclosing function's variables from inside a nested function. */
function closureEvidence(ctx: FunctionContext): Node[] {
  if (ctx.enclosing.length === 0) return [];
  const outerNames = new Set(ctx.enclosing.flatMap((f) => [...ctx.module.localsOf(f.node)]));
  // Resolving names is the costly part; skip it when no outer name is even mentioned.
  const words = new Set(ctx.file.textOf(ctx.info.node).match(/[\p{L}_][\p{L}\p{N}_]*/gu));
  if (![...outerNames].some((n) => words.has(n))) return [];
  const evidence: Node[] = [];
  for (const [name, uses] of freeUses(ctx.info.node)) if (outerNames.has(name)) evidence.push(...uses);
  return evidence;
}
