// Rewriting a call's argument list (and a definition's parameter list): adding a continuation, or taking it off.
import type { Node } from '../syntax/node';
import { children, field, present } from './pySyntax';

/** Renders `call` with `extra` appended to its arguments (as `keyword=extra` after keyword arguments). */
export function callWithArgument(call: Node, extra: string, keyword: string, text: (n: Node) => string): string {
  return callWithArguments(call, [{ keyword, value: extra }], false, text);
}

/** An argument a refactor adds: its value, and the keyword it is passed by where a position cannot be used. */
export interface AddedArgument {
  readonly keyword: string;
  readonly value: string;
}

/**
 * Renders `call` with `extras` appended to its arguments, by keyword after
 * keyword arguments, or always (`byKeyword`) when the parameters are keyword-only.
 * The arguments it has stay as written (over several lines, with a trailing comma).
 */
export function callWithArguments(call: Node, extras: readonly AddedArgument[], byKeyword: boolean, text: (n: Node) => string): string {
  const callee = field(call, 'function');
  const args = call.childForFieldName('arguments');
  const list = args?.type === 'generator_expression' ? [] : args ? children(args).filter((a) => a.type !== 'comment') : [];
  const named = byKeyword || list.some((a) => a.type === 'keyword_argument' || a.type === 'dictionary_splat');
  const added = extras.map((e) => (named ? `${e.keyword}=${e.value}` : e.value)).join(', ');
  // Right after the last argument, before what follows it (a trailing comma, a comment, the line break before `)`).
  const last = list.at(-1);
  if (args?.type === 'argument_list' && last) {
    const written = text(args);
    const lastWritten = text(last);
    const at = written.lastIndexOf(lastWritten);
    if (at >= 0) return `${text(callee)}${written.slice(0, at + lastWritten.length)}, ${added}${written.slice(at + lastWritten.length)}`;
  }
  if (args?.type === 'argument_list' && !last) return `${text(callee)}(${added})`;
  // A sole generator expression is written with the call's parentheses, which it keeps as its own.
  const given = args?.type === 'generator_expression' ? [text(args)] : list.map(text);
  return `${text(callee)}(${[...given, added].join(', ')})`;
}

/** The arguments of `call` except the last one, and that last one. */
export function splitLastArgument(call: Node): { rest: Node[]; last: Node | undefined } {
  const args = call.childForFieldName('arguments');
  const list = args && args.type === 'argument_list' ? children(args).filter((a) => a.type !== 'comment') : [];
  return { rest: list.slice(0, -1), last: list.at(-1) };
}

/** Renders `call` without its last argument. */
export function callWithoutLastArgument(call: Node, text: (n: Node) => string): string {
  const callee = field(call, 'function');
  return `${text(callee)}(${splitLastArgument(call).rest.map(text).join(', ')})`;
}

/** The name a call is known by: `f` for `f(...)`, `m` for `obj.m(...)`. */
export function calleeName(call: Node): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') return callee.text;
  if (callee?.type === 'attribute') return callee.childForFieldName('attribute')?.text;
  return undefined;
}

/** Renders `call` without the arguments `drop` (its continuations), the others as written, with what separates them. */
export function callWithoutArguments(call: Node, drop: readonly (Node | undefined)[], text: (n: Node) => string): string {
  const callee = field(call, 'function');
  const args = call.childForFieldName('arguments');
  const gone = new Set(drop.flatMap((d) => (d ? [d.id] : [])));
  if (args?.type !== 'argument_list') return `${text(callee)}()`;
  // Left alone, a generator expression is written as the sole argument it was (`total(x for x in xs)`): its brackets are the call's.
  const kept = children(args).filter((a) => !gone.has(a.id));
  if (kept.length === 1 && kept[0]?.type === 'generator_expression') return text(callee) + text(kept[0]);
  return text(callee) + listWithout(args, (a) => gone.has(a.id), text);
}

/**
 * A parenthesized list (`(a, b, k)`: arguments or parameters) without the
 * items `goes` picks, the others rendered by `text` with what separated them
 * as written: line breaks, comments, a trailing comma.
 */
export function listWithout(list: Node, goes: (item: Node) => boolean, text: (n: Node) => string): string {
  const items = children(list).filter((c) => c.type !== 'comment');
  const kept = items.filter((i) => !goes(i));
  const last = items.at(-1);
  if (!last || kept.length === 0) return '()';
  const between = (start: number, end: number): string => list.text.slice(start - list.startIndex, end - list.startIndex);
  const pieces = kept.map((item) => {
    const next = items[items.indexOf(item) + 1];
    // After the last one kept: what followed the list's last item (a trailing comma, the line break before `)`).
    return text(item) + (item === kept.at(-1) ? between(last.endIndex, list.endIndex - 1) : between(item.endIndex, next ? next.startIndex : list.endIndex - 1));
  });
  return `${between(list.startIndex, present(items[0], 'items').startIndex)}${pieces.join('')})`;
}
