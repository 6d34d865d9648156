// A function's own code: its body without the bodies of nested functions,
// lambdas and classes, which run at another time (or in another scope).
import type { Node } from 'web-tree-sitter';

const NESTED_SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);

/** True for nodes that open a scope of their own. */
export function opensScope(node: Node): boolean {
  return NESTED_SCOPES.has(node.type);
}

/** Calls `visit` on every node of `root`'s own code, parents before children. */
export function forEachOwnNode(root: Node, visit: (node: Node) => void): void {
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    visit(node);
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child && !opensScope(child)) stack.push(child);
    }
  }
}

/**
 * Descendants of a scope's body of the given types, leaving out those inside
 * nested scopes. Found natively by tree-sitter, then filtered by offsets.
 */
export function ownDescendants(scope: Node, types: string | readonly string[]): Node[] {
  const body = scope.type === 'module' ? scope : (scope.childForFieldName('body') ?? scope);
  const nested = body.descendantsOfType([...NESTED_SCOPES]).filter((n): n is Node => n !== null);
  const inside = (node: Node): boolean =>
    nested.some((r) => r.id !== node.id && r.startIndex <= node.startIndex && node.endIndex <= r.endIndex);
  const wanted = typeof types === 'string' ? [types] : [...types];
  // Keywords share some node types (`yield`, `async`): only named nodes count.
  return body.descendantsOfType(wanted).filter((node): node is Node => node?.isNamed === true && !inside(node));
}

// Targets that unpack into several (`a, (b, *c) = ...`, `with ... as (x, y)`).
const UNPACKING_TARGETS = new Set([
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'tuple',
  'list',
  'list_splat_pattern',
  'parenthesized_expression',
  'as_pattern_target',
]);

/** True for a binding target whose named children are targets in turn. */
export function unpacksTargets(target: Node): boolean {
  return UNPACKING_TARGETS.has(target.type);
}

/** The nodes a binding target such as `a, (b, *c)` or `x.y` binds by name. */
export function boundNames(target: Node): Node[] {
  if (target.type === 'identifier') return [target];
  return unpacksTargets(target) ? target.namedChildren.flatMap((c) => (c ? boundNames(c) : [])) : [];
}
