// `yield from X` ↔ `await X` with the parentheses each side needs. `await`
// binds like a primary (tighter than any operator), `yield` looser than
// anything, so the operand and the surrounding expression are checked both ways.
// Edits touch only the keywords and parentheses, never the operand's own
// text, so rewrites inside the operand (a nested yield, a call site) compose.
import type { Node } from '../syntax/node';
import type { EditBuilder } from '../syntax/editBuilder';
import type { SourceFile } from '../syntax/sourceFile';
import { operandOf } from '../python/scopes';

/** Node types that are primaries: `await X` takes them without parentheses. */
export const PRIMARY_TYPES: ReadonlySet<string> = new Set([
  'identifier',
  'attribute',
  'call',
  'subscript',
  'parenthesized_expression',
  'list',
  'tuple',
  'dictionary',
  'set',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
  'string',
  'concatenated_string',
  'integer',
  'float',
  'true',
  'false',
  'none',
  'ellipsis',
]);

export interface AwaitShape {
  /** Await `<wrap>(operand)` instead of the operand, e.g. `gen.multi`. */
  readonly wrap?: string;
  /** Await `<prefix>operand)` instead of the operand, e.g. `maybeDeferred(lambda: `. */
  readonly prefix?: string;
  /** Await this expression instead of the whole yield (for `yield gen.moment`). */
  readonly instead?: string;
}

/**
 * Rewrites the `yield`/`yield from` node `y` as an await. Parentheses that
 * only existed for the yield are dropped where the await stands alone.
 */
export function yieldToAwait(file: SourceFile, edits: EditBuilder, y: Node, shape: AwaitShape = {}): void {
  const operand = operandOf(y);
  const { instead } = shape;
  const open = shape.prefix ?? (shape.wrap === undefined ? undefined : `${shape.wrap}(`);
  if (instead !== undefined || !operand) {
    if (instead === undefined) throw new Error('a bare yield needs something to await instead');
    edits.replaceNode(y, `await ${instead}`);
  } else {
    // Only the keywords change, so a line break between them and the operand stays.
    const keywords = [...y.children].filter((c) => c?.type === 'yield' || c?.type === 'from');
    const end = keywords[keywords.length - 1]?.endIndex ?? operand.startIndex;
    edits.replace(y.startIndex, end, 'await');
    if (open !== undefined) edits.insert(operand.startIndex, open).insert(operand.endIndex, ')');
    else if (!PRIMARY_TYPES.has(operand.type)) edits.insert(operand.startIndex, '(').insert(operand.endIndex, ')');
  }
  dropRedundantParens(file, edits, y);
}

/** `with (yield from lock):` → `async with lock:` (asyncio's lock idiom). */
export function lockIdiomToAsyncWith(edits: EditBuilder, withStatement: Node, parens: Node, y: Node): void {
  const operand = operandOf(y);
  if (!operand) throw new Error('lock idiom without an operand');
  edits.insert(withStatement.startIndex, 'async ');
  edits.delete(parens.startIndex, operand.startIndex).delete(operand.endIndex, parens.endIndex);
}

/** `await X` → `yield from X`, parenthesised unless it stands alone as a statement or right-hand side. */
export function awaitToYieldFrom(edits: EditBuilder, a: Node): void {
  const operand = operandOf(a);
  if (!operand) throw new Error('await without an operand');
  const parent = a.parent;
  const standsAlone =
    parent?.type === 'parenthesized_expression' ||
    parent?.type === 'expression_statement' ||
    ((parent?.type === 'assignment' || parent?.type === 'augmented_assignment') &&
      parent.childForFieldName('right')?.id === a.id);
  if (standsAlone) {
    edits.replace(a.startIndex, operand.startIndex, 'yield from ');
  } else {
    edits.replace(a.startIndex, operand.startIndex, '(yield from ').insert(a.endIndex, ')');
  }
}

/**
 * `(yield from x)` needed its parentheses; `(await x)` needs them only before
 * a trailer (`(await r.read()).decode()`) or where they carry a line break.
 */
function dropRedundantParens(file: SourceFile, edits: EditBuilder, y: Node): void {
  const parens = y.parent;
  if (parens?.type !== 'parenthesized_expression' || parens.namedChildCount !== 1) return;
  const outer = parens.parent;
  const field = (name: string): boolean => outer?.childForFieldName(name)?.id === parens.id;
  if (outer?.type === 'attribute' && field('object')) return;
  if (outer?.type === 'call' && field('function')) return;
  if (outer?.type === 'subscript' && field('value')) return;
  if (outer?.type === 'with_item') return;
  // Only plain parentheses: any space or comment inside stays as written.
  if (y.startIndex !== parens.startIndex + 1 || y.endIndex !== parens.endIndex - 1) return;
  if (!lineBreaksAreBracketed(file, y)) return;
  edits.delete(parens.startIndex, y.startIndex).delete(y.endIndex, parens.endIndex);
}

/** Brackets that let an expression continue on the next line. */
const BRACKETED = new Set([
  'argument_list',
  'list',
  'dictionary',
  'set',
  'tuple',
  'parenthesized_expression',
  'generator_expression',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'string',
  'subscript',
]);

/** Whether every line break inside `node` sits inside brackets of its own (so outer parentheses can go). */
function lineBreaksAreBracketed(file: SourceFile, node: Node): boolean {
  const text = file.textOf(node);
  for (let i = text.search(/[\r\n]/); i !== -1; i = nextBreak(text, i + 1)) {
    const offset = node.startIndex + i;
    let inside = node.descendantForIndex(offset, offset);
    let bracketed = false;
    while (inside && inside.id !== node.id && !bracketed) {
      bracketed = BRACKETED.has(inside.type) && inside.startIndex < offset && offset < inside.endIndex;
      inside = inside.parent;
    }
    if (!bracketed) return false;
  }
  return true;
}

function nextBreak(text: string, from: number): number {
  const rest = text.slice(from).search(/[\r\n]/);
  return rest === -1 ? -1 : from + rest;
}
