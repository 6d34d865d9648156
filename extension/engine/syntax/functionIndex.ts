// Every function and class of a file under its dotted name: `func`, `Class`,
// `Class.method`, `outer.inner`. Features and the CLI address functions by it.
import { BLOCK_HOLDERS, type Node } from './node';
import type { SourceFile } from './sourceFile';

export interface FunctionInfo {
  readonly name: string;
  readonly kind: 'function' | 'class';
  readonly isAsync: boolean;
  /** The `function_definition` or `class_definition` node. */
  readonly node: Node;
  /** The `decorated_definition` around it, when it has decorators. */
  readonly decorated: Node | undefined;
  /** Decorator expressions as written, without the `@`, outermost first. */
  readonly decorators: readonly string[];
  /** 1-based line of `def`/`class` (after any decorators). */
  readonly line: number;
  /** 1-based last line of the body. */
  readonly endLine: number;
  /** Dotted name of the enclosing function or class, if any. */
  readonly parent: string | undefined;
}

/** The last part of a dotted name: `method` for `Class.method`. */
export function shortName(fn: Pick<FunctionInfo, 'name'>): string {
  return fn.name.slice(fn.name.lastIndexOf('.') + 1);
}

export class FunctionIndex {
  readonly all: readonly FunctionInfo[];
  /** `enclosing[i]`: index in `all` of the definition around `all[i]`, or -1. */
  private readonly enclosing: readonly number[];
  private spans: { readonly starts: readonly number[]; readonly ends: readonly number[] } | undefined;
  private byName: Map<string, FunctionInfo[]> | undefined;

  constructor(file: SourceFile) {
    ({ found: this.all, enclosing: this.enclosing } = collect(file));
  }

  /** Every definition with this dotted name (a name can be defined more than once). */
  named(name: string): FunctionInfo[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const f of this.all) {
        const same = this.byName.get(f.name);
        if (same) same.push(f);
        else this.byName.set(f.name, [f]);
      }
    }
    return [...(this.byName.get(name) ?? [])];
  }

  /** The entry of the definition `node` is (a function or class definition), if the index holds it. */
  of(node: Node): FunctionInfo | undefined {
    // Its own entry is the innermost definition around its start: a definition nested in it starts later.
    const found = this.at(node.startIndex);
    return found?.node.id === node.id ? found : undefined;
  }

  /** The innermost function or class whose definition contains `offset`. */
  at(offset: number): FunctionInfo | undefined {
    // `all` is in source order, so a binary search finds the last definition
    // starting at or before `offset`; the innermost one containing it is that
    // one or an enclosing one. A linear scan per lookup was quadratic over a file.
    this.spans ??= {
      starts: this.all.map((f) => (f.decorated ?? f.node).startIndex),
      ends: this.all.map((f) => (f.decorated ?? f.node).endIndex),
    };
    const { starts, ends } = this.spans;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle + 1;
      else high = middle;
    }
    let i = low - 1;
    while (i >= 0 && offset > (ends[i] ?? 0)) i = this.enclosing[i] ?? -1;
    return i >= 0 ? this.all[i] : undefined;
  }
}

/** Statements and clauses that can hold a definition. */
const HOLDS_STATEMENTS = new Set(['block', 'ERROR', ...BLOCK_HOLDERS]);

/** Definitions in source order, walked with an explicit stack: nesting depth costs no call stack. */
function collect(file: SourceFile): { found: FunctionInfo[]; enclosing: number[] } {
  const found: FunctionInfo[] = [];
  const enclosing: number[] = [];
  const pending: { readonly node: Node; readonly parent: string | undefined; readonly around: number }[] = [
    { node: file.root, parent: undefined, around: -1 },
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, parent } = next;
    const definition = node === file.root ? undefined : definitionOf(node);
    let inside: Node | null = node;
    let name = parent;
    let around = next.around;
    if (definition) {
      const nameNode = definition.childForFieldName('name');
      name = (parent ? `${parent}.` : '') + (nameNode ? file.textOf(nameNode) : '?');
      const decorated = node.type === 'decorated_definition' ? node : undefined;
      enclosing.push(around);
      around = found.length;
      found.push({
        name,
        kind: definition.type === 'class_definition' ? 'class' : 'function',
        isAsync: definition.firstChild?.type === 'async',
        node: definition,
        decorated,
        decorators: decorated ? decoratorsOf(file, decorated) : [],
        line: file.lineOf(definition),
        endLine: file.endLineOf(definition),
        parent,
      });
      inside = definition.childForFieldName('body');
    }
    const children = inside?.namedChildren ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      // Expressions never hold a definition: only definitions and statements that hold others are walked.
      if (child && (HOLDS_STATEMENTS.has(child.type) || definitionOf(child))) pending.push({ node: child, parent: name, around });
    }
  }
  return { found, enclosing };
}

function definitionOf(node: Node): Node | undefined {
  if (node.type === 'function_definition' || node.type === 'class_definition') return node;
  if (node.type === 'decorated_definition') return node.childForFieldName('definition') ?? undefined;
  return undefined;
}

function decoratorsOf(file: SourceFile, decorated: Node): string[] {
  return decorated.namedChildren
    .filter((c): c is Node => c?.type === 'decorator')
    .map((d) => file.textOf(d).replace(/^@\s*/, '').trim());
}
