// Small questions about Python syntax trees that the CPS rungs ask again and
// again: what a function's own body contains (not its nested scopes), which
// names a statement binds or reads, whether a block always leaves.
import type { Node } from '../syntax/node';
import type { SourceFile } from '../syntax/sourceFile';

/** Node types that open a new Python scope (their insides are not the function's own code). */
const SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

export function children(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}

export function isScope(node: Node): boolean {
  return SCOPES.has(node.type);
}

export function isComprehension(node: Node): boolean {
  return COMPREHENSIONS.has(node.type);
}

/** Whether a node of this type runs its insides apart from the code around it: a nested scope or a comprehension. */
export function isSeparateType(type: string): boolean {
  return SCOPES.has(type) || COMPREHENSIONS.has(type);
}

/**
 * Visits `node`'s named descendants of the `wanted` types in source order,
 * without entering nested functions, classes or lambdas. A cursor reads the
 * types, so only the nodes visited become objects: these questions are asked
 * of every statement of every converted function.
 */
function walkOwn(node: Node, wanted: ReadonlySet<string>, visit: (n: Node) => void): void {
  const cursor = node.walk();
  if (!cursor.gotoFirstChild()) return;
  for (;;) {
    const named = cursor.nodeIsNamed;
    const type = cursor.nodeType;
    if (named && wanted.has(type)) visit(cursor.currentNode);
    if (named && !SCOPES.has(type) && cursor.gotoFirstChild()) continue;
    // The cursor starts at `node`: it cannot climb above it.
    while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return;
  }
}

/** Descendants of `node` (itself included) of one of `types`, outside nested scopes. */
export function ownOfType(node: Node, types: readonly string[]): Node[] {
  const found: Node[] = [];
  if (types.includes(node.type)) found.push(node);
  walkOwn(node, new Set(types), (n) => found.push(n));
  return found;
}

/** Does a function's own body yield (so it is a generator)? */
export function isGeneratorFunction(fn: Node): boolean {
  const body = fn.childForFieldName('body');
  // A yield spells its keyword: a body whose text has none is not walked (most are not generators).
  return body !== null && body.text.includes('yield') && ownOfType(body, ['yield']).length > 0;
}

/** Is `inner` inside `outer` (or the same node)? */
export function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** Every identifier used in `node` (reads and writes), nested scopes included. */
export function identifiers(node: Node): Set<string> {
  const names = new Set<string>();
  if (node.type === 'identifier') names.add(node.text);
  for (const n of node.descendantsOfType('identifier')) if (n) names.add(n.text);
  return names;
}

/** The identifiers inside `node` (nested scopes included) by name, each read once. */
export function identifiersByName(node: Node): Map<string, Node[]> {
  const byName = new Map<string, Node[]>();
  for (const i of node.descendantsOfType('identifier')) {
    if (!i) continue;
    const same = byName.get(i.text);
    if (same) same.push(i);
    else byName.set(i.text, [i]);
  }
  return byName;
}

/** Names bound by an assignment target (`x`, `a, b`, `[a, *b]`); attributes and subscripts bind none. */
export function targetNames(target: Node): string[] {
  if (target.type === 'identifier') return [target.text];
  if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'list_splat_pattern'].includes(target.type)) {
    return children(target).flatMap(targetNames);
  }
  return [];
}

/** The nodes `assignedNames` reads a bound name from. */
const BINDING_TYPES: ReadonlySet<string> = new Set(['assignment', 'augmented_assignment', 'for_statement', 'named_expression', 'as_pattern', 'function_definition', 'class_definition', 'dotted_name', 'aliased_import']);

/** Names a statement (or block) binds in the function's own scope. */
export function assignedNames(node: Node): Set<string> {
  return new Set(bindings(node));
}

/** Every binding a statement (or block) makes in the function's own scope, by name, a name as often as it is bound. */
export function bindings(node: Node): string[] {
  const names: string[] = [];
  const add = (target: Node | null): void => {
    if (target) names.push(...targetNames(target));
  };
  const visit = (n: Node): void => {
    switch (n.type) {
      case 'assignment':
      case 'augmented_assignment':
        add(n.childForFieldName('left'));
        break;
      case 'for_statement':
        add(n.childForFieldName('left'));
        break;
      case 'named_expression':
        add(n.childForFieldName('name'));
        break;
      case 'as_pattern':
        add(n.childForFieldName('alias'));
        break;
      case 'function_definition':
      case 'class_definition':
        add(n.childForFieldName('name'));
        break;
      case 'dotted_name':
        if (n.parent?.type === 'import_statement') add(n.firstNamedChild);
        break;
      case 'aliased_import':
        add(n.childForFieldName('alias'));
        break;
      default:
        break;
    }
  };
  visit(node);
  walkOwn(node, BINDING_TYPES, visit);
  return names;
}

/**
 * The bindings `node` makes in the scope it sits in, as `bindings` of the block
 * around it counts them: a nested def or class binds its name, not what is inside it.
 */
export function bindingsIn(node: Node): string[] {
  if (!isScope(node)) return bindings(node);
  const name = node.childForFieldName('name');
  return name ? targetNames(name) : [];
}

/** Names declared `global` in a function's own body. */
export function globalNames(body: Node): Set<string> {
  const names = new Set<string>();
  // A body whose text never spells the keyword declares nothing global, and is not walked.
  if (!body.text.includes('global')) return names;
  for (const g of ownOfType(body, ['global_statement'])) for (const id of children(g)) names.add(id.text);
  return names;
}

const EXITS = new Set(['return_statement', 'raise_statement', 'continue_statement', 'break_statement']);

/** Does control never fall off the end of these statements? (A conservative answer: false when unsure.) */
export function alwaysExits(statements: readonly Node[]): boolean {
  const last = [...statements].reverse().find((s) => s.type !== 'comment');
  if (!last) return false;
  if (EXITS.has(last.type)) return true;
  if (last.type === 'if_statement') {
    const clauses = children(last).filter((c) => c.type === 'elif_clause' || c.type === 'else_clause');
    if (!clauses.some((c) => c.type === 'else_clause')) return false;
    const blocks = [last.childForFieldName('consequence'), ...clauses.map((c) => c.childForFieldName('consequence') ?? c.childForFieldName('body'))];
    return blocks.every((b) => b !== null && alwaysExits(children(b)));
  }
  return false;
}

/** The statements of a block, comments included, in source order. */
export function statementsOf(block: Node | null): Node[] {
  return block ? children(block) : [];
}

/**
 * The statements of `holder`'s block `body`, after the comments on the lines
 * between its header and the block: tree-sitter makes a comment that opens a
 * block a child of the statement or clause holding it, not of the block, so
 * a writer that copies only the block would drop it. A comment on the
 * header's own line stays the header's.
 */
export function bodyStatements(file: SourceFile, holder: Node, body: Node | null): Node[] {
  if (!body) return [];
  const colon = holder.children.filter((c): c is Node => c?.type === ':' && c.endIndex <= body.startIndex).at(-1);
  const headerLine = file.lineOf(colon ?? holder);
  const opening = children(holder).filter((c) => c.type === 'comment' && c.endIndex <= body.startIndex && file.lineOf(c) > headerLine);
  return [...opening, ...statementsOf(body)];
}

/** The whitespace that starts the line `node` begins on. */
export function lineIndentOf(file: SourceFile, node: Node): string {
  const line = file.positionAt(node.startIndex).line;
  return /^[ \t]*/.exec(file.lines.lineText(line))?.[0] ?? '';
}

/** One level of indentation as the function writes it (its body's indent minus its own). */
export function indentUnitOf(file: SourceFile, fn: Node): string {
  const body = fn.childForFieldName('body');
  const outer = lineIndentOf(file, fn);
  const inner = body ? lineIndentOf(file, body) : '';
  return inner.startsWith(outer) && inner.length > outer.length ? inner.slice(outer.length) : '    ';
}

/** The parameter identifiers of a function, in order (`self` included, `*args`/`**kw` names too). */
export function parameterNames(fn: Node): string[] {
  const params = fn.childForFieldName('parameters');
  if (!params) return [];
  return children(params).flatMap((p) => {
    if (p.type === 'identifier') return [p.text];
    const name = p.childForFieldName('name') ?? children(p).find((c) => c.type === 'identifier');
    return name ? [name.text] : [];
  });
}

/** Are all parameters plain names (no defaults, `*`, `**` or `/`), so one more can follow them? */
export function hasOnlyPlainParameters(fn: Node): boolean {
  const params = fn.childForFieldName('parameters');
  return params ? children(params).every((p) => p.type === 'comment' || p.type === 'identifier' || (p.type === 'typed_parameter' && p.firstNamedChild?.type === 'identifier')) : true;
}

/** A field the grammar always gives this node type (a missing one is a bug of ours, not the user's). */
export function field(node: Node, name: string): Node {
  const child = node.childForFieldName(name);
  if (!child) throw new Error(`a ${node.type} without its ${name}`);
  return child;
}

/** A value an earlier check guarantees. */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing ${what}`);
  return value;
}

/**
 * Is `call` a call of the built-in `name`? Only when the module never writes
 * that name other than as a callee, so no binding of its own can shadow it.
 */
export function callsBuiltin(file: SourceFile, call: Node | null | undefined, name: string): boolean {
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  if (callee?.type !== 'identifier' || callee.text !== name) return false;
  let perFile = shadowed.get(file);
  if (!perFile) shadowed.set(file, (perFile = new Map<string, boolean>()));
  let found = perFile.get(name);
  if (found === undefined) {
    found = file.root.descendantsOfType('identifier').some((i) => i?.text === name && !(i.parent?.type === 'call' && i.parent.childForFieldName('function')?.id === i.id));
    perFile.set(name, found);
  }
  return !found;
}

/** Per parse: names the module writes other than as a callee. */
const shadowed = new WeakMap<SourceFile, Map<string, boolean>>();
