// Functions as values: higher-order functions, closures and callback-style
// functions (which hand their outcome to a function they were given).
import type { Node } from '../syntax/node';
import { freeUses } from './bindings';
import { localNamesOf } from '../python/localNames';
import type { ConceptLabel } from './concept';
import { label, type FunctionContext } from './context';
import { callableParameters, makesFunction, parameterCalls, REGISTRATION_TEXT, registeredCallable, type ParameterCall } from '../python/callbacks';
import { argumentsOf, contains, logicalParent } from '../python/scopes';

export function higherOrderLabels(ctx: FunctionContext): ConceptLabel[] {
  const calls = parameterCalls(ctx.file, ctx.info.node, ctx.params);
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

/** `return lambda ...`, `return inner` (a function defined here, or a name it bound to a lambda), `return functools.partial(...)` or `wraps(f)(inner)`. */
function functionReturns(ctx: FunctionContext): Node[] {
  const nested = new Set(ctx.scope.nestedDefs.map((d) => d.childForFieldName('name')?.text));
  for (const a of ctx.scope.assignments) {
    const left = a.childForFieldName('left');
    if (left?.type === 'identifier' && a.childForFieldName('right')?.type === 'lambda') nested.add(left.text);
  }
  return ctx.scope.returns.filter((r) => {
    const value = r.firstNamedChild;
    if (!value) return false;
    if (value.type === 'lambda') return true;
    if (value.type === 'identifier') return nested.has(value.text);
    return value.type === 'call' && makesFunction(value);
  });
}

/**
 * A callback parameter: registered with an API that calls it later; called
 * from a nested function or lambda that is passed on (so it runs later); or
 * called for its effect alone, outside any loop, by a function that returns nothing.
 */
function callbackEvidence(ctx: FunctionContext, calls: readonly ParameterCall[]): Node[] {
  const names = new Set(callableParameters(ctx.params).map((p) => p.name));
  const evidence: Node[] = [];
  const body = ctx.info.node.childForFieldName('body');
  const registers = body !== null && names.size > 0 && REGISTRATION_TEXT.test(ctx.file.textOf(body));
  for (const call of registers ? body.descendantsOfType('call') : []) {
    const kept = call ? registeredCallable(ctx.file, call) : undefined;
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
  const outerNames = new Set(ctx.enclosing.flatMap((f) => [...localNamesOf(f.node)]));
  // Resolving names is the costly part; skip it when no outer name is even mentioned.
  const words = new Set(ctx.file.textOf(ctx.info.node).match(/[\p{L}_][\p{L}\p{N}_]*/gu));
  if (![...outerNames].some((n) => words.has(n))) return [];
  const evidence: Node[] = [];
  for (const [name, uses] of freeUses(ctx.info.node)) if (outerNames.has(name)) evidence.push(...uses);
  return evidence;
}
