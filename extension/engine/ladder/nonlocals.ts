// After a function is split into continuations, a continuation that assigns a
// variable of the original function must say `nonlocal` (or `global`), or it
// would create a new local and the rest of the function would not see the
// update. This pass adds exactly those declarations to the defs a refactor made:
// on the refactor's own tree of lines and blocks when every binding in it is
// known without parsing (`declareScopes`), on a parse of its text otherwise.
import type { Node } from '../syntax/node';
import type { SourceFile } from '../syntax/sourceFile';
import { line, type Out } from './pyOut';
import { assignedNames, bindingsIn, children, lineIndentOf, parameterNames } from './pySyntax';

/**
 * `out` is the body of a function whose parameters are `params`, written
 * without a line that binds a name inside an expression (`:=`): each line
 * binds what the statement it copies binds, or what the refactor says it
 * binds, and each block what its header binds. Returns it with the
 * declarations `addScopeDeclarations` would add to the same text, in the same
 * order, as lines at the start of the nested defs named in `generated`.
 */
export function declareScopes(out: readonly Out[], params: readonly string[], generated: ReadonlySet<string>, globals: ReadonlySet<string>): Out[] {
  if (generated.size === 0) return [...out];
  return declareIn(out, [scopeNames(params, out)], generated, globals);
}

function declareIn(items: readonly Out[], around: readonly ReadonlySet<string>[], generated: ReadonlySet<string>, globals: ReadonlySet<string>): Out[] {
  return items.map((item) => {
    if ('line' in item) return item;
    if (!item.def) return { ...item, body: declareIn(item.body, around, generated, globals) };
    const own = new Set(item.def.params);
    const body = declareIn(item.body, [...around, scopeNames(item.def.params, item.body)], generated, globals);
    if (!generated.has(item.def.name)) return { ...item, body };
    const assigned = [...new Set(ownBindings(item.body))].filter((n) => !own.has(n));
    const declareGlobal = assigned.filter((n) => globals.has(n));
    const declareNonlocal = assigned.filter((n) => !globals.has(n) && around.some((names) => names.has(n)));
    const declarations = [...(declareGlobal.length > 0 ? [`global ${declareGlobal.join(', ')}`] : []), ...(declareNonlocal.length > 0 ? [`nonlocal ${declareNonlocal.join(', ')}`] : [])];
    // Before the first statement, after the comments above it (tree-sitter puts those outside the block).
    const at = body.findIndex((b) => !('line' in b && b.source?.type === 'comment'));
    const first = body[at];
    if (declarations.length === 0 || !first) return { ...item, body };
    // A blank line before the first statement now comes before the declarations.
    const lines = declarations.map((text, i): Out => (i === 0 && first.blankBefore === true ? { line: text, blankBefore: true } : line(text)));
    return { ...item, body: [...body.slice(0, at), ...lines, first.blankBefore === true ? { ...first, blankBefore: false } : first, ...body.slice(at + 1)] };
  });
}

/** The names a scope binds: its parameters and its own body's bindings. */
function scopeNames(params: readonly string[], body: readonly Out[]): ReadonlySet<string> {
  return new Set([...params, ...ownBindings(body)]);
}

/** The bindings of `items` in their own scope, in the order of the text: a nested def binds its name only. */
function ownBindings(items: readonly Out[]): string[] {
  return items.flatMap((item): readonly string[] => {
    if ('line' in item) return item.source ? bindingsIn(item.source) : (item.binds ?? []);
    if (item.def) return [item.def.name];
    return [...(item.binds ?? []), ...ownBindings(item.body)];
  });
}

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
