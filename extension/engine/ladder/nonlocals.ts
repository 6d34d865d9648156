// After a function is split into continuations, a continuation that assigns a
// variable of the original function must say `nonlocal` (or `global`), or it
// would create a new local and the rest of the function would not see the
// update. This pass adds exactly those declarations to the defs a refactor made.
import type { Node } from '../syntax/node';
import type { SourceFile } from '../syntax/sourceFile';
import { assignedNames, children, lineIndentOf, parameterNames } from './pySyntax';

/**
 * `defText` is one function definition whose first line is at `indent`.
 * Returns it with `nonlocal`/`global` declarations added to the nested defs named in `generated`.
 */
export function addScopeDeclarations(file: SourceFile, defText: string, indent: string, generated: ReadonlySet<string>, globals: ReadonlySet<string>, eol: string): string {
  // Nothing to declare in a function the refactor split into no defs: skip the parse.
  if (generated.size === 0) return defText;
  const prefix = indent ? `class _:${eol}${indent}` : '';
  const parsed = file.reparse(prefix + defText);
  try {
    const top = parsed.root.descendantsOfType('function_definition')[0];
    if (!top) return defText;
    const inserts: { at: number; text: string }[] = [];
    const bindsOf = scopeBindings();
    for (const def of top.descendantsOfType('function_definition')) {
      if (!def || def.id === top.id || !generated.has(def.childForFieldName('name')?.text ?? '')) continue;
      const body = def.childForFieldName('body');
      if (!body) continue;
      const own = new Set(parameterNames(def));
      const assigned = [...assignedNames(body)].filter((n) => !own.has(n));
      const declareGlobal = assigned.filter((n) => globals.has(n));
      const declareNonlocal = assigned.filter((n) => !globals.has(n) && boundOutside(def, top, n, bindsOf));
      const first = children(body)[0];
      if (!first) continue;
      const at = lineIndentOf(parsed, first);
      let text = '';
      if (declareGlobal.length > 0) text += `global ${declareGlobal.join(', ')}${eol}${at}`;
      if (declareNonlocal.length > 0) text += `nonlocal ${declareNonlocal.join(', ')}${eol}${at}`;
      if (text) inserts.push({ at: first.startIndex, text });
    }
    let out = parsed.text;
    for (const i of inserts.sort((a, b) => b.at - a.at)) out = out.slice(0, i.at) + i.text + out.slice(i.at);
    return out.slice(prefix.length);
  } finally {
    parsed.dispose();
  }
}

/** The names each function binds (its parameters and its body's assignments), read once per function. */
function scopeBindings(): (scope: Node) => ReadonlySet<string> {
  const known = new Map<number, ReadonlySet<string>>();
  return (scope) => {
    let names = known.get(scope.id);
    if (!names) {
      const body = scope.childForFieldName('body');
      known.set(scope.id, (names = new Set([...parameterNames(scope), ...(body ? assignedNames(body) : [])])));
    }
    return names;
  };
}

/** Is `name` a parameter or an assigned name of a function enclosing `def` (up to `top`)? */
function boundOutside(def: Node, top: Node, name: string, bindsOf: (scope: Node) => ReadonlySet<string>): boolean {
  for (let scope = def.parent; scope; scope = scope.parent) {
    if (scope.type === 'function_definition') {
      if (bindsOf(scope).has(name)) return true;
      if (scope.id === top.id) return false;
    }
    if (scope.type === 'lambda') {
      const params = scope.childForFieldName('parameters');
      if (params && children(params).some((p) => p.text === name)) return true;
    }
  }
  return false;
}
