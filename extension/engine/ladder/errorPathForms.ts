// The forms direct → CPS writes for error continuations, recognised on the way
// back down so a `try` around a call comes back as a `try` (and a function
// that hands on its errors comes back as plain code):
// - a function with its own code guarded: `try: ... result = E / except
//   BaseException as error: if on_error is None: raise / failure = error /
//   else: return cont(result)` then `return on_error(failure)` (the code in a
//   local `def f_body():` when it returns from several places);
// - a function that hands its error continuation on: `def f_body(cont,
//   on_error): ...` run by `return guard_errors(f_body, cont, on_error)`;
// - a caller's `try` re-run by the continuation `def after_f(v, error=None):
//   try: if error is not None: raise error ...`, passed with
//   `lambda error: after_f(None, error)` as the error continuation;
// and one without an error continuation: a function that returns from inside
// a `try` runs its code in `def f_body():` and hands on `cont(f_body())`.
import type { Node } from '../syntax/node';
import { ERROR_GUARD_NAME } from './errorGuardSource';
import type { SourceFile } from '../syntax/sourceFile';
import { bodyStatements, children, identifiers, parameterNames, statementsOf } from './pySyntax';

function code(stmts: readonly Node[]): Node[] {
  return stmts.filter((s) => s.type !== 'comment');
}

function expressionOf(stmt: Node | undefined): Node | undefined {
  return stmt?.type === 'expression_statement' ? (stmt.firstNamedChild ?? undefined) : undefined;
}

function callOf(node: Node | null | undefined): { callee: string; args: string[] } | undefined {
  if (node?.type !== 'call') return undefined;
  const list = node.childForFieldName('arguments');
  return { callee: node.childForFieldName('function')?.text ?? '', args: list ? children(list).filter((a) => a.type !== 'comment').map((a) => a.text) : [] };
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** `def f_body(cont, on_error): BODY` + `return guard_errors(f_body, cont, on_error)`: BODY. */
export function handedOnBody(stmts: readonly Node[], cont: string, errorCont: string): Node[] | undefined {
  const [def, ret] = code(stmts);
  if (code(stmts).length !== 2 || def?.type !== 'function_definition' || ret?.type !== 'return_statement') return undefined;
  const name = def.childForFieldName('name')?.text ?? '';
  const guard = callOf(ret.firstNamedChild);
  if (!same(parameterNames(def), [cont, errorCont]) || guard?.callee !== ERROR_GUARD_NAME || !same(guard.args, [name, cont, errorCont])) return undefined;
  return statementsOf(def.childForFieldName('body')).filter((s) => s.type !== 'nonlocal_statement');
}

/** `def f_body(): BODY` + `return cont(f_body())` (after a docstring): the statements before the def, then BODY. */
export function directCoreBody(file: SourceFile, stmts: readonly Node[], cont: string): Node[] | undefined {
  const all = code(stmts);
  const [def, ret] = all.slice(-2);
  const docstring = all.length === 3 && expressionOf(all[0])?.type === 'string';
  if ((all.length !== 2 && !docstring) || def?.type !== 'function_definition' || ret?.type !== 'return_statement') return undefined;
  const name = def.childForFieldName('name')?.text ?? '';
  const delivered = callOf(ret.firstNamedChild);
  // Its code must not reach the continuation or itself: inlined, neither would be there.
  const mentioned = identifiers(def.childForFieldName('body') ?? def);
  if (parameterNames(def).length !== 0 || delivered?.callee !== cont || !same(delivered.args, [`${name}()`]) || mentioned.has(cont) || mentioned.has(name)) return undefined;
  return [...stmts.slice(0, stmts.indexOf(def)), ...bodyStatements(file, def, def.childForFieldName('body')).filter((s) => s.type !== 'nonlocal_statement')];
}

/** A function's own code guarded for its error continuation: the direct code, and the expression it returns last (when it is not in the code). */
export interface GuardedCode {
  readonly code: readonly Node[];
  readonly returned: Node | undefined;
}

export function guardedCode(stmts: readonly Node[], cont: string, errorCont: string): GuardedCode | undefined {
  const all = code(stmts);
  const [attempt, last] = all.slice(-2);
  const failed = last?.type === 'return_statement' ? callOf(last.firstNamedChild) : undefined;
  if (attempt?.type !== 'try_statement' || failed?.callee !== errorCont || failed.args.length !== 1) return undefined;
  const failure = failed.args[0] ?? '';
  const clauses = children(attempt).filter((c) => c.type === 'except_clause' || c.type === 'else_clause' || c.type === 'finally_clause');
  const [handler, otherwise] = clauses;
  if (clauses.length !== 2 || handler?.type !== 'except_clause' || otherwise?.type !== 'else_clause') return undefined;
  const caught = /^except\s+BaseException\s+as\s+(\w+)\s*:/.exec(handler.text)?.[1];
  const handled = code(statementsOf(handler.namedChildren.find((b) => b?.type === 'block') ?? null));
  const reraise = handled[0];
  if (!caught || handled.length !== 2 || reraise?.type !== 'if_statement' || reraise.childForFieldName('condition')?.text !== `${errorCont} is None` || code(statementsOf(reraise.childForFieldName('consequence'))).map((s) => s.text).join() !== 'raise') return undefined;
  if (expressionOf(handled[1])?.text.replace(/\s+/g, '') !== `${failure}=${caught}`) return undefined;
  const delivered = code(statementsOf(otherwise.childForFieldName('body')));
  const success = delivered[0]?.type === 'return_statement' ? callOf(delivered[0].firstNamedChild) : undefined;
  if (delivered.length !== 1 || success?.callee !== cont || success.args.length !== 1) return undefined;
  const result = success.args[0] ?? '';
  const body = code(statementsOf(attempt.childForFieldName('body')));
  const assign = expressionOf(body.at(-1));
  if (assign?.type !== 'assignment' || assign.childForFieldName('left')?.text !== result) return undefined;
  const value = assign.childForFieldName('right') ?? undefined;
  const before = [...all.slice(0, -2), ...body.slice(0, -1)];
  // `def f_body(): ...` then `result = f_body()`: the code is that function's body.
  const core = callOf(value);
  const def = before.at(-1);
  if (core && core.args.length === 0 && body.length === 1 && def?.type === 'function_definition' && def.childForFieldName('name')?.text === core.callee) {
    return { code: [...before.slice(0, -1), ...statementsOf(def.childForFieldName('body')).filter((s) => s.type !== 'nonlocal_statement')], returned: undefined };
  }
  return { code: before, returned: value?.text === 'None' ? undefined : value };
}

/** A caller's `try` re-run with a call's outcome: the `try`, the statement that raises the error, and the name the value is bound to. */
export interface RerunTry {
  readonly attempt: Node;
  readonly raising: Node;
  readonly value: string;
  /** The statements after the `try` in the continuation. */
  readonly rest: readonly Node[];
}

/** `def after_f(v, error=None): try: if error is not None: raise error ...` passed as `after_f` with `lambda error: after_f(None, error)`. */
export function rerunTry(def: Node, handler: Node): RerunTry | undefined {
  const params = def.childForFieldName('parameters');
  const list = params ? children(params).filter((p) => p.type !== 'comment') : [];
  const [value, error] = list;
  const errorName = error?.type === 'default_parameter' && error.childForFieldName('value')?.text === 'None' ? error.childForFieldName('name')?.text : undefined;
  if (list.length !== 2 || value?.type !== 'identifier' || !errorName) return undefined;
  const lambdaParams = handler.type === 'lambda' ? handler.childForFieldName('parameters') : null;
  const forwarded = callOf(handler.childForFieldName('body'));
  const name = def.childForFieldName('name')?.text ?? '';
  if (lambdaParams?.text !== errorName || forwarded?.callee !== name || !same(forwarded.args, ['None', errorName])) return undefined;
  // The \`nonlocal\` lines a continuation needed go, as every continuation's do on the way down.
  const [attempt, ...rest] = code(statementsOf(def.childForFieldName('body'))).filter((s) => s.type !== 'nonlocal_statement');
  const raising = attempt?.type === 'try_statement' ? code(statementsOf(attempt.childForFieldName('body')))[0] : undefined;
  const raised = raising?.type === 'if_statement' ? code(statementsOf(raising.childForFieldName('consequence'))) : [];
  if (!attempt || !raising || raising.childForFieldName('condition')?.text !== `${errorName} is not None` || raised.length !== 1 || raised[0]?.text !== `raise ${errorName}`) return undefined;
  return { attempt, raising, value: value.text, rest };
}
