// Where the module uses the names the parallelism model asks about (its
// coroutines' and helpers' short names, its top-level classes), and how:
// called directly, awaited, on `self`, constructed. Free of tree nodes and
// gathered per function from its own code (its nested definitions have their
// own), so an analysis kept across edits can keep each function's uses and
// gather again only the edited function's and the module-level code's.
import type { Node } from '../syntax/node';
import { shortName, type FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { contextOf, enclosingFunction } from '../python/scopes';
import type { FunctionFlow } from './valueFlow';

export interface NameUse {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** The function whose own code has the identifier (its `def` name counts as its own); undefined outside every indexed function. */
  readonly owner: FunctionInfo | undefined;
  /** The identifier is the owner's `def` name. */
  readonly isDefName: boolean;
  /** Where the call it makes directly (`f()`, `self.f()`) starts, or -1. */
  readonly call: number;
  /** The same for a direct call that is awaited (or yielded), or -1. */
  readonly awaitedCall: number;
  /** The identifier is an attribute of `self`: `self.name`. */
  readonly onSelf: boolean;
  /** The identifier is the callee of a call by itself: `Worker(…)`. */
  readonly constructs: boolean;
}

/** The uses of each asked name in the module. */
export interface NameUses {
  named(name: string): readonly NameUse[];
}

/** The names the parallelism model asks about: the short names of the functions it has flows of, and the top-level classes. */
export function askedNames(file: SourceFile, flows: readonly FunctionFlow[]): Set<string> {
  const names = new Set(flows.map((f) => shortName(f.fn)));
  for (const f of file.functions.all) if (f.kind === 'class' && f.parent === undefined) names.add(f.name);
  return names;
}

/** Indexes uses by name. */
export function indexUses(uses: Iterable<NameUse>): NameUses {
  const byName = new Map<string, NameUse[]>();
  for (const use of uses) {
    const list = byName.get(use.name);
    if (list) list.push(use);
    else byName.set(use.name, [use]);
  }
  return { named: (name) => byName.get(name) ?? [] };
}

/** Every use of the asked names in the module, gathered from the tree. */
export function nameUsesOf(file: SourceFile, asked: ReadonlySet<string>): NameUses {
  const functions = functionsOf(file);
  return indexUses([...moduleLevelUses(file, asked, functions), ...functions.flatMap((_fn, i) => ownUses(file, i, asked, functions))]);
}

/** The module's indexed functions, in source order. */
export function functionsOf(file: SourceFile): FunctionInfo[] {
  return file.functions.all.filter((f) => f.kind === 'function');
}

/**
 * Uses in the own code of `functions[index]`: its `def` line and body,
 * leaving out the functions nested in it (their decorators are its own).
 */
export function ownUses(file: SourceFile, index: number, asked: ReadonlySet<string>, functions: readonly FunctionInfo[]): NameUse[] {
  const fn = functions[index];
  if (!fn) return [];
  const start = fn.node.startIndex;
  const end = fn.node.endIndex;
  // In source order, the functions nested in it come right after it.
  const nested: Node[] = [];
  for (let i = index + 1; i < functions.length && (functions[i]?.node.startIndex ?? end) < end; i++) nested.push((functions[i] as FunctionInfo).node);
  return usesInRanges(file, gaps(start, end, nested), asked, fn);
}

/** Uses outside every indexed function: module-level code, class bodies, decorators of top-level definitions. */
export function moduleLevelUses(file: SourceFile, asked: ReadonlySet<string>, functions: readonly FunctionInfo[]): NameUse[] {
  return usesInRanges(file, moduleLevelRanges(file, functions), asked, undefined);
}

/** The stretches of text outside every indexed function, in order. */
export function moduleLevelRanges(file: SourceFile, functions: readonly FunctionInfo[]): [number, number][] {
  return gaps(0, file.text.length, functions.map((f) => f.node));
}

/** The parts of [start, end) outside the given nodes (in source order, possibly nested). */
function gaps(start: number, end: number, inside: readonly Node[]): [number, number][] {
  const ranges: [number, number][] = [];
  let at = start;
  for (const node of inside) {
    if (node.endIndex <= at) continue; // nested in one already left out
    if (node.startIndex > at) ranges.push([at, node.startIndex]);
    at = node.endIndex;
  }
  if (at < end) ranges.push([at, end]);
  return ranges;
}

const WORD = /[\p{L}\p{N}\p{M}\p{Pc}\u00B7\u0387]+/gu;

export function usesInRanges(file: SourceFile, ranges: readonly [number, number][], asked: ReadonlySet<string>, owner: FunctionInfo | undefined): NameUse[] {
  const uses: NameUse[] = [];
  for (const [from, to] of ranges) {
    for (const match of file.text.slice(from, to).matchAll(WORD)) {
      const name = match[0].replace(/^\p{N}+/u, '');
      if (!asked.has(name)) continue;
      const at = from + match.index + match[0].length - name.length;
      const node = file.root.descendantForIndex(at, at + name.length);
      if (node?.type !== 'identifier' || node.startIndex !== at || node.endIndex !== at + name.length) continue;
      // An identifier in a definition the index does not have (inside an error) is no indexed function's.
      const isOwn = owner !== undefined && enclosingFunction(node)?.id === owner.node.id;
      uses.push({
        name,
        start: at,
        end: at + name.length,
        owner: isOwn ? owner : undefined,
        isDefName: isOwn && node.parent?.id === owner.node.id,
        call: directCall(node, false)?.startIndex ?? -1,
        awaitedCall: directCall(node, true)?.startIndex ?? -1,
        onSelf: node.parent?.type === 'attribute' && node.parent.childForFieldName('object')?.text === 'self',
        constructs: contextOf(node)?.type === 'call' && contextOf(node)?.childForFieldName('function')?.id === node.id,
      });
    }
  }
  return uses;
}

/** The call `use` makes, when it is a direct call (`f()`, `self.f()`), awaited when `awaited` is asked. */
function directCall(use: Node, awaited: boolean): Node | undefined {
  let callee = use;
  if (use.parent?.type === 'attribute') {
    if (use.parent.childForFieldName('attribute')?.id !== use.id || use.parent.childForFieldName('object')?.text !== 'self') return undefined;
    callee = use.parent;
  }
  const call = contextOf(callee);
  if (call?.type !== 'call' || call.childForFieldName('function')?.id !== callee.id) return undefined;
  if (!awaited) return call;
  const outer = contextOf(call);
  return outer?.type === 'await' || outer?.type === 'yield' ? call : undefined;
}
