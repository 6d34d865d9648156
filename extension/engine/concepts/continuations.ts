// Continuations and their machinery: CPS functions (every path ends by
// calling the continuation), thunks (suspended zero-argument computations)
// and trampolines (loops that keep calling what the last call returned).
import type { Node } from '../syntax/node';
import type { ConceptLabel } from './concept';
import { label, type FunctionContext } from './context';
import { continuationOf, isRegistration, storesArgument } from '../python/callbacks';
import { argumentsOf, calleeIdentifier, contains, logicalParent } from '../python/scopes';

export function continuationLabels(ctx: FunctionContext): ConceptLabel[] {
  const labels: ConceptLabel[] = [];
  const cps = continuationOf(ctx.file, ctx.info);
  if (cps) labels.push(label(ctx.file, 'cps-function', cps.tails));
  const thunks = thunkEvidence(ctx);
  if (thunks.length > 0) labels.push(label(ctx.file, 'thunk', thunks));
  const bounces = trampolineEvidence(ctx);
  if (bounces.length > 0) labels.push(label(ctx.file, 'trampoline', bounces));
  return labels;
}

/**
 * Suspended computations handed out: zero-argument lambdas around a call, or
 * nested zero-argument `def`s whose one statement makes a call, that are
 * returned, stored on an object, queued, registered or passed to a parameter.
 */
function thunkEvidence(ctx: FunctionContext): Node[] {
  const evidence = ctx.scope.lambdas.filter((lambda) => {
    if (lambda.childForFieldName('parameters')) return false;
    const body = lambda.childForFieldName('body');
    return body !== null && makesCall(body) && handedOut(ctx, lambda);
  });
  const thunkDefs = new Map(ctx.scope.nestedDefs.filter(wrapsOneCall).map((d) => [d.childForFieldName('name')?.text, d]));
  if (thunkDefs.size === 0) return evidence;
  const values = [
    ...ctx.scope.returns.map((r) => r.firstNamedChild),
    ...ctx.scope.assignments.map((a) => a.childForFieldName('right')),
    ...ctx.scope.calls.flatMap(argumentsOf),
  ];
  for (const value of values) {
    const def = value?.type === 'identifier' ? thunkDefs.get(value.text) : undefined;
    if (value && def && handedOut(ctx, value)) evidence.push(def, value);
  }
  return evidence;
}

function makesCall(expr: Node): boolean {
  return expr.type === 'call' || expr.descendantsOfType('call').length > 0;
}

/** `def thunk(): return f(x)`: no parameters, and one statement that makes a call. */
function wrapsOneCall(def: Node): boolean {
  const params = def.childForFieldName('parameters');
  const statements = def.childForFieldName('body')?.namedChildren.filter((s) => s?.type !== 'comment') ?? [];
  const [only] = statements;
  if ((params?.namedChildCount ?? 0) > 0 || statements.length !== 1 || !only) return false;
  return (only.type === 'return_statement' || only.type === 'expression_statement') && makesCall(only);
}

/** A function value returned, stored on an object, or passed to a call that queues, registers or is a parameter. */
function handedOut(ctx: FunctionContext, value: Node): boolean {
  const parent = logicalParent(value);
  if (!parent) return false;
  if (parent.type === 'return_statement') return true;
  if (parent.type === 'assignment') {
    const left = parent.childForFieldName('left');
    return left?.type === 'attribute' || left?.type === 'subscript';
  }
  if (parent.type !== 'argument_list') return false;
  const call = parent.parent;
  if (!call) return false;
  return storesArgument(call) || isRegistration(ctx.file, call) || ctx.params.some((p) => p.name === calleeIdentifier(call));
}


/** `while ...: f = f()`: the loop keeps calling what the previous call returned. */
function trampolineEvidence(ctx: FunctionContext): Node[] {
  const evidence: Node[] = [];
  for (const loop of ctx.scope.loops) {
    if (loop.type !== 'while_statement') continue;
    const bounces = ctx.scope.assignments.filter((a) => {
      if (a.type !== 'assignment' || !contains(loop, a)) return false;
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      return left?.type === 'identifier' && right?.type === 'call' && calleeIdentifier(right) === left.text;
    });
    if (bounces.length > 0) evidence.push(loop, ...bounces);
  }
  return evidence;
}
