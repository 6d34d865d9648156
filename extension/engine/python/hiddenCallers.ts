// Callers a module does not spell as calls: a base class outside the module
// calling a method it overrides (`json.JSONEncoder.default`,
// `Protocol.dataReceived`, `RequestHandler.get`), Python calling a special
// method, and a lookup by name (`getattr(module, "helper")`). A step that
// changes how a function is called cannot adapt them.
import type { Node } from '../syntax/node';
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
  const lookups = lookupsByName(file);
  // `getattr(self, name)` in its class may find any of its methods.
  const onSelf = owner?.kind === 'class' ? lookups.onSelf.find((call) => owner.node.startIndex <= call.startIndex && call.endIndex <= owner.node.endIndex) : undefined;
  const lookup = lookups.exact.get(name) ?? lookups.prefixes.find((p) => name.startsWith(p.prefix))?.node ?? onSelf;
  return lookup ? { kind: 'by-name', node: lookup } : undefined;
}

/**
 * How a lookup's name argument may name `name`: `exactly` (`"f"`), `perhaps`
 * (a prefix it starts with: `"on_" + kind`, `f"on_{kind}"`), `dynamic` (a value
 * the code does not show: `getattr(obj, name)`), or not at all.
 */
export function lookupNaming(argument: Node, name: string): 'exactly' | 'perhaps' | 'dynamic' | undefined {
  if (argument.type === 'string') {
    const parts = argument.namedChildren.filter((c) => c?.type === 'string_content' || c?.type === 'interpolation');
    if (!parts.some((c) => c?.type === 'interpolation')) return parts.map((c) => c?.text ?? '').join('') === name ? 'exactly' : undefined;
    return name.startsWith(stringPrefix(argument)) ? 'perhaps' : undefined;
  }
  if (argument.type === 'binary_operator') {
    const left = argument.childForFieldName('left');
    return left?.type === 'string' && name.startsWith(stringPrefix(left)) ? 'perhaps' : left?.type === 'string' ? undefined : 'dynamic';
  }
  return argument.type === 'identifier' || argument.type === 'attribute' || argument.type === 'call' || argument.type === 'subscript' ? 'dynamic' : undefined;
}

/** The text a string starts with before any interpolation. */
function stringPrefix(string: Node): string {
  let prefix = '';
  for (const c of string.namedChildren) {
    if (c?.type === 'string_start') continue;
    if (c?.type !== 'string_content') break;
    prefix += c.text;
  }
  return prefix;
}

interface Lookups {
  /** The first lookup of each name spelled whole. */
  readonly exact: Map<string, Node>;
  /** Lookups by a prefix (`getattr(self, "on_" + kind)`): any name starting with it may be found. */
  readonly prefixes: { readonly prefix: string; readonly node: Node }[];
  /** Lookups on `self` by a name the code does not show (`getattr(self, name)`). */
  readonly onSelf: Node[];
}

const lookups = new WeakMap<SourceFile, Lookups>();

/**
 * A lookup's callee (or namespace: `isNamespace`) is compared as written, not
 * in NFKC form, so a text that spells none of them holds no lookup.
 */
const SPELLS_LOOKUP_CALL = new RegExp([...BY_NAME].join('|'));
const SPELLS_LOOKUP = new RegExp([...BY_NAME, 'globals', 'vars', '__dict__'].join('|'));

/**
 * Lookups by a string (`getattr(m, "f")`, `getattr(m, "on_" + k)`, `globals()["f"]`), found in one walk per parse.
 * The walks (all of a module's calls, all its strings) are skipped when the text spells no lookup at all.
 */
function lookupsByName(file: SourceFile): Lookups {
  let found = lookups.get(file);
  if (found) return found;
  found = { exact: new Map(), prefixes: [], onSelf: [] };
  lookups.set(file, found);
  if (!SPELLS_LOOKUP.test(file.text)) return found;
  for (const call of SPELLS_LOOKUP_CALL.test(file.text) ? file.root.descendantsOfType('call') : []) {
    const [object, name] = call?.childForFieldName('arguments')?.namedChildren ?? [];
    if (call && object?.type === 'identifier' && object.text === 'self' && name && BY_NAME.has(calleeText(call)) && lookupNaming(name, '') === 'dynamic') found.onSelf.push(call);
  }
  for (const s of file.root.descendantsOfType('string_content')) {
    if (!s) continue;
    const string = s.parent;
    // `"on_" + kind` or `f"on_{kind}"`: the string's first part, as a prefix.
    const joined = string?.parent?.type === 'binary_operator' && string.parent.childForFieldName('left')?.id === string.id ? string.parent : undefined;
    const interpolated = string?.namedChildren.some((c) => c?.type === 'interpolation') === true;
    if ((joined || interpolated) && string?.namedChildren.find((c) => c?.type !== 'string_start')?.id === s.id) {
      const call = (joined ?? string).parent?.type === 'argument_list' ? (joined ?? string).parent?.parent : undefined;
      if (call && BY_NAME.has(calleeText(call))) found.prefixes.push({ prefix: pythonName(s.text), node: call });
      continue;
    }
    const holder = s.parent?.parent;
    const name = pythonName(s.text);
    if (found.exact.has(name)) continue;
    // `globals()["name"]`, `vars(module)["name"]`, `module.__dict__["name"]`.
    if (holder?.type === 'subscript' && isNamespace(holder.childForFieldName('value'))) {
      found.exact.set(name, holder);
      continue;
    }
    const call = holder?.type === 'argument_list' ? holder.parent : undefined;
    if (call && BY_NAME.has(calleeText(call))) found.exact.set(name, call);
  }
  return found;
}

/** `getattr` for `getattr(…)` and `operator.attrgetter(…)` alike. */
function calleeText(call: Node): string {
  const callee = call.childForFieldName('function');
  return (callee?.type === 'attribute' ? callee.childForFieldName('attribute') : callee)?.text ?? '';
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
