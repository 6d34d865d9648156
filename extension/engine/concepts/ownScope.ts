// What a function's own scope contains: one pass over its body that stops at
// nested functions, classes and lambdas, since a `yield` or `return` there
// belongs to them, not to the function around them.
import type { Node } from 'web-tree-sitter';

type EagerBucket = 'yields' | 'awaits' | 'returns' | 'loops' | 'withs' | 'tries' | 'aliases' | 'declarations';

const EAGER: Readonly<Record<string, EagerBucket>> = {
  yield: 'yields',
  await: 'awaits',
  return_statement: 'returns',
  for_statement: 'loops',
  while_statement: 'loops',
  with_statement: 'withs',
  try_statement: 'tries',
  as_pattern_target: 'aliases',
  global_statement: 'declarations',
  nonlocal_statement: 'declarations',
};
const SCOPE_TYPES = new Set(['function_definition', 'class_definition', 'lambda']);
const EAGER_QUERY = [...Object.keys(EAGER), ...SCOPE_TYPES];

export class OwnScope {
  readonly yields: Node[] = [];
  readonly awaits: Node[] = [];
  readonly returns: Node[] = [];
  /** `for` and `while` statements (`async for` included). */
  readonly loops: Node[] = [];
  readonly withs: Node[] = [];
  readonly tries: Node[] = [];
  /** `x` in `with ... as x` and `except ... as x`. */
  readonly aliases: Node[] = [];
  /** `global` and `nonlocal` statements. */
  readonly declarations: Node[] = [];
  /** Lambdas written directly in this scope (their bodies are not scanned). */
  readonly lambdas: Node[] = [];
  /** `function_definition`s written directly in this scope. */
  readonly nestedDefs: Node[] = [];
  /** `[start, end)` of every nested function, class and lambda written directly here, in order. */
  private readonly nested: (readonly [number, number])[] = [];
  private callNodes: Node[] | undefined;
  private assignmentNodes: Node[] | undefined;

  /** `container` is the function's body (or a lambda or block scanned on its own). */
  constructor(private readonly container: () => Node | null) {}

  /** Calls made in this scope (found on first use: most rules never need them). */
  get calls(): Node[] {
    this.callNodes ??= this.own(['call']);
    return this.callNodes;
  }

  /** Assignments, augmented assignments and walrus expressions. */
  get assignments(): Node[] {
    this.assignmentNodes ??= this.own(['assignment', 'augmented_assignment', 'named_expression']);
    return this.assignmentNodes;
  }

  add(node: Node): void {
    const type = node.type;
    if (SCOPE_TYPES.has(type)) {
      this.nested.push([node.startIndex, node.endIndex]);
      if (type === 'lambda') this.lambdas.push(node);
      else if (type === 'function_definition') this.nestedDefs.push(node);
      return;
    }
    const bucket = EAGER[type];
    if (bucket) this[bucket].push(node);
  }

  private own(types: string[]): Node[] {
    const out: Node[] = [];
    let k = 0;
    for (const node of this.container()?.descendantsOfType(types) ?? []) {
      if (!node) continue;
      while (k < this.nested.length && (this.nested[k]?.[1] ?? 0) <= node.startIndex) k++;
      const scope = this.nested[k];
      if (!scope || node.startIndex < scope[0]) out.push(node);
    }
    return out;
  }
}

/**
 * One native query over `root` in document order, each node handed to the
 * scope it is written in: the innermost enclosing function, class or lambda
 * (kept on a stack of their end offsets). `scopeFor` says which functions get
 * an OwnScope; nodes of other scopes are dropped. `top` owns what is outside them all.
 */
function sweep(root: Node, top: OwnScope | undefined, scopeFor: (def: Node) => OwnScope | undefined): void {
  const stack: { end: number; scope: OwnScope | undefined }[] = [];
  for (const node of root.descendantsOfType(EAGER_QUERY)) {
    // Keywords share their construct's type name (`yield`, `await`, `lambda`): only named nodes count.
    if (!node?.isNamed) continue;
    while ((stack.at(-1)?.end ?? Infinity) <= node.startIndex) stack.pop();
    const owner = stack.length > 0 ? stack.at(-1)?.scope : top;
    owner?.add(node);
    const type = node.type;
    if (SCOPE_TYPES.has(type)) stack.push({ end: node.endIndex, scope: type === 'function_definition' ? scopeFor(node) : undefined });
  }
}

/** The own scope of a single body, block or lambda. */
export function scanOwnScope(body: Node): OwnScope {
  const scope = new OwnScope(() => body);
  sweep(body, scope, () => undefined);
  return scope;
}

/** The own scope of every function in the file, by the `function_definition`'s start offset. */
export function scanAllScopes(root: Node): Map<number, OwnScope> {
  const scopes = new Map<number, OwnScope>();
  sweep(root, undefined, (def) => {
    const scope = new OwnScope(() => def.childForFieldName('body'));
    scopes.set(def.startIndex, scope);
    return scope;
  });
  return scopes;
}

/** `yield from x` rather than `yield x`. */
export function isYieldFrom(node: Node): boolean {
  return node.children.some((c) => c?.type === 'from');
}

/** The callee as written (`f`, `self.loop.call_soon`), or undefined for other shapes. */
export function calleeText(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'identifier' && fn?.type !== 'attribute') return undefined;
  return fn.text;
}

/** The last segment of the callee: `call_soon` for `self._loop.call_soon(...)`. */
export function calleeName(call: Node): string | undefined {
  const text = calleeText(call);
  return text?.slice(text.lastIndexOf('.') + 1);
}

/** The callee when it is a plain name (`cont(...)`). */
export function calleeIdentifier(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'identifier' ? fn.text : undefined;
}

/** Positional and keyword argument nodes of a call (keyword ones as `keyword_argument`). */
export function argumentsOf(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return [];
  return args.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

/** Strips redundant parentheses around an expression. */
export function unparenthesize(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression') {
    const inner = n.namedChildren.find((c) => c?.type !== 'comment');
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** The parent, skipping parentheses, so `x = (yield)` sees the assignment. */
export function logicalParent(node: Node): Node | null {
  let p = node.parent;
  while (p?.type === 'parenthesized_expression') p = p.parent;
  return p;
}

export function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}
