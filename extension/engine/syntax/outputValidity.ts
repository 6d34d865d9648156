// What CPython rejects in text tree-sitter parses without an error: an empty
// suite (`for x in xs:` with no body), a block whose statements do not line
// up, or do not sit deeper than the line that opens it, a `return`
// outside a function, and a bare `*` with no named parameter after it. Every file a
// refactor produces is checked for these before it is offered.
import type { Node as TreeSitterNode, TreeCursor } from 'web-tree-sitter';
import { BLOCK_HOLDERS, type Node } from './node';
import { perStatement } from './perParse';
import type { SourceFile } from './sourceFile';

export interface OutputProblem {
  /** 1-based. */
  readonly line: number;
  readonly message: string;
}

/** The first such problem in `file`, if any. */
export function outputProblem(file: SourceFile): OutputProblem | undefined {
  // Statement by statement: a step's output re-parse takes over every statement
  // the step did not rewrite, with what was found in it before, so only the
  // rewritten ones are walked again.
  const module: Ancestor = { type: 'module', start: file.root.startIndex };
  for (const statement of file.root.children) {
    if (!statement) continue;
    // Columns inside a statement that starts its line depend on its own text alone.
    const found = startsLine(file, statement.startIndex) ? problemIn(file, statement) : statementProblem(file, statement, module);
    if (found) return { line: file.positionAt(statement.startIndex + found.offset).line + 1, message: found.message };
  }
  return undefined;
}

/** A problem, at an offset from the start of the statement it was found in. */
interface ProblemAt {
  readonly offset: number;
  readonly message: string;
}

const problemIn = perStatement((file: SourceFile, statement: Node): ProblemAt | undefined => statementProblem(file, statement, { type: 'module', start: file.root.startIndex }));

function startsLine(file: SourceFile, offset: number): boolean {
  const before = file.text.charCodeAt(offset - 1);
  return offset === 0 || before === 10 /* \n */ || before === 13 /* \r */;
}

/** The first problem in one top-level statement (`module` is the module around it). */
function statementProblem(file: SourceFile, statement: Node, module: Ancestor): ProblemAt | undefined {
  // tree-sitter's own cursor over statements only (blocks never sit inside expressions):
  // the output is checked without copying its tree into plain nodes, which no
  // later step may read (a file of 20,000 functions holds no node object for every
  // block at once). It keeps the types and starts of the nodes it is inside, since
  // web-tree-sitter finds a node's parent by walking down from the root again. A block's
  // statements are read through the same cursor, not as node objects.
  const origin = statement.startIndex;
  const at = (offset: number, message: string): ProblemAt => ({ offset: offset - origin, message });
  const cursor = file.tree.sourceOf(statement).walk();
  const around: Ancestor[] = [module];
  try {
    for (;;) {
      const type = cursor.nodeType;
      if (type === 'block') {
        const problem = blockProblem(file, cursor, around.at(-1));
        if (problem) return at(problem.offset, problem.message);
      } else if (type === 'return_statement' && !inFunction(around)) {
        return at(cursor.startIndex, "'return' outside a function");
      } else if (type === 'parameters' && around.at(-1)?.type === 'function_definition' && file.text.slice(cursor.startIndex, cursor.endIndex).includes('*') && bareStarLast(cursor.currentNode)) {
        // Nothing before a def's parameters holds a problem, so finding it here finds it first.
        return at(around.at(-1)?.start ?? cursor.startIndex, 'a bare * with no named parameter after it');
      }
      const start = cursor.startIndex;
      if (holdsStatements(type) && cursor.gotoFirstChild()) {
        around.push({ type, start });
        continue;
      }
      // The walk starts at the statement: it ends when the cursor is back there.
      while (!cursor.gotoNextSibling()) {
        if (around.length === 1 || !cursor.gotoParent()) return undefined;
        around.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}

/** `def f(a, *)`, `def f(*, **kw)`: CPython wants a named parameter after a bare `*`. */
function bareStarLast(parameters: TreeSitterNode): boolean {
  const params = parameters.namedChildren.filter((p): p is TreeSitterNode => p !== null && p.type !== 'comment');
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
function blockProblem(file: SourceFile, cursor: TreeCursor, header: Ancestor | undefined): { readonly offset: number; readonly message: string } | undefined {
  const blockStart = cursor.startIndex;
  const headerColumn = header ? file.positionAt(header.start).character : -1;
  let statements = 0;
  let column: number | undefined;
  let problem: { readonly offset: number; readonly message: string } | undefined;
  if (cursor.gotoFirstChild()) {
    do {
      if (!cursor.nodeIsNamed || cursor.nodeType === 'comment') continue;
      statements++;
      const start = cursor.startIndex;
      const at = file.positionAt(start);
      // Only statements that begin their own line are indented (`if x: a; b` keeps them on the header's line).
      if (file.text.slice(file.lines.lineStart(at.line), start).trim() !== '') continue;
      if (at.character <= headerColumn) problem = { offset: start, message: 'a statement not indented under the line that opens its block' };
      column ??= at.character;
      if (at.character !== column) problem ??= { offset: start, message: 'inconsistent indentation in one block' };
    } while (!problem && cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  if (statements === 0) return { offset: header ? header.start : blockStart, message: 'a block with no statements (CPython: expected an indented block)' };
  return problem;
}
