// Where a function calls one of its own parameters: anywhere in its body,
// nested functions and lambdas included (that is how callbacks run later),
// unless a nested scope rebinds the name as its own parameter.
import type { Node } from 'web-tree-sitter';
import { parametersOf, type Parameter } from './bindings';
import type { FunctionContext } from './context';
import { calleeIdentifier } from '../python/scopes';

export interface ParameterCall {
  readonly parameter: string;
  readonly call: Node;
  /** Inside a nested function or lambda rather than in the function's own scope. */
  readonly deferred: Node | undefined;
}

/**
 * Parameters a caller may pass a function in: not `*args`/`**kwargs`, and not
 * the `_warn=warnings.warn` idiom (a default that binds a global for speed).
 */
export function callableParameters(ctx: FunctionContext): Parameter[] {
  return ctx.params.filter((p) => {
    if (p.splat) return false;
    const value = p.node.childForFieldName('value');
    return !value || value.type === 'none';
  });
}

export function parameterCalls(ctx: FunctionContext): ParameterCall[] {
  const body = ctx.info.node.childForFieldName('body');
  if (!body) return [];
  // Most parameters are never called: a look at the text spares walking the tree for them.
  const text = ctx.file.textOf(body);
  const names = new Set(callableParameters(ctx).map((p) => p.name).filter((n) => new RegExp(`(^|[^\\w.])${n}\\s*\\(`, 'u').test(text)));
  if (names.size === 0) return [];
  const out: ParameterCall[] = [];
  for (const call of body.descendantsOfType('call')) {
    const name = call ? calleeIdentifier(call) : undefined;
    if (!call || !name || !names.has(name)) continue;
    const scope = innerScopes(call, ctx.info.node);
    if (scope.some((s) => parametersOf(s).some((p) => p.name === name))) continue;
    out.push({ parameter: name, call, deferred: scope.at(-1) });
  }
  return out;
}

/** Functions and lambdas between `node` and `outer`, innermost first. */
function innerScopes(node: Node, outer: Node): Node[] {
  const scopes: Node[] = [];
  for (let p = node.parent; p && p.startIndex >= outer.startIndex && !(p.startIndex === outer.startIndex && p.type === outer.type); p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda') scopes.push(p);
  }
  return scopes;
}
