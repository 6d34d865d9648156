// Walking one function's own scope: nested functions and classes are their own
// scopes, while lambdas and comprehensions are reported so a caller can refuse
// what they contain.
import type { Node } from 'web-tree-sitter';

const NESTED_SCOPES = new Set(['function_definition', 'class_definition']);
const INNER_SCOPES = new Set([
  'lambda',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

/**
 * Calls `visit` on every node of `body` that belongs to the function it is the
 * body of; `inner` is the lambda or comprehension a node sits in, if any.
 */
function walkScope(body: Node, visit: (node: Node, inner: Node | undefined) => void): void {
  const walk = (node: Node, inner: Node | undefined): void => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (NESTED_SCOPES.has(child.type)) continue;
      if (child.type === 'decorated_definition') continue;
      visit(child, inner);
      walk(child, inner ?? (INNER_SCOPES.has(child.type) ? child : undefined));
    }
  };
  walk(body, undefined);
}

export interface ScopeNode {
  readonly node: Node;
  /** The lambda or comprehension it sits in, if any. */
  readonly inner: Node | undefined;
}

/**
 * Nodes of the given types anywhere in the tree, grouped by the function
 * whose own scope they belong to (keyed by its `function_definition` id; class
 * bodies and the module are not functions and are left out). The search runs
 * inside tree-sitter; only the few hits are walked up, which is much cheaper
 * than walking every function body from script.
 */
export function ownNodesByFunction(root: Node, types: readonly string[]): Map<number, ScopeNode[]> {
  const byFunction = new Map<number, ScopeNode[]>();
  for (const node of root.descendantsOfType([...types])) {
    // `yield` and `await` name both the expression and its keyword token.
    if (!node?.isNamed) continue;
    let inner: Node | undefined;
    let owner: Node | null = node.parent;
    while (owner && owner.type !== 'function_definition' && owner.type !== 'class_definition') {
      if (INNER_SCOPES.has(owner.type)) inner = owner;
      owner = owner.parent;
    }
    if (owner?.type !== 'function_definition') continue;
    const list = byFunction.get(owner.id);
    if (list) list.push({ node, inner });
    else byFunction.set(owner.id, [{ node, inner }]);
  }
  return byFunction;
}

/** Every node of one type in a function's own scope. */
export function scopeNodes(body: Node, type: string): ScopeNode[] {
  const found: ScopeNode[] = [];
  walkScope(body, (node, inner) => {
    if (node.type === type) found.push({ node, inner });
  });
  return found;
}

/** The node itself, or the expression inside any number of parentheses around it. */
export function unparenthesize(node: Node): Node {
  let inner = node;
  while (inner.type === 'parenthesized_expression' && inner.namedChildCount === 1) {
    const only = inner.namedChild(0);
    if (!only || only.type === 'comment') break;
    inner = only;
  }
  return inner;
}

/** The first ancestor that is not a pair of parentheses around `node`. */
export function contextOf(node: Node): Node | null {
  let parent = node.parent;
  while (parent?.type === 'parenthesized_expression') parent = parent.parent;
  return parent;
}

/** The innermost function definition containing `node` (not counting `node` itself). */
export function enclosingFunction(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return null;
}

/** The operand of a `yield`/`yield from`/`await` node, if it has one. */
export function operandOf(node: Node): Node | undefined {
  const last = node.lastNamedChild;
  return last && last.type !== 'comment' ? last : undefined;
}

export function isYieldFrom(node: Node): boolean {
  return node.type === 'yield' && node.children.some((c) => c?.type === 'from');
}
