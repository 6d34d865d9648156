// What CPython rejects in text tree-sitter parses without an error: an empty
// suite (`for x in xs:` with no body), a block whose statements do not line
// up, or do not sit deeper than the line that opens it, a `return`
// outside a function, and a bare `*` with no named parameter after it. Every file a
// refactor produces is checked for these before it is offered.
import type { Node, TreeCursor } from 'web-tree-sitter';
import { BLOCK_HOLDERS } from './node';
import type { SourceFile } from './sourceFile';

export interface OutputProblem {
  /** 1-based. */
  readonly line: number;
  readonly message: string;
}

/** The first such problem in `file`, if any. */
export function outputProblem(file: SourceFile): OutputProblem | undefined {
  // tree-sitter's own cursor over statements only (blocks never sit inside expressions):
  // the whole output is checked without copying its tree into plain nodes, which no
  // later step may read (a file of 20,000 functions holds no node object for every
  // block at once). It keeps the types and starts of the nodes it is inside, since
  // web-tree-sitter finds a node's parent by walking down from the root again. A block's
  // statements are read through the same cursor, not as node objects.
  const cursor = file.tree.parsed.rootNode.walk();
  const around: Ancestor[] = [];
  try {
    for (;;) {
      const type = cursor.nodeType;
      if (type === 'block') {
        const problem = blockProblem(file, cursor, around.at(-1));
        if (problem) return problem;
      } else if (type === 'return_statement' && !inFunction(around)) {
        return { line: file.positionAt(cursor.startIndex).line + 1, message: "'return' outside a function" };
      } else if (type === 'parameters' && around.at(-1)?.type === 'function_definition' && file.text.slice(cursor.startIndex, cursor.endIndex).includes('*') && bareStarLast(cursor.currentNode)) {
        // Nothing before a def's parameters holds a problem, so finding it here finds it first.
        return { line: file.positionAt(around.at(-1)?.start ?? cursor.startIndex).line + 1, message: 'a bare * with no named parameter after it' };
      }
      const start = cursor.startIndex;
      if (holdsStatements(type) && cursor.gotoFirstChild()) {
        around.push({ type, start });
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return undefined;
        around.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}

/** `def f(a, *)`, `def f(*, **kw)`: CPython wants a named parameter after a bare `*`. */
function bareStarLast(parameters: Node): boolean {
  const params = parameters.namedChildren.filter((p): p is Node => p !== null && p.type !== 'comment');
  const star = params.findIndex((p) => p.type === 'keyword_separator');
  const next = params[star + 1];
  return star >= 0 && (next === undefined || next.type === 'dictionary_splat_pattern' || (next.type === 'typed_parameter' && next.firstNamedChild?.type === 'dictionary_splat_pattern'));
}

interface Ancestor {
  readonly type: string;
  readonly start: number;
}

/** Whether the nearest definition around is a function (a class body or the module is not). */
function inFunction(around: readonly Ancestor[]): boolean {
  for (let i = around.length - 1; i >= 0; i--) {
    const type = around[i]?.type;
    if (type === 'function_definition') return true;
    if (type === 'class_definition') return false;
  }
  return false;
}

/** What can hold a block, a `return` or a def: not a simple statement, which holds expressions only. */
function holdsStatements(type: string): boolean {
  return type === 'module' || type === 'block' || BLOCK_HOLDERS.has(type) || type.endsWith('definition');
}

/** The problem of the block at `cursor`, which is left there. */
function blockProblem(file: SourceFile, cursor: TreeCursor, header: Ancestor | undefined): OutputProblem | undefined {
  const blockStart = cursor.startIndex;
  const headerColumn = header ? file.positionAt(header.start).character : -1;
  let statements = 0;
  let column: number | undefined;
  let problem: OutputProblem | undefined;
  if (cursor.gotoFirstChild()) {
    do {
      if (!cursor.nodeIsNamed || cursor.nodeType === 'comment') continue;
      statements++;
      const start = cursor.startIndex;
      const at = file.positionAt(start);
      // Only statements that begin their own line are indented (`if x: a; b` keeps them on the header's line).
      if (file.text.slice(file.lines.lineStart(at.line), start).trim() !== '') continue;
      if (at.character <= headerColumn) problem = { line: at.line + 1, message: 'a statement not indented under the line that opens its block' };
      column ??= at.character;
      if (at.character !== column) problem ??= { line: at.line + 1, message: 'inconsistent indentation in one block' };
    } while (!problem && cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  if (statements === 0) return { line: file.positionAt(header ? header.start : blockStart).line + 1, message: 'a block with no statements (CPython: expected an indented block)' };
  return problem;
}
