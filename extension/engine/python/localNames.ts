// Whether a name written inside a function means one of its own locals or the
// module's global of that name — Python's rule: a name bound anywhere in a
// function's own scope (parameter, assignment, `for`/`with`/`except` target,
// walrus, nested `def`/`class`, import) is local there, unless declared
// `global` or `nonlocal`. A comprehension's loop names are its own.
import type { Node, SyntaxTree } from '../syntax/node';
import { boundNames, COMPREHENSIONS, forEachOwnNode } from './scopes';

/** Per tree, by scope node id (node objects are made afresh on each access, so they cannot be keys). */
const cache = new WeakMap<SyntaxTree, Map<number, ReadonlySet<string>>>();

/** True when `name` at `use` resolves to a binding of an enclosing function, lambda or comprehension, not the module. */
export function isLocalName(use: Node, name: string): boolean {
  for (let scope = use.parent; scope; scope = scope.parent) {
    if (COMPREHENSIONS.has(scope.type) && comprehensionNames(scope).has(name)) return true;
    if (scope.type !== 'function_definition' && scope.type !== 'lambda') continue;
    if (localNamesOf(scope).has(name)) return true;
  }
  return false;
}

/**
 * The function or lambda whose own scope binds `name` as it is written at
 * `use` (the innermost one, as Python resolves it), undefined for the module.
 */
export function bindingScopeOf(use: Node, name: string): Node | undefined {
  for (let scope = use.parent; scope; scope = scope.parent) {
    if ((scope.type === 'function_definition' || scope.type === 'lambda') && localNamesOf(scope).has(name)) return scope;
  }
  return undefined;
}

/** The loop names a comprehension binds for itself. */
export function comprehensionNames(comprehension: Node): ReadonlySet<string> {
  const names = new Set<string>();
  for (const clause of comprehension.namedChildren) {
    const left = clause?.type === 'for_in_clause' ? clause.childForFieldName('left') : null;
    if (left) for (const n of boundNames(left)) names.add(n.text);
  }
  return names;
}

/** Names bound in a function's or lambda's own scope, less those it declares `global` or `nonlocal`. */
export function localNamesOf(scope: Node): ReadonlySet<string> {
  let perTree = cache.get(scope.tree);
  if (!perTree) cache.set(scope.tree, (perTree = new Map<number, ReadonlySet<string>>()));
  const known = perTree.get(scope.id);
  if (known) return known;
  const names = new Set<string>();
  const declared = new Set<string>();
  const parameters = scope.childForFieldName('parameters');
  for (const p of parameters?.namedChildren ?? []) {
    const name = p?.type === 'identifier' ? p : (p?.childForFieldName('name') ?? p?.namedChildren.find((c) => c?.type === 'identifier'));
    if (name?.type === 'identifier') names.add(name.text);
  }
  const body = scope.childForFieldName('body');
  if (body) {
    forEachOwnNode(body, (node) => {
      switch (node.type) {
        case 'function_definition':
        case 'class_definition':
          break;
        case 'assignment':
        case 'augmented_assignment':
        case 'for_statement': {
          const target = node.childForFieldName('left');
          if (target) for (const n of boundNames(target)) names.add(n.text);
          break;
        }
        case 'named_expression': {
          const target = node.childForFieldName('name');
          if (target) names.add(target.text);
          break;
        }
        case 'as_pattern_target':
          for (const n of boundNames(node.firstNamedChild ?? node)) names.add(n.text);
          break;
        case 'aliased_import':
          names.add(node.childForFieldName('alias')?.text ?? '');
          break;
        case 'dotted_name':
          if (node.parent?.type === 'import_statement') names.add(node.firstNamedChild?.text ?? '');
          else if (node.parent?.type === 'import_from_statement' && node.parent.childForFieldName('module_name')?.id !== node.id) names.add(node.text);
          break;
        case 'global_statement':
        case 'nonlocal_statement':
          for (const n of node.namedChildren) if (n?.type === 'identifier') declared.add(n.text);
          break;
      }
    });
    // Nested definitions bind their names in this scope (forEachOwnNode does not enter them).
    for (const child of body.descendantsOfType(['function_definition', 'class_definition'])) {
      if (child && ownerOf(child)?.id === scope.id) names.add(child.childForFieldName('name')?.text ?? '');
    }
  }
  for (const d of declared) names.delete(d);
  perTree.set(scope.id, names);
  return names;
}

/** The function or lambda whose scope a definition is written in. */
function ownerOf(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return p;
  }
  return null;
}
