// The imports a conversion leaves unused or newly needs.
import type { Node } from '../syntax/node';
import type { SourceFile, TextChange } from '../syntax/sourceFile';
import { ModuleNames, type Binding } from '../python/imports';
import { firstIdentifierNamed, wordsOf } from '../python/wordFinder';

/**
 * Which of `names` have a use outside import statements (attribute names and
 * keyword names are not uses). Each search stops at the first use: a step's
 * output is asked about every import of the module, and most are used near
 * the top.
 */
function usedNames(file: SourceFile, names: readonly string[]): Set<string> {
  const root = file.root;
  const imports = root.namedChildren
    .filter((n): n is Node => n?.type === 'import_statement' || n?.type === 'import_from_statement')
    .map((n) => [n.startIndex, n.endIndex] as const);
  const words = wordsOf(file);
  const isUse = (node: Node): boolean => {
    const at = node.startIndex;
    return !namesAMember(node) && !imports.some(([start, end]) => start <= at && at < end);
  };
  return new Set([...new Set(names)].filter((name) => firstIdentifierNamed(root, words, name, isUse) !== undefined));
}

/** `x.name` and `f(name=…)`: a name that is not a use of a variable. */
function namesAMember(identifier: Node): boolean {
  const parent = identifier.parent;
  const field = parent?.type === 'attribute' ? 'attribute' : parent?.type === 'keyword_argument' ? 'name' : undefined;
  return field !== undefined && parent?.childForFieldName(field)?.id === identifier.id;
}

/**
 * Edits against `after` that drop the module-level imports the conversion
 * left unused (used in `before`, unused in `after`) and add `needed` ones.
 */
export function importEdits(before: SourceFile, after: SourceFile, needed: ReadonlySet<string>): TextChange[] {
  const names = new ModuleNames(after);
  const locals = names.all.map((b) => b.local);
  const usedBefore = usedNames(before, locals);
  const usedAfter = usedNames(after, locals);
  const unused = names.all.filter((b) => usedBefore.has(b.local) && !usedAfter.has(b.local));
  const edits: TextChange[] = [];
  const byStatement = new Map<Node, Binding[]>();
  for (const b of unused) {
    const list = byStatement.get(b.statement) ?? [];
    list.push(b);
    byStatement.set(b.statement, list);
  }
  for (const [statement, dropped] of byStatement) {
    const items = [
      ...statement.childrenForFieldName('name'),
    ].filter((n): n is Node => n !== null);
    if (dropped.length === items.length) {
      const whole = wholeLines(after, statement);
      if (whole) edits.push(whole);
      continue;
    }
    for (const b of dropped) edits.push(itemRemoval(b.item));
  }
  const eol = after.lines.eol;
  if (needed.size > 0) {
    const at = importInsertionOffset(after);
    // At the end of a file without a final line break, the import needs one before it.
    const lead = at === after.text.length && at > 0 && !/[\r\n]$/.test(after.text) ? eol : '';
    edits.push({ start: at, end: at, newText: lead + [...needed].map((s) => s + eol).join('') });
  }
  return edits.sort((a, b) => a.start - b.start);
}

/** The statement's lines, when it has them to itself; undefined otherwise. */
function wholeLines(file: SourceFile, statement: Node): TextChange | undefined {
  const first = file.positionAt(statement.startIndex).line;
  const last = file.positionAt(statement.endIndex).line;
  const start = file.lines.lineStart(first);
  const end = file.lines.lineEnd(last);
  if (file.text.slice(start, statement.startIndex).trim() !== '') return undefined;
  if (file.text.slice(statement.endIndex, end).trim() !== '') return undefined;
  return { start, end: file.lines.lineStart(last + 1), newText: '' };
}

/** Removes one name from `import a, b` / `from m import (a, b)` with its comma. */
function itemRemoval(item: Node): TextChange {
  const next = item.nextSibling;
  if (next?.type === ',') {
    const after = next.nextSibling;
    return { start: item.startIndex, end: after ? after.startIndex : next.endIndex, newText: '' };
  }
  const previous = item.previousSibling;
  if (previous?.type === ',') return { start: previous.startIndex, end: item.endIndex, newText: '' };
  return { start: item.startIndex, end: item.endIndex, newText: '' };
}

/** Just after the last module-level import, or after the docstring, or at the top. */
function importInsertionOffset(file: SourceFile): number {
  let anchor: Node | undefined;
  for (const statement of file.root.namedChildren) {
    if (!statement) continue;
    if (statement.type === 'import_statement' || statement.type === 'import_from_statement' || statement.type === 'future_import_statement') {
      anchor = statement;
    } else if (!anchor && statement.type === 'expression_statement' && statement.firstNamedChild?.type === 'string' && statement.id === file.root.firstNamedChild?.id) {
      anchor = statement;
    } else if (statement.type !== 'comment') {
      break;
    }
  }
  if (!anchor) {
    // Keep a shebang or coding line first.
    let line = 0;
    while (line < 2 && /^#(!|.*coding[:=])/.test(file.lines.lineText(line))) line++;
    return file.lines.lineStart(line);
  }
  return file.lines.lineStart(file.positionAt(anchor.endIndex).line + 1);
}
