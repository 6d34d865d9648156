// The syntax tree every engine folder reads: tree-sitter's parse, copied into
// plain objects the first time each part of it is read. Reading a node
// through web-tree-sitter crosses into WebAssembly for every property and
// makes a new object for every parent, child or sibling asked for; the
// engine asks for the same nodes many times over (three quarters of a ladder
// step went into those crossings). Here each node is read once, by one cursor
// pass, and every later question is a property read.
//
// The copy is lazy at the level of statements: a module's or a block's
// statements, and the parts of a compound statement, are read one level at a
// time; asking for the children of anything else (a simple statement, an
// expression) reads its whole subtree in one walk. So finding the functions
// of a module reads its statements and headers, not its expressions, and an
// edit that re-reads one function reads one function.
import type { Node as TreeSitterNode, Tree as TreeSitterTree, TreeCursor } from 'web-tree-sitter';
import { firstNotBefore } from './spans';

/** The child list of every leaf (half the nodes of a module): one shared empty list. */
const NONE: Node[] = [];

/** Nodes whose children are statements (never in a field): read one level at a time, all at once. */
const STATEMENT_LISTS = new Set(['module', 'block']);

/** Statements and clauses that hold blocks, definitions aside. */
export const BLOCK_HOLDERS: ReadonlySet<string> = new Set([
  'if_statement',
  'elif_clause',
  'else_clause',
  'for_statement',
  'while_statement',
  'try_statement',
  'except_clause',
  'except_group_clause',
  'finally_clause',
  'with_statement',
  'match_statement',
  'case_clause',
]);

/** Compound statements and their clauses: read one level at a time, with their fields. */
const COMPOUND = new Set(['function_definition', 'class_definition', 'decorated_definition', ...BLOCK_HOLDERS]);

/** Whether a node's children are read one level at a time (each keeping its tree-sitter node until read). */
function readByLevel(type: string): boolean {
  return STATEMENT_LISTS.has(type) || COMPOUND.has(type);
}

/**
 * The parse an incremental re-parse started from, and what the edit changed:
 * the ranges tree-sitter reports changed in structure, and where a span of the
 * earlier text sits now (undefined when an edit touches it).
 */
export interface EarlierParse {
  readonly tree: SyntaxTree;
  readonly changed: readonly { readonly startIndex: number; readonly endIndex: number }[];
  shift(start: number, end: number): number | undefined;
  /**
   * Whether the statements taken over bring what was read of them (the
   * editor's next version reads most of it again), or only the answers kept
   * about them (a step's output, of which a few statements are read).
   */
  readonly nodes: boolean;
}

/** One parse: tree-sitter's tree (for incremental re-parsing) and its nodes as plain objects. */
export class SyntaxTree {
  readonly rootNode: Node;
  private cursor: TreeCursor | undefined;
  /** Whether a type id names a named node, read from the grammar once per type. */
  private readonly namedTypes = new Map<number, boolean>();
  /** The last node whose tree-sitter node was found again for one of its children, and that node: siblings are read in turn. */
  private lastFound: { readonly node: Node; readonly source: TreeSitterNode } | undefined;
  /**
   * Answers about a top-level statement that hold wherever it sits (see
   * `statementAnswers`), one list per statement, shared with the earlier
   * parse's copy of it when this one took it over.
   */
  private readonly answers = new Map<Node, Map<unknown, unknown>>();

  /**
   * `text` is the text tree-sitter parsed (offsets index into it). After an
   * edit, the statements of `earlier` the edit left alone are taken over with
   * what was read of them, shifted to where they are now.
   */
  constructor(
    readonly parsed: TreeSitterTree,
    readonly text: string,
    earlier?: EarlierParse,
  ) {
    const root = parsed.rootNode;
    useFields(parsed.language.fields);
    this.rootNode = new Node(this, 0, root.id, root.type, root.startIndex, root.endIndex, true, false, 0);
    if (earlier) this.takeOver(earlier);
  }

  /**
   * Reads the module's statements now, and for each that the edit neither
   * touched nor changed in structure (tree-sitter's changed ranges: outside
   * them every character has the same ancestors in both parses), without an
   * error, and of the same type and span, takes the earlier parse's copy
   * instead: an edit then reads again only what it changed.
   */
  private takeOver(earlier: EarlierParse): void {
    const before = earlier.tree.rootNode.childrenIfRead;
    if (!before) return;
    const moved = new Map<number, { readonly node: Node; readonly delta: number }>();
    for (const node of before) {
      const delta = earlier.shift(node.startIndex, node.endIndex);
      if (delta !== undefined) moved.set(node.startIndex + delta, { node, delta });
    }
    const root = this.rootNode;
    const touched = (node: Node): boolean => earlier.changed.some((r) => node.startIndex <= r.endIndex && r.startIndex <= node.endIndex);
    root.setChildren(
      this.readChildren(root).map((now) => {
        const was = moved.get(now.startIndex);
        if (!was || was.node.type !== now.type || was.node.endIndex + was.delta !== now.endIndex || touched(now) || now.hasError) return now;
        const taken = earlier.nodes ? was.node.copyTo(root, now.indexInParent, was.delta, now.source) : now;
        // The same text and the same structure: what held of the earlier one holds of this one.
        this.answers.set(taken, earlier.tree.statementAnswers(was.node));
        return taken;
      }),
    );
  }

  /**
   * Answers about `statement`, a child of the module, by question: kept for
   * the parses that take the statement over unchanged (an edit elsewhere, the
   * re-parse of a step's output). Only answers that depend on nothing but the
   * statement's own text and structure, and hold wherever it sits (offsets
   * relative to its start), may be kept here.
   */
  statementAnswers(statement: Node): Map<unknown, unknown> {
    if (statement.parent !== this.rootNode) throw new Error(`a ${statement.type} that is not a statement of this module`);
    let answers = this.answers.get(statement);
    if (!answers) this.answers.set(statement, (answers = new Map<unknown, unknown>()));
    return answers;
  }

  /** tree-sitter's node for `node`: kept, or found from its parent's. */
  sourceOf(node: Node): TreeSitterNode {
    // The root's is made afresh each time: tree-sitter's nodes keep the children they were
    // asked for, so a kept root would hold on to every node read through it.
    if (node === this.rootNode) return this.parsed.rootNode;
    const kept = node.source;
    if (kept) return kept;
    const parent = node.parent;
    if (!parent) throw new Error(`no tree-sitter node for a ${node.type}`);
    let from = this.lastFound?.node === parent ? this.lastFound.source : undefined;
    if (!from) {
      from = this.sourceOf(parent);
      // Not the root's: it would hold every node read through it (above).
      if (parent !== this.rootNode) this.lastFound = { node: parent, source: from };
    }
    const found = from.child(node.indexInParent);
    if (!found) throw new Error(`no tree-sitter node for a ${node.type}`);
    return found;
  }

  /** Frees tree-sitter's memory; nodes not read by then can no longer be. */
  delete(): void {
    this.cursor?.delete();
    this.cursor = undefined;
    this.lastFound = undefined;
    this.parsed.delete();
  }

  /**
   * `node`'s children: one level of a statement list or a compound statement
   * (each child keeping its tree-sitter node, to be read later), or else the
   * whole subtree below `node` in one cursor walk.
   */
  readChildren(node: Node): Node[] {
    const from = this.sourceOf(node);
    if (readByLevel(node.type)) return this.readLevel(node, from);
    const cursor = (this.cursor ??= from.walk());
    cursor.reset(from);
    if (!cursor.gotoFirstChild()) return NONE;
    // The nodes being filled, innermost last, and their children so far. Each
    // finished list is copied to its exact length: a list grown by pushing
    // keeps room for 16, and a module has hundreds of thousands of them.
    const parents: Node[] = [node];
    const lists: Node[][] = [[]];
    for (;;) {
      const parent = parents[parents.length - 1] as Node;
      const list = lists[lists.length - 1] as Node[];
      const child = this.readCursor(cursor, parent, list.length);
      list.push(child);
      if (!readByLevel(child.type)) {
        if (cursor.gotoFirstChild()) {
          parents.push(child);
          lists.push([]);
          continue;
        }
        // Read here, so a leaf answers that it has no children without another walk.
        child.setChildren(NONE);
      }
      while (!cursor.gotoNextSibling()) {
        if (parents.length === 1 || !cursor.gotoParent()) return (lists[0] as Node[]).slice();
        (parents.pop() as Node).setChildren((lists.pop() as Node[]).slice());
      }
    }
  }

  /**
   * One level, from tree-sitter's own list of the children: one crossing for
   * all, then a type and an end for each, and for a compound statement one
   * cursor pass for the fields (a statement list's statements fill none).
   */
  private readLevel(node: Node, from: TreeSitterNode): Node[] {
    const language = this.parsed.language;
    const fields = COMPOUND.has(node.type) ? this.fieldsOf(from) : undefined;
    return from.children.map((source, index) => {
      if (!source) throw new Error(`a missing child in a ${node.type}`);
      const typeId = source.typeId;
      const start = source.startIndex;
      const end = source.endIndex;
      // Only an empty node can be one the parser inserted to recover from an error.
      const missing = start === end && source.isMissing;
      // A leaf (a name, a keyword) is done: it keeps no tree-sitter node, as most never lose theirs.
      const leaf = source.childCount === 0;
      const child = new Node(node, index, source.id, language.types[typeId] ?? 'ERROR', start, end, this.isNamedType(typeId), missing, fields?.[index] ?? 0, leaf ? undefined : source);
      if (leaf) child.setChildren(NONE);
      return child;
    });
  }

  /** Whether nodes of `typeId` are named, asked of the grammar once per type. */
  private isNamedType(typeId: number): boolean {
    let named = this.namedTypes.get(typeId);
    if (named === undefined) this.namedTypes.set(typeId, (named = this.parsed.language.nodeTypeIsNamed(typeId)));
    return named;
  }

  /** The fields of `from`'s children, by position, in one cursor pass. */
  private fieldsOf(from: TreeSitterNode): number[] {
    const cursor = (this.cursor ??= from.walk());
    cursor.reset(from);
    const ids: number[] = [];
    if (cursor.gotoFirstChild()) do ids.push(cursor.currentFieldId); while (cursor.gotoNextSibling());
    return ids;
  }

  private readCursor(cursor: TreeCursor, parent: Node, index: number): Node {
    const language = this.parsed.language;
    const typeId = cursor.nodeTypeId;
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    // Only an empty node can be one the parser inserted to recover from an error.
    const missing = start === end && cursor.nodeIsMissing;
    const type = language.types[typeId] ?? 'ERROR';
    // A node read by level keeps its tree-sitter node: its children are read from it later.
    return new Node(parent, index, cursor.nodeId, type, start, end, this.isNamedType(typeId), missing, cursor.currentFieldId, readByLevel(type) ? cursor.currentNode : undefined);
  }
}

const NAMED = 1;
const MISSING = 2;
const ERROR_KNOWN = 4;
const ERROR = 8;
// Above the flags, in the same small integer: the field the node fills in its
// parent (tree-sitter's id), then its position among the parent's children
// (beyond MAX_INDEX, looked up in the parent). One integer, not three fields:
// a module has hundreds of thousands of nodes.
const FIELD_SHIFT = 4;
const FIELD_MASK = 63;
const INDEX_SHIFT = 10;
const MAX_INDEX = 2 ** 21 - 1;

/** One of tree-sitter's nodes searched for among the plain ones: its id and span read once (its end is a WebAssembly call). */
interface Target {
  readonly id: number;
  readonly start: number;
  readonly end: number;
  readonly hit: TreeSitterNode;
}

/** The id of the next node copied from an earlier parse (tree-sitter's ids are addresses, never negative). */
let nextCopyId = -1;

/**
 * The grammar's field names by id. The engine parses one grammar, Python's;
 * a node keeps its field as an id, and reads its name here rather than
 * through a pointer to its tree.
 */
let fieldNames: readonly (string | null)[] = [];
const fieldIds = new Map<string, number>();

function useFields(fields: readonly (string | null)[]): void {
  if (fields === fieldNames) return;
  if (fieldNames.length > 0 && fields.join() !== fieldNames.join()) throw new Error('the engine reads one grammar per process');
  if (fields.length > FIELD_MASK) throw new Error('the grammar has more fields than a node can hold');
  fieldNames = fields;
  fields.forEach((name, id) => name && fieldIds.set(name, id));
}

export class Node {
  /**
   * The children once read; before that, tree-sitter's node to read them
   * from (for the nodes read by level and their children), or nothing (the
   * root, and a node found again from its parent's). One field, not two.
   */
  private state: Node[] | TreeSitterNode | undefined;
  private namedList: Node[] | undefined;
  /** `NAMED | MISSING`, what is known of `hasError`, the field and the position among the parent's children. */
  private flags: number;

  constructor(
    /** The parent, or for the root its tree (one field, not two: a module has hundreds of thousands of nodes). */
    private readonly up: Node | SyntaxTree,
    indexInParent: number,
    readonly id: number,
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    named: boolean,
    missing: boolean,
    fieldId: number,
    source?: TreeSitterNode,
  ) {
    this.state = source;
    this.flags = (Math.min(indexInParent, MAX_INDEX) << INDEX_SHIFT) | (fieldId << FIELD_SHIFT) | (named ? NAMED : 0) | (missing ? MISSING : 0);
  }

  /** Set once, by `readChildren`. */
  setChildren(children: Node[]): void {
    this.state = children;
  }

  /** The children if they have been read, without reading them. */
  get childrenIfRead(): readonly Node[] | undefined {
    return Array.isArray(this.state) ? this.state : undefined;
  }

  /**
   * This node and what was read below it, for `up`'s tree: a later parse
   * whose text holds the same node `delta` further on, at `index` in `up`.
   * `source` is tree-sitter's node for it there, kept if its children were
   * not read; a node below it that was not read finds its own when asked.
   * Copies get ids of their own, below zero: tree-sitter's ids name nodes
   * of one tree, and the earlier one's may be reused once it is freed.
   */
  copyTo(up: Node, index: number, delta: number, source: TreeSitterNode | undefined): Node {
    const top = this.copyOne(up, index, delta, source);
    // Stacks, not recursion: the subtree may be deep. Nodes whose children were read, beside their copies.
    const originals: Node[] = [this];
    const copies: Node[] = [top];
    for (let original = originals.pop(); original; original = originals.pop()) {
      const copy = copies.pop() as Node;
      const read = original.state;
      if (!Array.isArray(read)) continue;
      if (read === NONE) {
        copy.state = NONE;
        continue;
      }
      const children: Node[] = new Array<Node>(read.length);
      for (let i = 0; i < read.length; i++) {
        const child = read[i] as Node;
        const childCopy = child.copyOne(copy, i, delta, undefined);
        children[i] = childCopy;
        if (child.state === NONE) childCopy.state = NONE;
        else if (Array.isArray(child.state)) {
          originals.push(child);
          copies.push(childCopy);
        }
      }
      copy.state = children;
    }
    return top;
  }

  private copyOne(up: Node, index: number, delta: number, source: TreeSitterNode | undefined): Node {
    const copy = new Node(up, index, nextCopyId--, this.type, this.startIndex + delta, this.endIndex + delta, false, false, 0, source);
    // The same flags, field and what is known of errors; the position among its parent's children may differ.
    copy.flags = (this.flags & ~(MAX_INDEX << INDEX_SHIFT)) | (Math.min(index, MAX_INDEX) << INDEX_SHIFT);
    return copy;
  }

  /** Position among the parent's children. */
  get indexInParent(): number {
    const index = this.flags >>> INDEX_SHIFT;
    return index < MAX_INDEX ? index : (this.parent?.all.indexOf(this) ?? 0);
  }

  private get fieldId(): number {
    return (this.flags >>> FIELD_SHIFT) & FIELD_MASK;
  }

  /** tree-sitter's node, while the children are not read. */
  get source(): TreeSitterNode | undefined {
    return Array.isArray(this.state) ? undefined : this.state;
  }

  /** Before the children replace tree-sitter's node, `hasError` is read from it rather than found again later. */
  private readError(): void {
    const source = this.source;
    if (source && (this.flags & ERROR_KNOWN) === 0) this.flags |= ERROR_KNOWN | (source.hasError ? ERROR : 0);
  }

  /** The field this node fills in its parent, if any. */
  get field(): string | undefined {
    return fieldNames[this.fieldId] ?? undefined;
  }

  get isNamed(): boolean {
    return (this.flags & NAMED) !== 0;
  }

  get isMissing(): boolean {
    return (this.flags & MISSING) !== 0;
  }

  get parent(): Node | null {
    return this.up instanceof Node ? this.up : null;
  }

  get tree(): SyntaxTree {
    let up = this.up;
    while (up instanceof Node) up = up.up;
    return up;
  }

  get text(): string {
    return this.tree.text.slice(this.startIndex, this.endIndex);
  }

  get isError(): boolean {
    return this.type === 'ERROR';
  }

  /** Whether the subtree holds an error or a missing node. */
  get hasError(): boolean {
    if ((this.flags & ERROR_KNOWN) === 0) this.flags |= ERROR_KNOWN | (this.tree.sourceOf(this).hasError ? ERROR : 0);
    return (this.flags & ERROR) !== 0;
  }

  /** The children, read on first need. */
  private get all(): Node[] {
    if (Array.isArray(this.state)) return this.state;
    this.readError();
    const children = this.tree.readChildren(this);
    this.state = children;
    return children;
  }

  private get named(): Node[] {
    this.namedList ??= namedOnly(this.all);
    return this.namedList;
  }

  // Lists are typed as tree-sitter types them (entries never are null), so the engine reads either.
  get children(): (Node | null)[] {
    return this.all;
  }

  get namedChildren(): (Node | null)[] {
    return this.named;
  }

  get childCount(): number {
    return this.all.length;
  }

  get namedChildCount(): number {
    return this.named.length;
  }

  child(index: number): Node | null {
    return this.all[index] ?? null;
  }

  namedChild(index: number): Node | null {
    return this.named[index] ?? null;
  }

  get firstChild(): Node | null {
    return this.child(0);
  }

  get firstNamedChild(): Node | null {
    return this.namedChild(0);
  }

  get lastNamedChild(): Node | null {
    return this.named.at(-1) ?? null;
  }

  get nextSibling(): Node | null {
    return this.parent?.all[this.indexInParent + 1] ?? null;
  }

  get previousSibling(): Node | null {
    return this.indexInParent > 0 ? (this.parent?.all[this.indexInParent - 1] ?? null) : null;
  }

  childForFieldName(field: string): Node | null {
    const id = fieldIds.get(field);
    if (id !== undefined) for (const child of this.all) if (child.fieldId === id) return child;
    return null;
  }

  childrenForFieldName(field: string): (Node | null)[] {
    const id = fieldIds.get(field);
    return id !== undefined ? this.all.filter((child) => child.fieldId === id) : [];
  }

  /**
   * The smallest node within this one that spans `[start, end]`, found as
   * tree-sitter finds it: descend into the first child that reaches the end
   * and passes the start (an empty child may sit on it), stop when none does.
   */
  descendantForIndex(start: number, end = start): Node | null {
    if (start > end) return null;
    let found: Node | undefined;
    for (let next = this.childSpanning(start, end); next; next = next.childSpanning(start, end)) found = next;
    return found ?? this;
  }

  private childSpanning(start: number, end: number): Node | undefined {
    const children = this.all;
    // Siblings' ends never decrease: the children ending before `end` are skipped by a binary search.
    for (let i = firstNotBefore(children, (child) => child.endIndex < end); i < children.length; i++) {
      const child = children[i] as Node;
      const childEnd = child.endIndex;
      if (child.startIndex === childEnd ? childEnd < start : childEnd <= start) continue;
      return start < child.startIndex ? undefined : child;
    }
    return undefined;
  }

  /**
   * This node and its descendants of `types`, in source order. Like
   * tree-sitter's, the walk skips an empty node at the very start of the file.
   * Asked of a whole module, tree-sitter searches its own tree and only the
   * paths to the hits are read: most of a module need never be copied to
   * answer where its `yield`s or imports are. Anything smaller is read whole
   * and searched here, as the steps that ask of a function go on to read it.
   */
  descendantsOfType(types: string | readonly string[]): (Node | null)[] {
    const wanted = typeof types === 'string' ? [types] : types;
    if (this.type === 'module') return this.plainNodesOf(this.tree.sourceOf(this).descendantsOfType([...wanted]));
    const found: Node[] = [];
    // A stack, not recursion: the subtree may be deep.
    const pending: Node[] = [this];
    for (let node = pending.pop(); node; node = pending.pop()) {
      if (node.endIndex === 0) continue;
      if (wanted.includes(node.type)) found.push(node);
      const children = node.all;
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i] as Node);
    }
    return found;
  }

  /**
   * The plain nodes for tree-sitter's `hits` inside this one, which come in
   * source order: each is searched from the nearest node around the one
   * before that spans it (down from here when that fails, at a boundary
   * two siblings share), not from here every time.
   */
  private plainNodesOf(hits: readonly (TreeSitterNode | null)[]): Node[] {
    const found: Node[] = [];
    for (const hit of hits) {
      if (!hit) continue;
      const target: Target = { id: hit.id, start: hit.startIndex, end: hit.endIndex, hit };
      let near = found.at(-1);
      while (near && !(near.startIndex <= target.start && target.end <= near.endIndex)) near = near.parent ?? undefined;
      const node = near?.descendantFor(target) ?? this.descendantFor(target);
      if (!node) throw new Error(`tree-sitter found a ${hit.type} the plain tree does not hold`);
      found.push(node);
    }
    return found;
  }

  /** The plain node for one of tree-sitter's nodes inside this one: down the children that contain it, to its id (a copy's: its type and span). */
  private descendantFor(target: Target): Node | undefined {
    let found = this.stands(target) ? this : this.childHolding(target);
    while (found && !found.stands(target)) found = found.childHolding(target);
    return found;
  }

  /** Whether this node is the target: its id, or for a copy from an earlier parse (no id of this tree) the same type and span. */
  private stands(target: Target): boolean {
    if (this.id >= 0) return this.id === target.id;
    return this.startIndex === target.start && this.endIndex === target.end && this.type === target.hit.type;
  }

  /** The child that is or holds the target: the last starting at or before it, or an empty or equal-span sibling before that. */
  private childHolding(target: Target): Node | undefined {
    const children = this.all;
    let holding: Node | undefined;
    for (let i = firstNotBefore(children, (child) => child.startIndex <= target.start) - 1; i >= 0; i--) {
      const child = children[i] as Node;
      if (child.endIndex < target.end) break;
      if (child.stands(target)) return child;
      holding ??= child;
    }
    return holding;
  }

  /** The named nodes as an S-expression, with their fields, as tree-sitter prints a tree. */
  toString(): string {
    const head = this.isMissing ? `MISSING ${this.isNamed ? this.type : JSON.stringify(this.type)}` : this.type;
    const inner = this.all
      .filter((child) => child.isNamed || child.isMissing)
      .map((child) => (child.field ? `${child.field}: ` : '') + child.toString());
    return `(${[head, ...inner].join(' ')})`;
  }

  /** A cursor that starts here and walks this node's subtree. */
  walk(): Cursor {
    return new Cursor(this);
  }
}

/**
 * The named nodes of `nodes`, in a list of their exact length (a filtered list
 * keeps spare room); `nodes` itself when all are named, as a statement list's are.
 */
function namedOnly(nodes: Node[]): Node[] {
  let count = 0;
  for (const node of nodes) if (node.isNamed) count++;
  if (count === nodes.length) return nodes;
  if (count === 0) return NONE;
  return nodes.filter((node) => node.isNamed).slice();
}

/** tree-sitter's cursor moves, over the plain nodes; it cannot leave the node it started at. */
export class Cursor {
  private node: Node;

  constructor(private readonly start: Node) {
    this.node = start;
  }

  get currentNode(): Node {
    return this.node;
  }

  get nodeType(): string {
    return this.node.type;
  }

  get nodeIsNamed(): boolean {
    return this.node.isNamed;
  }

  get startIndex(): number {
    return this.node.startIndex;
  }

  get endIndex(): number {
    return this.node.endIndex;
  }

  gotoFirstChild(): boolean {
    const first = this.node.firstChild;
    if (first) this.node = first;
    return first !== null;
  }

  gotoNextSibling(): boolean {
    if (this.node === this.start) return false;
    const next = this.node.nextSibling;
    if (next) this.node = next;
    return next !== null;
  }

  gotoParent(): boolean {
    if (this.node === this.start || !this.node.parent) return false;
    this.node = this.node.parent;
    return true;
  }
}
