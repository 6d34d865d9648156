// Where the module mentions a function: the call sites a rung must adapt, and
// the uses (as a value) that stop it.
import type { Node } from '../syntax/node';
import { shortName, type FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { pythonName } from '../python/identifiers';
import { identifiersNamed, wordsOf } from '../python/wordFinder';
import { mayReachAnother, mayReachMethod } from '../python/methodOwner';
import { insideInsertedHelper } from './insertedHelpers';
import { perStatement } from '../syntax/perParse';
import type { ProjectUses } from './projectUses';
import { blocker, type Blocker } from './refusal';

export interface Reference {
  /** The identifier (functions) or attribute (methods) naming it. */
  readonly node: Node;
  /** The call when the reference is called. */
  readonly call: Node | undefined;
  /** The innermost function or class around the reference; undefined at module level. */
  readonly owner: FunctionInfo | undefined;
  /** The top-level statement that holds the reference. */
  readonly statement: Node;
}

export function isMethod(file: SourceFile, fn: FunctionInfo): boolean {
  return fn.parent !== undefined && file.functions.named(fn.parent)[0]?.kind === 'class';
}

/** Identifiers, and attribute accesses by the name after the dot, naming a name. */
interface NameIndex {
  identifiers(name: string): readonly Node[];
  attributes(name: string): readonly Node[];
}

const indexes = new WeakMap<SourceFile, NameIndex>();

/** Built once per parse. */
function nameIndex(file: SourceFile): NameIndex {
  let index = indexes.get(file);
  if (!index) {
    // eslint-disable-next-line no-control-regex
    index = /^[\x00-\x7f]*$/.test(file.text) ? spelledNames(file) : everyName(file);
    indexes.set(file, index);
  }
  return index;
}

/**
 * Each name looked up where the text spells it, once per name: in ASCII text
 * every identifier is a whole word of it, and a module-wide search of
 * tree-sitter's tree (every identifier, every attribute) costs more than all
 * the names a step asks about.
 */
function spelledNames(file: SourceFile): NameIndex {
  const words = wordsOf(file);
  const identifiers = new Map<string, Node[]>();
  const attributes = new Map<string, Node[]>();
  const identifiersOf = (name: string): Node[] => {
    let found = identifiers.get(name);
    if (!found) identifiers.set(name, (found = identifiersNamed(file.root, words, name)));
    return found;
  };
  return {
    identifiers: identifiersOf,
    attributes(name) {
      let found = attributes.get(name);
      if (!found) {
        found = identifiersOf(name).flatMap((id) => (id.parent?.type === 'attribute' && id.parent.childForFieldName('attribute')?.id === id.id ? [id.parent] : []));
        // In the order of a walk of the tree: `a.f.f`'s outer access before the inner one, where its name comes later.
        found.sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
        attributes.set(name, found);
      }
      return found;
    },
  };
}

/**
 * Every identifier and attribute of the module by name: a name may be spelled
 * in many ways outside ASCII (NFKC), some not as one word, so the text cannot
 * be searched for it. Each top-level statement is searched once, and what it
 * holds is kept for the parses that take it over: after an edit only the
 * statements it touched are searched again.
 */
function everyName(file: SourceFile): NameIndex {
  const root = file.root;
  const statements = root.children.filter((s): s is Node => s !== null);
  // An error may put a name straight under the module, and a statement search would miss it.
  if (root.hasError || statements.some((s) => s.type === 'identifier' || s.type === 'attribute')) return searchedAtOnce(file);
  // Should a span not lead to its node, the module is searched at once instead.
  let whole: NameIndex | undefined;
  const found = (kind: keyof StatementNames, type: string): ((name: string) => readonly Node[]) => {
    const known = new Map<string, Node[]>();
    return (name) => {
      if (whole) return whole[kind](name);
      let nodes = known.get(name);
      if (nodes) return nodes;
      nodes = [];
      for (const statement of statements) {
        const spans = namesIn(file, statement)[kind].get(name) ?? [];
        for (let i = 0; i < spans.length; i += 2) {
          const start = statement.startIndex + (spans[i] as number);
          const end = statement.startIndex + (spans[i + 1] as number);
          const node = root.descendantForIndex(start, end);
          if (node?.type !== type || node.startIndex !== start || node.endIndex !== end) return (whole ??= searchedAtOnce(file))[kind](name);
          nodes.push(node);
        }
      }
      known.set(name, nodes);
      return nodes;
    };
  };
  return { identifiers: found('identifiers', 'identifier'), attributes: found('attributes', 'attribute') };
}

/** Per name, where a statement's identifiers and attribute accesses are: start and end pairs from its start, in a walk's order. */
interface StatementNames {
  readonly identifiers: ReadonlyMap<string, readonly number[]>;
  readonly attributes: ReadonlyMap<string, readonly number[]>;
}

const namesIn = perStatement((file: SourceFile, statement: Node): StatementNames => {
  const text = file.tree.text;
  const origin = statement.startIndex;
  const identifiers = new Map<string, number[]>();
  const attributes = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, name: string, start: number, end: number): void => {
    const spans = map.get(name);
    if (spans) spans.push(start - origin, end - origin);
    else map.set(name, [start - origin, end - origin]);
  };
  const source = file.tree.sourceOf(statement);
  for (const id of source.descendantsOfType('identifier')) if (id) add(identifiers, pythonName(text.slice(id.startIndex, id.endIndex)), id.startIndex, id.endIndex);
  for (const a of source.descendantsOfType('attribute')) {
    const name = a?.childForFieldName('attribute');
    if (a && name) add(attributes, pythonName(text.slice(name.startIndex, name.endIndex)), a.startIndex, a.endIndex);
  }
  return { identifiers, attributes };
});

/** The same index from one search of the whole module. */
function searchedAtOnce(file: SourceFile): NameIndex {
  const identifiers = new Map<string, Node[]>();
  const attributes = new Map<string, Node[]>();
  const add = (map: Map<string, Node[]>, key: string, node: Node): void => {
    const list = map.get(key);
    if (list) list.push(node);
    else map.set(key, [node]);
  };
  for (const id of file.root.descendantsOfType('identifier')) if (id) add(identifiers, pythonName(id.text), id);
  for (const a of file.root.descendantsOfType('attribute')) {
    const name = a?.childForFieldName('attribute');
    if (a && name) add(attributes, pythonName(name.text), a);
  }
  return { identifiers: (name) => identifiers.get(name) ?? [], attributes: (name) => attributes.get(name) ?? [] };
}

/**
 * References to `fn` by name: `name` for functions; for methods `<receiver>.name`,
 * except where the module shows the receiver's class finds `name` in another class
 * (two classes' same-named methods are two functions).
 */
export function referencesTo(file: SourceFile, fn: FunctionInfo): Reference[] {
  const name = pythonName(shortName(fn));
  const own = fn.node.childForFieldName('name');
  const index = nameIndex(file);
  const nodes = isMethod(file, fn)
    ? index.attributes(name).filter((access) => mayReachMethod(file, access, fn))
    : index.identifiers(name).filter((i) => i.id !== own?.id && isNameReference(i));
  return nodes.filter((node) => !insideInsertedHelper(file, node)).map((node) => {
    const parent = node.parent;
    const call = parent?.type === 'call' && parent.childForFieldName('function')?.id === node.id ? parent : undefined;
    return { node, call, owner: file.functions.at(node.startIndex), statement: topStatement(node) };
  });
}

/**
 * A reference to method `fn` through a receiver the module does not type, when
 * it may reach another object's method of that name: nothing shows it is `fn`'s,
 * so a step can neither adapt it nor leave it (code receiver-unknown). Only the
 * project around the module (`project`) can prove no other class has one.
 */
export function unknownReceiver(file: SourceFile, fn: FunctionInfo, ref: Reference, project: ProjectUses | undefined): Blocker | undefined {
  if (!isMethod(file, fn) || !mayReachAnother(file, ref.node, fn, project ? (name) => project.definesMethodElsewhere(name) : undefined)) return undefined;
  const why = project ? 'and a built-in or library type or another class of the project has a method of that name' : 'and without the project around the module nothing shows that no other object has a method of that name';
  return blocker('receiver-unknown', ref.node, `line ${String(file.lineOf(ref.node))}: \`${file.textOf(ref.node)}\` may call another \`${shortName(fn)}\` (the module does not show that its receiver is a ${fn.parent ?? ''}, ${why}), so this step can neither adapt that call nor leave it as it is`);
}

/** The methods among `functions`, by the name a call spells them with; two classes may share one. */
export function methodsByName(file: SourceFile, functions: readonly FunctionInfo[], nameOf: (fn: FunctionInfo) => string): Map<string, FunctionInfo[]> {
  const byName = new Map<string, FunctionInfo[]>();
  for (const fn of functions.filter((f) => isMethod(file, f))) byName.set(nameOf(fn), [...(byName.get(nameOf(fn)) ?? []), fn]);
  return byName;
}

function isNameReference(id: Node): boolean {
  const parent = id.parent;
  if (!parent) return false;
  if (parent.type === 'attribute' && parent.childForFieldName('attribute')?.id === id.id) return false;
  if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === id.id) return false;
  if ((parent.type === 'function_definition' || parent.type === 'class_definition') && parent.childForFieldName('name')?.id === id.id) return false;
  return true;
}

function topStatement(node: Node): Node {
  let n = node;
  while (n.parent && n.parent.type !== 'module') n = n.parent;
  return n;
}

/** Module-level simple statements holding calls (not inside any def or class), outermost compound statements entered. */
export function moduleLevelStatement(node: Node): Node | undefined {
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') return undefined;
    if (n.parent?.type === 'module' || n.parent?.type === 'block') {
      return n.type.endsWith('_statement') && !['if_statement', 'for_statement', 'while_statement', 'try_statement', 'with_statement', 'match_statement'].includes(n.type) ? n : undefined;
    }
  }
  return undefined;
}
