// Where a refactor puts a helper it adds to a module: after the docstring,
// `from __future__` and the other top-level imports, so the helper sees them,
// inside a `# region` the editor folds, so it does not push the module's own
// code off-screen.
import type { Node } from '../syntax/node';
import type { SourceFile } from '../syntax/sourceFile';
import { isSource } from './insertedHelpers';
import { children } from './pySyntax';
import { identifiersNamed, wordsOf } from '../python/wordFinder';

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
  if (after === undefined) {
    const header = commentHeader(file);
    if (header.closedByBlankLine) return { offset: file.lines.lineStart(header.lines), text: `${eol}${eol}${body}` };
    return { offset: file.lines.lineStart(header.pinnedLines), text: `${body}${eol}${eol}` };
  }
  const lineEnd = file.lines.lineStart(file.positionAt(after).line + 1);
  const atEnd = lineEnd >= file.text.length && !/[\r\n]$/.test(file.text);
  return { offset: atEnd ? file.text.length : lineEnd, text: `${atEnd ? eol : ''}${eol}${eol}${body}` };
}

/**
 * The comment block a module opens with. A helper goes below it when a blank
 * line closes it (a licence, a description); otherwise the block belongs to
 * the code after it, and only the lines Python reads as a shebang or an
 * encoding declaration, which must stay on the first two lines, stay above.
 */
function commentHeader(file: SourceFile): { lines: number; closedByBlankLine: boolean; pinnedLines: number } {
  const lineText = (line: number): string => file.lines.lineText(line).trim();
  let lines = 0;
  while (lines < file.lines.lineCount && lineText(lines).startsWith('#')) lines++;
  const closedByBlankLine = lines > 0 && lines < file.lines.lineCount && lineText(lines) === '';
  const pinned = (n: number): boolean => (n === 0 && lineText(n).startsWith('#!')) || /^#.*coding[:=]/.test(lineText(n));
  let pinnedLines = 0;
  while (pinnedLines < Math.min(lines, 2) && pinned(pinnedLines)) pinnedLines++;
  return { lines, closedByBlankLine, pinnedLines };
}

/**
 * Removes a helper the refactor inserted (exactly as inserted) once nothing
 * uses it: the definition and the blank lines that separated it, so that
 * inserting and removing a helper gives back the module's text.
 */
export function helperRemoval(file: SourceFile, name: string, source: string, uses: number): { start: number; end: number; text: string } | undefined {
  if (uses > 0) return undefined;
  const def = file.functions.all.find((f) => f.name === name && isSource(file.textOf(f.node), source));
  if (!def) return undefined;
  const defLine = file.positionAt(def.node.startIndex).line;
  const lineText = (line: number): string => file.lines.lineText(line).trimEnd();
  const inRegion = defLine > 0 && lineText(defLine - 1) === HELPER_REGION;
  const firstLine = inRegion ? defLine - 1 : defLine;
  const lastLine = file.positionAt(def.node.endIndex).line + (inRegion && lineText(file.positionAt(def.node.endIndex).line + 1) === END_REGION ? 1 : 0);
  // Inserted after imports or a header, the helper brought the blank lines above it; otherwise those below it.
  let above = firstLine;
  while (above > 0 && lineText(above - 1) === '') above--;
  if (above < firstLine) return { start: file.lines.lineStart(above), end: file.lines.lineStart(lastLine + 1), text: '' };
  let below = lastLine + 1;
  while (below < file.lines.lineCount && lineText(below) === '') below++;
  return { start: file.lines.lineStart(firstLine), end: file.lines.lineStart(below), text: '' };
}

/** References to `name` (by the name Python reads) other than its own definition's name: found where the text spells it, not among every identifier of the module. */
export function usesOf(file: SourceFile, name: string): Node[] {
  return identifiersNamed(file.root, wordsOf(file), name).filter((i) => !(i.parent?.type === 'function_definition' && i.parent.childForFieldName('name')?.id === i.id));
}
