// Callers a module does not spell as calls: a base class outside the module
// calling a method it overrides (`json.JSONEncoder.default`,
// `Protocol.dataReceived`, `RequestHandler.get`), Python calling a special
// method, and a lookup by name (`getattr(module, "helper")`). A step that
// changes how a function is called cannot adapt them.
import type { Node } from 'web-tree-sitter';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { pythonName } from './identifiers';

export interface HiddenCaller {
  readonly kind: 'override' | 'special-method' | 'by-name' | 'class-body-value';
  /** The base class, the `def`, or the lookup. */
  readonly node: Node;
}

const BY_NAME = new Set(['getattr', 'hasattr', 'setattr', 'delattr', 'attrgetter', 'methodcaller']);

/** The first caller of `fn` the module cannot show as a call, if any. */
export function hiddenCaller(file: SourceFile, fn: FunctionInfo): HiddenCaller | undefined {
  const name = pythonName(fn.name.slice(fn.name.lastIndexOf('.') + 1));
  const owner = fn.parent === undefined ? undefined : file.functions.named(fn.parent)[0];
  if (owner?.kind === 'class') {
    if (/^__\w+__$/.test(name)) return { kind: 'special-method', node: fn.node };
    const base = outsideBase(file, owner, new Set());
    if (base) return { kind: 'override', node: base };
    // `fahrenheit = property(get_f, set_f)`: the class body holds the plain function, and property calls it.
    const body = owner.node.childForFieldName('body');
    for (const id of body?.descendantsOfType('identifier') ?? []) {
      if (!id || pythonName(id.text) !== name || innermostScope(id)?.id !== owner.node.id) continue;
      if (id.parent?.type === 'function_definition' || (id.parent?.type === 'attribute' && id.parent.childForFieldName('attribute')?.id === id.id)) continue;
      const holder = id.parent?.type === 'argument_list' ? id.parent.parent : id.parent;
      return { kind: 'class-body-value', node: holder ?? id };
    }
  }
  const lookup = lookupsByName(file).get(name);
  return lookup ? { kind: 'by-name', node: lookup } : undefined;
}

const lookups = new WeakMap<SourceFile, Map<string, Node>>();

/** The first lookup of each name by a string (`getattr(m, "f")`, `globals()["f"]`), found in one walk per parse. */
function lookupsByName(file: SourceFile): Map<string, Node> {
  let found = lookups.get(file);
  if (found) return found;
  found = new Map();
  for (const s of file.root.descendantsOfType('string_content')) {
    if (!s) continue;
    const holder = s.parent?.parent;
    const name = pythonName(s.text);
    if (found.has(name)) continue;
    // `globals()["name"]`, `vars(module)["name"]`, `module.__dict__["name"]`.
    if (holder?.type === 'subscript' && isNamespace(holder.childForFieldName('value'))) {
      found.set(name, holder);
      continue;
    }
    const call = holder?.type === 'argument_list' ? holder.parent : undefined;
    const callee = call?.childForFieldName('function');
    const called = callee?.type === 'attribute' ? callee.childForFieldName('attribute') : callee;
    if (call && called && BY_NAME.has(called.text)) found.set(name, call);
  }
  lookups.set(file, found);
  return found;
}

/** The def, class or lambda whose scope a name is in. */
function innermostScope(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'lambda') return p;
  }
  return undefined;
}

function isNamespace(value: Node | null): boolean {
  if (value?.type === 'attribute') return value.childForFieldName('attribute')?.text === '__dict__';
  const callee = value?.type === 'call' ? value.childForFieldName('function') : undefined;
  return callee?.type === 'identifier' && (callee.text === 'globals' || callee.text === 'vars');
}

/** A base of `cls` (or of a base class the module defines) that the module does not define, other than `object`. */
function outsideBase(file: SourceFile, cls: FunctionInfo, seen: Set<string>): Node | undefined {
  if (seen.has(cls.name)) return undefined;
  seen.add(cls.name);
  for (const base of cls.node.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (!base || base.type === 'keyword_argument' || base.type === 'comment' || base.text === 'object') continue;
    const local = base.type === 'identifier' ? file.functions.named(base.text).find((f) => f.kind === 'class' && f.parent === undefined) : undefined;
    if (!local) return base;
    const further = outsideBase(file, local, seen);
    if (further) return further;
  }
  return undefined;
}
