// Down from CPS to direct style (`--to direct`): every path of the function
// must end by calling its continuation exactly once, directly or by passing it
// on; the value it is called with becomes the return value. Callers that stay
// in CPS keep working: `f(x, k)` becomes `k(f(x))`, written out when simple.
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
// sum_of_squares(3, 4, lambda sum_of_squares_result: print(sum_of_squares_result))
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
// print(sum_of_squares(3, 4))
// ```
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../../syntax/sourceFile';
import type { Conversion } from '../conversion';
import { callWithoutArguments } from '../callText';
import { isCpsFunction } from '../continuations';
import { sitesIn } from '../cpsTransform';
import { type Operation, type Slots } from '../fromCps';
import { leaveCps, type CallerText, type ConvertedSet, type LeaveCpsRung } from '../leaveCps';
import { children, field } from '../pySyntax';
import { refuse } from '../refusal';

const CALLS_AND_NAMES: ReadonlySet<string> = new Set(['call', 'identifier']);

const toDirectRung: LeaveCpsRung = {
  decorator: undefined,
  helper: () => undefined,
  errorsAndTuples: false,
  operation(file: SourceFile, call: Node, converted: ConvertedSet, slots: Slots): Operation {
    if (!converted.has(call)) {
      const callee = field(call, 'function');
      const where = `line ${String(file.lineOf(call))}`;
      const name = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee.text;
      const known = file.functions.all.some((f) => f.name.split('.').at(-1) === name && isCpsFunction(file, f));
      if (known) refuse('callee-stays', call, `${where}: calls \`${file.textOf(callee)}\`, which stays in CPS; convert it to direct style too`);
      refuse('callback-primitive', call, `${where}: \`${file.textOf(callee)}\` is a callback-based primitive; direct style has no way to wait for its result (the generator rung can)`);
    }
    return { text: callWithoutArguments(call, [slots.cont], (n) => file.textOf(n)), parenthesize: false };
  },
  adaptCall(_file: SourceFile, call: Node, text: CallerText, statementLevel: boolean, slots: Slots): string {
    const core = callWithoutArguments(call, [slots.cont], (n) => text(n));
    const k = unparenthesized(slots.cont.type === 'keyword_argument' ? field(slots.cont, 'value') : slots.cont);
    if (k.type !== 'lambda') return `${text(k)}(${core})`;
    const params = k.childForFieldName('parameters');
    const names = params ? children(params).map((p) => p.text) : [];
    const body = field(k, 'body');
    if (names.length === 1 && body.text === 'None' && statementLevel) return core;
    // descendantsOfType includes the body itself when it is the identifier (`lambda v: v`).
    const identifiers = body.type === 'identifier' ? [body] : body.descendantsOfType('identifier').filter((i): i is Node => i !== null);
    const uses = names.length === 1 ? identifiers.filter((i) => i.text === names[0]) : [];
    const use = uses.length === 1 ? uses[0] : undefined;
    if (use && !text.rewritten(use) && runsFirst(body, use)) return text(body, [{ start: use.startIndex, end: use.endIndex, text: core }]);
    return `(${text(k)})(${core})`;
  },
};

/** No call in `body` runs before `use` is read (so the call can take its place without reordering effects). */
function runsFirst(body: Node, use: Node): boolean {
  const order = sitesIn(body, CALLS_AND_NAMES, (n) => n.type === 'call' || n.id === use.id);
  const index = order.findIndex((n) => n.id === use.id);
  return order.slice(0, index).every((c) => c.startIndex <= use.startIndex && use.endIndex <= c.endIndex);
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
  convert: (file, functions) => leaveCps(file, functions, toDirectRung),
};
