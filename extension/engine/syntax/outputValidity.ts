// What CPython rejects in text tree-sitter parses without an error: an empty
// suite (`for x in xs:` with no body), a block whose statements do not line
// up, or do not sit deeper than the line that opens it, a `return`
// outside a function, and a bare `*` with no named parameter after it. Every file a
// refactor produces is checked for these before it is offered.
import type { Node } from 'web-tree-sitter';
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
  // web-tree-sitter finds a node's parent by walking down from the root again.
  const cursor = file.tree.parsed.rootNode.walk();
  const around: Ancestor[] = [];
  try {
    for (;;) {
      const type = cursor.nodeType;
      if (type === 'block') {
        const problem = blockProblem(file, cursor.currentNode, around.at(-1));
        if (problem) return problem;
      } else if (type === 'return_statement' && !inFunction(around)) {
        return { line: file.positionAt(cursor.startIndex).line + 1, message: "'return' outside a function" };
      } else if (type === 'function_definition' && bareStarLast(cursor.currentNode)) {
        return { line: file.positionAt(cursor.startIndex).line + 1, message: 'a bare * with no named parameter after it' };
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
function bareStarLast(def: Node): boolean {
  const params = def.childForFieldName('parameters')?.namedChildren.filter((p): p is Node => p !== null && p.type !== 'comment') ?? [];
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

function holdsStatements(type: string): boolean {
  return type === 'module' || type === 'block' || type.endsWith('_statement') || type.endsWith('_clause') || type.endsWith('definition');
}

function blockProblem(file: SourceFile, block: Node, header: Ancestor | undefined): OutputProblem | undefined {
  const statements = block.namedChildren.filter((s): s is Node => s !== null && s.type !== 'comment');
  const line = (offset: number): number => file.positionAt(offset).line + 1;
  if (statements.length === 0) return { line: line(header ? header.start : block.startIndex), message: 'a block with no statements (CPython: expected an indented block)' };
  const headerColumn = header ? file.positionAt(header.start).character : -1;
  let column: number | undefined;
  for (const statement of statements) {
    const at = file.positionAt(statement.startIndex);
    // Only statements that begin their own line are indented (`if x: a; b` keeps them on the header's line).
    if (file.text.slice(file.lines.lineStart(at.line), statement.startIndex).trim() !== '') continue;
    if (at.character <= headerColumn) return { line: at.line + 1, message: 'a statement not indented under the line that opens its block' };
    column ??= at.character;
    if (at.character !== column) return { line: at.line + 1, message: 'inconsistent indentation in one block' };
  }
  return undefined;
}
