// Where a refactor puts a helper it adds to a module: after the docstring,
// `from __future__` and the other top-level imports, so the helper sees them,
// inside a `# region` the editor folds, so it does not push the module's own
// code off-screen.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../syntax/sourceFile';
import { isSource } from './insertedHelpers';
import { children } from './pySyntax';

/** The first line of the region around an inserted helper (folding markers VS Code knows for Python). */
export const HELPER_REGION = '# region Concept Lenses helper';
export const END_REGION = '# endregion';

/** An insertion of `source` (a top-level definition ending with a newline) into `file`. */
export function helperInsertion(file: SourceFile, source: string): { offset: number; text: string } {
  const eol = file.lines.eol;
  const body = `${HELPER_REGION}\n${source}${END_REGION}\n`.replace(/\n/g, eol);
  let after: number | undefined;
  for (const stmt of children(file.root)) {
    const isDocstring = after === undefined && stmt.type === 'expression_statement' && stmt.firstNamedChild?.type === 'string';
    if (isDocstring || stmt.type === 'import_statement' || stmt.type === 'import_from_statement' || stmt.type === 'future_import_statement') {
      after = stmt.endIndex;
    } else if (stmt.type !== 'comment') {
      break;
    }
  }
  if (after === undefined) return { offset: 0, text: `${body}${eol}${eol}` };
  const lineEnd = file.lines.lineStart(file.positionAt(after).line + 1);
  const atEnd = lineEnd >= file.text.length && !/[\r\n]$/.test(file.text);
  return { offset: atEnd ? file.text.length : lineEnd, text: `${atEnd ? eol : ''}${eol}${eol}${body}` };
}

/**
 * Removes a helper the refactor inserted (exactly as inserted) once nothing
 * uses it: the definition and the blank lines that separated it.
 */
export function helperRemoval(file: SourceFile, name: string, source: string, uses: number): { start: number; end: number; text: string } | undefined {
  if (uses > 0) return undefined;
  const def = file.functions.all.find((f) => f.name === name && isSource(file.textOf(f.node), source));
  if (!def) return undefined;
  const defLine = file.positionAt(def.node.startIndex).line;
  const lineText = (line: number): string => file.text.slice(file.lines.lineStart(line), file.lines.lineStart(line + 1)).trimEnd();
  const inRegion = defLine > 0 && lineText(defLine - 1) === HELPER_REGION;
  const start = inRegion ? file.lines.lineStart(defLine - 1) : def.node.startIndex;
  const lastLine = file.positionAt(def.node.endIndex).line;
  let end = file.lines.lineStart(lastLine + (inRegion && lineText(lastLine + 1) === END_REGION ? 2 : 1));
  while (end < file.text.length && /^[\r\n]/.test(file.text.slice(end, end + 1))) end++;
  return { start, end, text: '' };
}

/** References to `name` other than its own definition's name. */
export function usesOf(file: SourceFile, name: string): Node[] {
  return file.root.descendantsOfType('identifier').filter((i): i is Node => i?.text === name && !(i.parent?.type === 'function_definition' && i.parent.childForFieldName('name')?.id === i.id));
}
