// Coming down to direct style, `square_result = square(a)` followed by a
// statement that uses `square_result` once reads better as the call itself —
// and gives back the nested calls the CPS rung took apart. Only the result
// names that rung makes (`<callee>_result`, `<callee>_result2`, ...) are
// folded, and only where no other call would then run in a different order.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../syntax/sourceFile';
import { sitesIn } from './cpsTransform';
import { children } from './pySyntax';

const SITES_AND_NAMES: ReadonlySet<string> = new Set(['call', 'yield', 'identifier']);
const GENERATED = /^[A-Za-z_][A-Za-z_0-9]*_result\d*$/;

/** `defText` (a function definition starting at `indent`) with generated result names folded back into their single use. */
export function inlineResults(file: SourceFile, defText: string, indent: string, eol: string): string {
  // No generated name, nothing to fold: the function need not be parsed.
  if (!defText.includes('_result')) return defText;
  const prefix = indent ? `class _:${eol}${indent}` : '';
  let text = prefix + defText;
  for (;;) {
    const parsed = file.reparse(text);
    try {
      const edit = firstFold(parsed);
      if (!edit) return text.slice(prefix.length);
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    } finally {
      parsed.dispose();
    }
  }
}

/** The last foldable `name = call` in the function (last first, so chains fold from the inside out). */
function firstFold(file: SourceFile): { start: number; end: number; text: string } | undefined {
  const top = file.root.descendantsOfType('function_definition')[0];
  if (!top) return undefined;
  const statements = top.descendantsOfType('expression_statement').filter((s): s is Node => s !== null).reverse();
  const identifiers = top.descendantsOfType('identifier').filter((i): i is Node => i !== null);
  for (const stmt of statements) {
    const assignment = stmt.firstNamedChild;
    const name = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
    const value = assignment?.childForFieldName('right');
    if (!name || name.type !== 'identifier' || !GENERATED.test(name.text) || value?.type !== 'call') continue;
    const next = nextStatement(stmt);
    const uses = identifiers.filter((i) => i.text === name.text && i.id !== name.id);
    const [use] = uses;
    const head = next ? headOf(next) : undefined;
    if (!next || !head || uses.length !== 1 || !use || use.startIndex < head.startIndex || use.endIndex > head.endIndex || !evaluatedOnce(use, head)) continue;
    // Nothing that runs before the use in the next statement may be a call (it would now run after this one).
    const order = sitesIn(next, SITES_AND_NAMES, (n) => n.type === 'call' || n.type === 'yield' || n.id === use.id);
    const before = order.slice(0, order.findIndex((n) => n.id === use.id));
    if (before.some((c) => !(c.startIndex <= use.startIndex && use.endIndex <= c.endIndex))) continue;
    // Drop the assignment's line; put the call where its result was used.
    const from = file.lines.lineStart(file.positionAt(stmt.startIndex).line);
    const nextLine = file.lines.lineStart(file.positionAt(next.startIndex).line);
    if (file.positionAt(stmt.endIndex).line + 1 !== file.positionAt(next.startIndex).line) continue;
    return { start: from, end: use.endIndex, text: file.text.slice(nextLine, use.startIndex) + file.textOf(value) };
  }
  return undefined;
}

/** The part of a statement that runs exactly once, first: all of a simple statement, an `if` condition, a `for` iterable. */
function headOf(stmt: Node): Node | undefined {
  if (stmt.type === 'if_statement') return stmt.childForFieldName('condition') ?? undefined;
  if (stmt.type === 'for_statement') return stmt.childForFieldName('right') ?? undefined;
  return stmt.type.endsWith('_statement') && !['while_statement', 'with_statement', 'try_statement', 'match_statement'].includes(stmt.type) ? stmt : undefined;
}

/** Not deferred (lambda, comprehension) or conditional (`and`/`or`, `x if c else y`) on the way up to `head`. */
function evaluatedOnce(use: Node, head: Node): boolean {
  for (let n = use.parent; n && n.id !== head.id; n = n.parent) {
    if (['lambda', 'boolean_operator', 'conditional_expression', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression'].includes(n.type)) return false;
  }
  return true;
}

function nextStatement(stmt: Node): Node | undefined {
  const siblings = stmt.parent ? children(stmt.parent) : [];
  const index = siblings.findIndex((s) => s.id === stmt.id);
  const next = siblings[index + 1];
  return next && next.type !== 'comment' ? next : undefined;
}
