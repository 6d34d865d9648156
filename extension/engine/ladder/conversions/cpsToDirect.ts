// Down from CPS to direct style (`--to direct`): every path of the function
// must end by calling its continuation exactly once, directly or by passing it
// on; the value it is called with becomes the return value. Callers that stay
// in CPS keep working: `f(x, k)` becomes `k(f(x))`, written out when simple.
// A second, error continuation (`errback`, `on_error`) works as the generator
// rung has it: calling it raises, and a handler passed for it becomes a
// `try`/`except` around the call (a caller that stays passes it only as a
// statement of its own, which becomes `try`/`except`/`else`).
//
// Before:
// ```python
// def square(x, cont):
//     return cont(x * x)
//
//
// def sum_of_squares(a, b, cont):
//     return square(a, lambda square_result: square(b, lambda square_result2: cont(square_result + square_result2)))
//
//
// def parse(text, cont, errback):
//     if not text.isdigit():
//         return errback(ValueError(text))
//     return cont(int(text))
//
//
// def read_number(text, cont):
//     return parse(text, cont, lambda error: cont(0))
//
//
// sum_of_squares(3, 4, lambda sum_of_squares_result: print(sum_of_squares_result))
// read_number("x", print)
// parse("12", print, lambda error: print("not a number:", error))
// ```
// After:
// ```python
// def square(x):
//     return x * x
//
//
// def sum_of_squares(a, b):
//     return square(a) + square(b)
//
//
// def parse(text):
//     if not text.isdigit():
//         raise ValueError(text)
//     return int(text)
//
//
// def read_number(text):
//     try:
//         return parse(text)
//     except Exception as error:
//         return 0
//
//
// print(sum_of_squares(3, 4))
// print(read_number("x"))
// try:
//     parse_result = parse("12")
// except Exception as error:
//     print("not a number:", error)
// else:
//     print(parse_result)
// ```
import type { Node } from '../../syntax/node';
import type { SourceFile } from '../../syntax/sourceFile';
import type { Conversion } from '../conversion';
import { calleeName, callWithoutArguments } from '../callText';
import { isCpsFunction } from '../continuations';
import { sitesIn } from '../cpsTransform';
import { FreshNames } from '../freshNames';
import { valueOf, type Operation, type Slots } from '../fromCps';
import { leaveCps, type CallerText, type ConvertedSet, type LeaveCpsRung } from '../leaveCps';
import { block, line, render, type Out } from '../pyOut';
import { children, field, lineIndentOf, present } from '../pySyntax';
import { argumentsOf } from '../../python/scopes';
import { refuse } from '../refusal';

function directRung(file: SourceFile): LeaveCpsRung {
  const names = new FreshNames(file);
  return {
    decorator: undefined,
    helper: () => undefined,
    tuples: false,
    errorCallsAsStatements: true,
    operation(_file: SourceFile, call: Node, converted: ConvertedSet, slots: Slots): Operation {
      if (!converted.has(call)) {
        const callee = field(call, 'function');
        const where = `line ${String(file.lineOf(call))}`;
        const name = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee.text;
        const known = file.functions.all.some((f) => f.name.split('.').at(-1) === name && isCpsFunction(file, f));
        if (known) refuse('callee-stays', call, `${where}: calls \`${file.textOf(callee)}\`, which stays in CPS; convert it to direct style too`);
        refuse('callback-primitive', call, `${where}: \`${file.textOf(callee)}\` is a callback-based primitive; direct style has no way to wait for its result (the generator rung can)`);
      }
      return { text: callWithoutArguments(call, [slots.cont, slots.error], (n) => file.textOf(n)), parenthesize: false };
    },
    adaptCall(_file: SourceFile, call: Node, text: CallerText, statementLevel: boolean, slots: Slots): string {
      const core = callWithoutArguments(call, [slots.cont, slots.error], (n) => text(n));
      if (!slots.error) return withContinuation(file, core, slots.cont, text, statementLevel);
      // `f(x, k, on_error)` as a statement: a `try` whose `except` runs the handler, and whose `else` hands the result on, outside the `try`.
      const result = names.fresh(`${calleeName(call) ?? 'call'}_result`);
      const statement = present(call.parent, 'statement');
      const indent = lineIndentOf(file, statement);
      const out: Out[] = [block('try:', [line(`${result} = ${core}`)]), handlerClause(valueOf(slots.error), text, names), block('else:', [line(withContinuation(file, result, slots.cont, text, true))])];
      return render(file, out, indent, INDENT_UNIT, file.lines.eol).slice(indent.length);
    },
  };
}

const INDENT_UNIT = '    ';

/** `k(core)`, written out when `k` is a lambda whose body uses its one parameter once. */
function withContinuation(file: SourceFile, core: string, cont: Node, text: CallerText, statementLevel: boolean): string {
  const k = unparenthesized(valueOf(cont));
  if (k.type !== 'lambda') return `${text(k)}(${core})`;
  const params = k.childForFieldName('parameters');
  const names = params ? children(params).map((p) => p.text) : [];
  const body = field(k, 'body');
  if (names.length === 1 && body.text === 'None' && statementLevel) return core;
  const use = onlyUse(body, names);
  if (use && !text.rewritten(use) && runsFirst(body, use)) return text(body, [{ start: use.startIndex, end: use.endIndex, text: core }]);
  // Inside a continuation written out already, the use may run first now: `print(a, f(x))` was `f(x, lambda b: print(a, b))`.
  const called = `(${text(k)})(${core})`;
  return use && text.rewritten(use) ? foldedCall(file, called) : called;
}

/** The one use of a lambda's one parameter in its body. */
function onlyUse(body: Node, names: readonly string[]): Node | undefined {
  // descendantsOfType includes the body itself when it is the identifier (`lambda v: v`).
  const identifiers = body.type === 'identifier' ? [body] : body.descendantsOfType('identifier').filter((i): i is Node => i !== null);
  const uses = names.length === 1 ? identifiers.filter((i) => i.text === names[0]) : [];
  return uses.length === 1 ? uses[0] : undefined;
}

/** `(lambda v: BODY)(core)`, parsed on its own: BODY with core in place of v when v is used once and runs first there. */
function foldedCall(file: SourceFile, called: string): string {
  const parsed = file.reparse(called);
  try {
    const call = parsed.root.firstNamedChild?.firstNamedChild;
    const lambda = call?.type === 'call' ? unparenthesized(field(call, 'function')) : undefined;
    const [core] = call ? argumentsOf(call) : [];
    const params = lambda?.type === 'lambda' ? lambda.childForFieldName('parameters') : null;
    const body = lambda?.childForFieldName('body');
    const use = params && body ? onlyUse(body, children(params).map((p) => p.text)) : undefined;
    if (!body || !core || !use || !runsFirst(body, use)) return called;
    return called.slice(body.startIndex, use.startIndex) + called.slice(core.startIndex, core.endIndex) + called.slice(use.endIndex, body.endIndex);
  } finally {
    parsed.dispose();
  }
}

/** `except Exception as e:` running an error continuation: a one-parameter lambda's body in place, else a call of it. */
function handlerClause(handler: Node, text: CallerText, names: FreshNames): Out {
  const h = unparenthesized(handler);
  const params = h.type === 'lambda' ? h.childForFieldName('parameters') : null;
  const [param, ...others] = params ? children(params) : [];
  if (param?.type === 'identifier' && others.length === 0) return block(`except Exception as ${param.text}:`, [line(text(field(h, 'body')))]);
  const error = names.fresh('error');
  return block(`except Exception as ${error}:`, [line(`${h.type === 'lambda' ? `(${text(h)})` : text(h)}(${error})`)]);
}

const CALLS_AND_NAMES: ReadonlySet<string> = new Set(['call', 'identifier']);

/** No call in `body` runs before `use` is read (so the call can take its place without reordering effects). */
function runsFirst(body: Node, use: Node): boolean {
  if (use.id === body.id) return true;
  const order = sitesIn(body, CALLS_AND_NAMES, (n) => n.type === 'call' || n.id === use.id);
  const index = order.findIndex((n) => n.id === use.id);
  // Not found: inside a nested scope or comprehension, which runs later if at all.
  return index >= 0 && order.slice(0, index).every((c) => c.startIndex <= use.startIndex && use.endIndex <= c.endIndex);
}

function unparenthesized(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.firstNamedChild) n = n.firstNamedChild;
  return n;
}

export const cpsToDirect: Conversion = {
  id: 'cps-to-direct',
  from: 'cps',
  to: 'direct',
  changesCalls: true,
  candidates: (file) => file.functions.all.filter((f) => isCpsFunction(file, f)),
  convert: (file, functions, options) => leaveCps(file, functions, directRung(file), options.project),
};
