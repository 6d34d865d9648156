import type { Node } from './node';
import { firstTooDeep, MAX_NESTING_DEPTH } from './nesting';
import type { SourceFile } from './sourceFile';
import { visible } from './visibleText';

/** `syntax`: the text is not Python; `too-deep`: it nests deeper than the engine walks. */
export type SyntaxProblemCode = 'syntax' | 'too-deep';

export interface SyntaxProblem {
  readonly code: SyntaxProblemCode;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters (UTF-16 units) as editors show them. */
  readonly column: number;
  readonly message: string;
}

const MAX_REPORTED = 20;

/**
 * The error and missing nodes of a parse, outermost first, in source order;
 * or, for a tree too deep to walk, that one problem.
 */
export function findSyntaxErrors(file: SourceFile): SyntaxProblem[] {
  const deep = firstTooDeep(file);
  if (deep !== undefined) {
    const at = file.positionAt(deep);
    const message = `nesting deeper than ${String(MAX_NESTING_DEPTH)} levels, too deep to analyse`;
    return [{ code: 'too-deep', line: at.line + 1, column: at.character + 1, message }];
  }
  const problems: SyntaxProblem[] = [];
  const visit = (node: Node): void => {
    if (problems.length >= MAX_REPORTED || !node.hasError) return;
    if (node.isError || node.isMissing) {
      problems.push(describe(file, node));
      return;
    }
    for (const child of node.children) if (child) visit(child);
  };
  visit(file.root);
  return problems;
}

function describe(file: SourceFile, node: Node): SyntaxProblem {
  const at = file.positionAt(node.startIndex);
  const where = { code: 'syntax' as const, line: at.line + 1, column: at.character + 1 };
  if (node.isMissing) return { ...where, message: `syntax error: missing '${node.type}'` };
  const snippet = file.textOf(node).split(/\r\n|\r|\n/, 1)[0]?.trim().slice(0, 30) ?? '';
  return { ...where, message: snippet ? `syntax error near '${visible(snippet)}'` : 'syntax error' };
}
