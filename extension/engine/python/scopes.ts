// Python's scopes, as every feature of the engine sees them.
//
// The rule, in one place: a `def`, a `class` and a `lambda` each open a scope
// of their own — a `yield`, `await`, `return` or binding written inside one
// belongs to it, not to the function around it. A comprehension binds its
// loop names in a scope of its own too, but its other code runs as part of
// the enclosing function (an `await` inside it suspends that function), so
// walkers report what sits in a comprehension or lambda with that `inner`
// node rather than hiding it, and callers decide whether to refuse.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';

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
/** Nodes that open a scope of their own. */
const SCOPE_TYPES: ReadonlySet<string> = new Set(['function_definition', 'class_definition', 'lambda']);
/** Nodes whose loop names are their own but whose other code runs in the enclosing scope. */
export const COMPREHENSIONS: ReadonlySet<string> = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
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

/**
 * The own scope of one `function_definition`: a sweep of the definition alone
 * gives each node the scope a sweep of the whole module would (its parameters'
 * defaults included), without walking the rest of the module.
 */
function scanDefinitionScope(def: Node): OwnScope {
  const scope = new OwnScope(() => def.childForFieldName('body'));
  sweep(def, undefined, (node) => (node.id === def.id ? scope : undefined));
  return scope;
}

const scopesByFile = new WeakMap<SourceFile, Map<number, OwnScope>>();

/**
 * The own scope of a `function_definition` of `file`, scanned on first use
 * and shared by every feature asking about the same parse (after an edit, the
 * incremental classifier asks about the edited functions only). Anything
 * else (a lambda, a definition from another tree) is scanned alone, uncached.
 */
export function functionScope(file: SourceFile, def: Node): OwnScope {
  if (def.type !== 'function_definition' || def.tree !== file.root.tree) return scanOwnScope(def.childForFieldName('body') ?? def);
  let scopes = scopesByFile.get(file);
  if (!scopes) scopesByFile.set(file, (scopes = new Map<number, OwnScope>()));
  let scope = scopes.get(def.startIndex);
  if (!scope) scopes.set(def.startIndex, (scope = scanDefinitionScope(def)));
  return scope;
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


/** The parent, skipping parentheses, so `x = (yield)` sees the assignment. */
export function logicalParent(node: Node): Node | null {
  let p = node.parent;
  while (p?.type === 'parenthesized_expression') p = p.parent;
  return p;
}

export function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** True for nodes that open a scope of their own. */
export function opensScope(node: Node): boolean {
  return SCOPE_TYPES.has(node.type);
}

/** `yield from x` rather than `yield x`. */
export function isYieldFrom(node: Node): boolean {
  return node.type === 'yield' && node.children.some((c) => c?.type === 'from');
}

/** The expression inside any number of parentheses around `node` (comments inside ignored). */
export function unparenthesize(node: Node): Node {
  let inner = node;
  while (inner.type === 'parenthesized_expression') {
    const only = inner.namedChildren.filter((c) => c !== null && c.type !== 'comment');
    if (only.length !== 1 || !only[0]) break;
    inner = only[0];
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
  const nested = body.descendantsOfType([...SCOPE_TYPES]).filter((n): n is Node => n !== null);
  const inside = (node: Node): boolean =>
    nested.some((r) => r.id !== node.id && r.startIndex <= node.startIndex && node.endIndex <= r.endIndex);
  const wanted = typeof types === 'string' ? [types] : [...types];
  // Keywords share some node types (`yield`, `async`): only named nodes count.
  return body.descendantsOfType(wanted).filter((node): node is Node => node?.isNamed === true && !inside(node));
}

export interface ScopeNode {
  readonly node: Node;
  /** The lambda or comprehension it sits in, if any. */
  readonly inner: Node | undefined;
}

/**
 * Nodes of the given types anywhere in the tree, grouped by the function
 * whose code they are (keyed by its `function_definition` id; class bodies and
 * the module are not functions and are left out). Nodes in a lambda or
 * comprehension are reported with it as `inner`, so a caller can refuse what
 * it cannot rewrite there. The search runs inside tree-sitter; only the few
 * hits are walked up.
 */
export function ownNodesByFunction(root: Node, types: readonly string[]): Map<number, ScopeNode[]> {
  const byFunction = new Map<number, ScopeNode[]>();
  // Each ancestor's answer is kept, so hits nested in hits (`await await x`)
  // climb only to the nearest ancestor already seen: `parent` is not O(1).
  const known = new Map<number, { readonly owner: Node | null; readonly inner: Node | undefined }>();
  for (const node of root.descendantsOfType([...types])) {
    // `yield` and `await` name both the expression and its keyword token.
    if (!node?.isNamed) continue;
    const path: Node[] = [];
    let owner: Node | null = node.parent;
    let inner: Node | undefined;
    while (owner && owner.type !== 'function_definition' && owner.type !== 'class_definition') {
      const seen = known.get(owner.id);
      if (seen) {
        ({ owner, inner } = seen);
        break;
      }
      path.push(owner);
      owner = owner.parent;
    }
    // Top down, so `inner` ends as the outermost lambda or comprehension.
    for (const ancestor of path.reverse()) {
      inner ??= isInner(ancestor) ? ancestor : undefined;
      known.set(ancestor.id, { owner, inner });
    }
    if (owner?.type !== 'function_definition') continue;
    const list = byFunction.get(owner.id);
    if (list) list.push({ node, inner });
    else byFunction.set(owner.id, [{ node, inner }]);
  }
  return byFunction;
}

/** Every node of one type in a function's code (`body`), nested `def`s and classes left out, lambdas and comprehensions reported as `inner`. */
export function scopeNodes(body: Node, type: string): ScopeNode[] {
  const found: ScopeNode[] = [];
  // Depth first, parents before children; `inner` is what the node itself sits in.
  const stack: ScopeNode[] = [{ node: body, inner: undefined }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.node !== body && item.node.type === type) found.push(item);
    const forChildren = item.node === body ? undefined : (item.inner ?? (isInner(item.node) ? item.node : undefined));
    const children = item.node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (!child || child.type === 'function_definition' || child.type === 'class_definition' || child.type === 'decorated_definition') continue;
      stack.push({ node: child, inner: forChildren });
    }
  }
  return found;
}

function isInner(node: Node): boolean {
  return node.type === 'lambda' || COMPREHENSIONS.has(node.type);
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

/**
 * Where a search for a construct spelled with `word` (`/\byield\b/g`) has
 * to look: the outermost definitions whose text has the word, and whether it
 * also occurs outside every definition. Searching the tree of a whole module
 * costs about as much as parsing it; most definitions can be skipped by text.
 */
export function mentioning(file: SourceFile, word: RegExp): { readonly definitions: readonly FunctionInfo[]; readonly outside: boolean } {
  const outermost = file.functions.all.filter((f) => f.parent === undefined);
  const definitions = new Set<FunctionInfo>();
  let outside = false;
  let i = 0;
  for (const match of file.text.matchAll(word)) {
    while (i < outermost.length && (outermost[i]?.node.endIndex ?? 0) <= match.index) i++;
    const around = outermost[i];
    if (around && around.node.startIndex <= match.index) definitions.add(around);
    else outside = true;
  }
  return { definitions: [...definitions], outside };
}
