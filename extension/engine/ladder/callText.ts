// Rewriting a call's argument list: adding a continuation, or taking it off.
import type { Node } from '../syntax/node';
import { children, field } from './pySyntax';

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
 */
export function callWithArguments(call: Node, extras: readonly AddedArgument[], byKeyword: boolean, text: (n: Node) => string): string {
  const callee = field(call, 'function');
  const args = call.childForFieldName('arguments');
  const list = args?.type === 'generator_expression' ? [] : args ? children(args).filter((a) => a.type !== 'comment') : [];
  const named = byKeyword || list.some((a) => a.type === 'keyword_argument' || a.type === 'dictionary_splat');
  const given = args?.type === 'generator_expression' ? [`(${text(args)})`] : list.map(text);
  const parts = [...given, ...extras.map((e) => (named ? `${e.keyword}=${e.value}` : e.value))];
  return `${text(callee)}(${parts.join(', ')})`;
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

/** Renders `call` without the arguments `drop` (its continuations). */
export function callWithoutArguments(call: Node, drop: readonly (Node | undefined)[], text: (n: Node) => string): string {
  const callee = field(call, 'function');
  const args = call.childForFieldName('arguments');
  const list = args && args.type === 'argument_list' ? children(args).filter((a) => a.type !== 'comment') : [];
  const gone = new Set(drop.flatMap((d) => (d ? [d.id] : [])));
  return `${text(callee)}(${list.filter((a) => !gone.has(a.id)).map(text).join(', ')})`;
}
