// Coming down to direct style, `square_result = square(a)` followed by a
// statement that uses `square_result` once reads better as the call itself —
// and gives back the nested calls the CPS rung took apart. Only the result
// names that rung makes (`<callee>_result`, `<callee>_result2`, ...) are
// folded, and only where no other call would then run in a different order.
import type { Node } from '../syntax/node';
import type { SourceFile } from '../syntax/sourceFile';
import { sitesIn } from './cpsTransform';
import { children, identifiersByName } from './pySyntax';

const SITES_AND_NAMES: ReadonlySet<string> = new Set(['call', 'yield', 'identifier']);
const GENERATED = /^[A-Za-z_][A-Za-z_0-9]*_result\d*$/;

/** `defText` (a function definition starting at `indent`) with generated result names folded back into their single use. */
export function inlineResults(file: SourceFile, defText: string, indent: string, eol: string): string {
  const prefix = indent ? `class _:${eol}${indent}` : '';
  let text = prefix + defText;
  // No generated name (left), nothing to fold: the function need not be parsed (again).
  while (text.includes('_result')) {
    const parsed = file.reparse(text);
    try {
      const folded = foldRound(parsed);
      if (folded === undefined) break;
      text = folded;
    } finally {
      parsed.dispose();
    }
  }
  return text.slice(prefix.length);
}

/** `name = call` dropped, `call` put where `name` was used in `next`. */
interface Fold {
  readonly stmt: Node;
  readonly next: Node;
  readonly value: Node;
  readonly use: Node;
}

/**
 * The text after the folds one parse shows: the last foldable `name = call`
 * first (so chains fold from the inside out), then, on the same parse, each
 * earlier one that stands apart from those taken, or that is the next link of
 * a chain (it folds into the call of one taken). At the first that touches a
 * fold taken otherwise the round stops: whether it folds is for a parse of the
 * folded text to say. Undefined when nothing folds.
 */
function foldRound(file: SourceFile): string | undefined {
  const top = file.root.descendantsOfType('function_definition')[0];
  if (!top) return undefined;
  const statements = top.descendantsOfType('expression_statement').filter((s): s is Node => s !== null).reverse();
  const named = identifiersByName(top);
  const folds: Fold[] = [];
  for (const stmt of statements) {
    const assignment = stmt.firstNamedChild;
    const name = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
    const value = assignment?.childForFieldName('right');
    if (!name || name.type !== 'identifier' || !GENERATED.test(name.text) || value?.type !== 'call') continue;
    const next = nextStatement(stmt);
    const fold = next ? foldOf(file, stmt, next, value, (named.get(name.text) ?? []).filter((i) => i.id !== name.id)) : undefined;
    const end = (next ?? stmt).endIndex;
    const touched = folds.filter((f) => stmt.startIndex < f.next.endIndex && f.stmt.startIndex < end);
    const [link] = touched;
    if (link && !(fold && touched.length === 1 && link.stmt.id === next?.id && contains(link.value, fold.use))) break;
    if (fold) folds.push(fold);
  }
  if (folds.length === 0) return undefined;
  // Each fold drops its statement's lines and puts its call, with the folds inside it, where its result was used.
  const edits = [
    ...folds.map((f) => ({ start: lineStartOf(file, f.stmt), end: lineStartOf(file, f.next), value: undefined })),
    ...folds.map((f) => ({ start: f.use.startIndex, end: f.use.endIndex, value: f.value })),
  ].sort((a, b) => a.start - b.start);
  const render = (start: number, end: number): string => {
    let out = '';
    let at = start;
    for (const e of edits) {
      if (e.start < at || e.end > end) continue;
      out += file.text.slice(at, e.start) + (e.value ? render(e.value.startIndex, e.value.endIndex) : '');
      at = e.end;
    }
    return out + file.text.slice(at, end);
  };
  return render(0, file.text.length);
}

/** The fold of `stmt` into `next` when its call can take the place of its result's one use (`uses`) there. */
function foldOf(file: SourceFile, stmt: Node, next: Node, value: Node, uses: readonly Node[]): Fold | undefined {
  const [use] = uses;
  const head = headOf(next);
  if (!head || uses.length !== 1 || !use || use.startIndex < head.startIndex || use.endIndex > head.endIndex || !evaluatedOnce(use, head)) return undefined;
  // Nothing that runs before the use in the next statement may be a call (it would now run after this one).
  const order = sitesIn(next, SITES_AND_NAMES, (n) => n.type === 'call' || n.type === 'yield' || n.id === use.id);
  const before = order.slice(0, order.findIndex((n) => n.id === use.id));
  if (before.some((c) => !contains(c, use))) return undefined;
  if (file.positionAt(stmt.endIndex).line + 1 !== file.positionAt(next.startIndex).line) return undefined;
  return { stmt, next, value, use };
}

function lineStartOf(file: SourceFile, node: Node): number {
  return file.lines.lineStart(file.positionAt(node.startIndex).line);
}

function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
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
