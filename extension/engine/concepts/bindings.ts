// The names a function's body uses without binding them (the free variables
// a closure keeps), on the semantic layer's binding rule.
import type { Node } from '../syntax/node';
import { comprehensionNames, localNamesOf } from '../python/localNames';
import { COMPREHENSIONS, enclosingFunction } from '../python/scopes';

/** Uses of names a function's body does not bind itself (nested scopes' own bindings respected). */
export function freeUses(def: Node): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  const body = def.childForFieldName('body');
  if (body) {
    // `nonlocal x` names x as free even though the body assigns it.
    for (const decl of body.descendantsOfType('nonlocal_statement')) {
      if (decl && enclosingFunction(decl)?.id === def.id) for (const id of decl.namedChildren) if (id) record(out, id);
    }
    collectUses(body, localNamesOf(def), out);
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
      if (body) collectUses(body, new Set([...bound, ...localNamesOf(node)]), out);
      return;
    }
    case 'import_statement':
    case 'import_from_statement':
    case 'global_statement':
    case 'nonlocal_statement':
      return;
    default: {
      const inner = COMPREHENSIONS.has(node.type) ? new Set([...bound, ...comprehensionNames(node)]) : bound;
      for (const child of node.namedChildren) if (child) collectUses(child, inner, out);
    }
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
