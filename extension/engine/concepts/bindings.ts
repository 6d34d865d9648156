// Names: what a function's own scope binds, and the names its body uses
// without binding them (the free variables a closure keeps).
import type { Node } from 'web-tree-sitter';
import { parametersOf } from '../python/parameters';
import { scanOwnScope, type OwnScope } from '../python/scopes';

/** Identifiers bound by an assignment target (`a`, `a, (b, *c)`); attributes and subscripts bind none. */
export function targetNames(target: Node): Node[] {
  if (target.type === 'identifier') return [target];
  if (/pattern|tuple|list|parenthesized/.test(target.type)) {
    return target.namedChildren.flatMap((c) => (c ? targetNames(c) : []));
  }
  return [];
}

/**
 * Names local to a function: parameters and what its own scope binds, minus
 * `global`/`nonlocal` ones. A lambda (no scope given) binds only its parameters.
 */
export function localNames(def: Node, scope?: OwnScope): Set<string> {
  const names = new Set(parametersOf(def).map((p) => p.name));
  if (!scope) return names;
  const bind = (n: Node | null): void => {
    if (n) for (const id of targetNames(n)) names.add(id.text);
  };
  for (const a of scope.assignments) bind(a.childForFieldName(a.type === 'named_expression' ? 'name' : 'left'));
  for (const loop of scope.loops) bind(loop.childForFieldName('left'));
  for (const alias of scope.aliases) bind(alias.firstNamedChild);
  for (const d of scope.nestedDefs) bind(d.childForFieldName('name'));
  for (const decl of scope.declarations) for (const id of decl.namedChildren) if (id) names.delete(id.text);
  return names;
}

/** Uses of names a function's body does not bind itself (nested scopes' own bindings respected). */
export function freeUses(def: Node): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  const body = def.childForFieldName('body');
  if (body) {
    const scope = scanOwnScope(body);
    const bound = localNames(def, scope);
    // `nonlocal x` names x as free even though the body assigns it.
    for (const decl of scope.declarations) {
      if (decl.type !== 'nonlocal_statement') continue;
      for (const id of decl.namedChildren) if (id) record(out, id);
    }
    collectUses(body, bound, out);
  }
  return out;
}

function collectUses(node: Node, bound: ReadonlySet<string>, out: Map<string, Node[]>): void {
  switch (node.type) {
    case 'identifier':
      if (!bound.has(node.text) && isUse(node)) record(out, node);
      return;
    case 'function_definition':
    case 'lambda': {
      const body = node.childForFieldName('body');
      if (!body) return;
      const inner = node.type === 'lambda' ? undefined : scanOwnScope(body);
      collectUses(body, new Set([...bound, ...localNames(node, inner)]), out);
      return;
    }
    case 'list_comprehension':
    case 'set_comprehension':
    case 'dictionary_comprehension':
    case 'generator_expression': {
      const names = new Set(bound);
      for (const clause of node.namedChildren) {
        if (clause?.type !== 'for_in_clause') continue;
        const left = clause.childForFieldName('left');
        if (left) for (const id of targetNames(left)) names.add(id.text);
      }
      for (const child of node.namedChildren) if (child) collectUses(child, names, out);
      return;
    }
    case 'import_statement':
    case 'import_from_statement':
    case 'global_statement':
    case 'nonlocal_statement':
      return;
    default:
      for (const child of node.namedChildren) if (child) collectUses(child, bound, out);
  }
}

/** An identifier that reads a variable, rather than naming an attribute, keyword or definition. */
function isUse(id: Node): boolean {
  const parent = id.parent;
  if (!parent) return true;
  const is = (field: string): boolean => parent.childForFieldName(field)?.startIndex === id.startIndex;
  switch (parent.type) {
    case 'attribute':
      return !is('attribute');
    case 'keyword_argument':
      return !is('name');
    case 'function_definition':
    case 'class_definition':
      return !is('name');
    case 'as_pattern_target':
      return false;
    default:
      return true;
  }
}

function record(out: Map<string, Node[]>, id: Node): void {
  const list = out.get(id.text);
  if (list) list.push(id);
  else out.set(id.text, [id]);
}
