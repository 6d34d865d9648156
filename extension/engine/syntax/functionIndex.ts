// Every function and class of a file under its dotted name: `func`, `Class`,
// `Class.method`, `outer.inner`. Features and the CLI address functions by it.
import type { Node } from 'web-tree-sitter';
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

export class FunctionIndex {
  readonly all: readonly FunctionInfo[];

  constructor(file: SourceFile) {
    this.all = collect(file);
  }

  /** Every definition with this dotted name (a name can be defined more than once). */
  named(name: string): FunctionInfo[] {
    return this.all.filter((f) => f.name === name);
  }

  /** The innermost function or class whose definition contains `offset`. */
  at(offset: number): FunctionInfo | undefined {
    let best: FunctionInfo | undefined;
    for (const f of this.all) {
      const outer = f.decorated ?? f.node;
      if (outer.startIndex <= offset && offset <= outer.endIndex) {
        if (!best || outer.startIndex >= (best.decorated ?? best.node).startIndex) best = f;
      }
    }
    return best;
  }
}

/** Definitions in source order, walked with an explicit stack: nesting depth costs no call stack. */
function collect(file: SourceFile): FunctionInfo[] {
  const out: FunctionInfo[] = [];
  const pending: { readonly node: Node; readonly parent: string | undefined }[] = [{ node: file.root, parent: undefined }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, parent } = next;
    const definition = node === file.root ? undefined : definitionOf(node);
    let inside: Node | null = node;
    let name = parent;
    if (definition) {
      const nameNode = definition.childForFieldName('name');
      name = (parent ? `${parent}.` : '') + (nameNode ? file.textOf(nameNode) : '?');
      const decorated = node.type === 'decorated_definition' ? node : undefined;
      out.push({
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
      if (child) pending.push({ node: child, parent: name });
    }
  }
  return out;
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
