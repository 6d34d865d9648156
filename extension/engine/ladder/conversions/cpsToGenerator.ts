// Rung 2, CPS → generators (inline callbacks): each `op(args, lambda x: REST)`
// becomes `x = yield op(args)` followed by REST, `cont(v)` becomes `return v`,
// and the function is decorated with the inline-callbacks runner, which the
// refactor inserts once per module. Callback-based leaves stay as they are and
// are yielded as operations: `yield lambda resume: leaf(args, resume)`.
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
// # region Concept Lenses helper
// # <the inline_callbacks runner, from inlineCallbacksRunner.ts>
// # endregion
//
//
// @inline_callbacks
// def square(x):
//     return x * x
//
//
// @inline_callbacks
// def sum_of_squares(a, b):
//     square_result = yield square(a)
//     square_result2 = yield square(b)
//     return square_result + square_result2
//
//
// sum_of_squares(3, 4)(lambda sum_of_squares_result: print(sum_of_squares_result))
// ```
import type { Node } from '../../syntax/node';
import type { SourceFile } from '../../syntax/sourceFile';
import type { Conversion, ConversionOptions } from '../conversion';
import { callWithoutArguments } from '../callText';
import { isCpsFunction } from '../continuations';
import { FreshNames } from '../freshNames';
import { valueOf, type Operation, type Slots } from '../fromCps';
import { argumentsOf } from '../../python/scopes';
import { RUNNER_NAME, runnerSource } from '../inlineCallbacksRunner';
import { isOwnRunner } from '../insertedHelpers';
import { leafOrderProblem } from '../leafCallsBack';
import { leaveCps, type CallerText, type ConvertedSet, type LeaveCpsRung } from '../leaveCps';
import { helperInsertion } from '../moduleInsert';
import { children, field, parameterNames } from '../pySyntax';
import { refuse } from '../refusal';

function generatorRung(file: SourceFile, options: ConversionOptions): LeaveCpsRung {
  const names = new FreshNames(file);
  // Our runner is reused under whatever name it has; a name the module uses otherwise (its own
  // `inline_callbacks`, which may work differently) is never taken over: the runner gets a fresh one.
  const own = file.functions.all.find((f) => isOwnRunner(file, f));
  const runner = own?.name ?? names.fresh(options.runnerName ?? RUNNER_NAME);
  const resume = names.fresh('resume');
  const fail = names.fresh('fail');
  const values = names.fresh('values');
  const text = (n: Node): string => file.textOf(n);
  return {
    decorator: runner,
    helper: (f) => (f.functions.all.some((fn) => isOwnRunner(f, fn) && fn.name === runner) ? undefined : helperInsertion(f, runnerSource(runner))),
    tuples: true,
    errorCallsAsStatements: false,
    operation(_file: SourceFile, call: Node, converted: ConvertedSet, slots: Slots): Operation {
      if (converted.has(call)) return { text: `yield ${callWithoutArguments(call, [slots.cont, slots.error], text)}`, parenthesize: true };
      const callee = field(call, 'function');
      // `g(args)(k)`: g is already in the inline-callbacks form and `g(args)` is its operation.
      if (callee.type === 'call' && argumentsOf(call).length === 1) return { text: `yield ${text(callee)}`, parenthesize: true };
      // The runner is settled by the first of the two callbacks: read them together.
      const problem = leafOrderProblem(file, call, slots.error ? [slots.cont, slots.error] : [slots.cont]);
      if (problem) refuse(problem.code, call, `line ${String(file.lineOf(call))}: ${problem.why}`);
      // A leaf that stays callback-based gets the runner's callbacks where it takes its continuations.
      // A continuation taking several values gets them as the one tuple the runner delivers.
      const spreadResume = takesSeveral(valueOf(slots.cont)) ? `lambda *${values}: ${resume}(${values})` : resume;
      const callbacks = new Map([[slots.cont.id, spreadResume], ...(slots.error ? [[slots.error.id, fail] as const] : [])]);
      const args = argumentsOf(call).map((a) => {
        const callback = callbacks.get(a.id);
        if (callback === undefined) return text(a);
        return a.type === 'keyword_argument' ? `${field(a, 'name').text}=${callback}` : callback;
      });
      return { text: `yield lambda ${slots.error ? `${resume}, ${fail}` : resume}: ${text(callee)}(${args.join(', ')})`, parenthesize: true };
    },
    adaptCall: (_file: SourceFile, call: Node, t: CallerText, _statementLevel: boolean, slots: Slots, arity: number) => {
      const k = t(valueOf(slots.cont));
      const error = slots.error ? `, ${t(valueOf(slots.error))}` : '';
      return `${callWithoutArguments(call, [slots.cont, slots.error], (n) => t(n))}(${spread(k, arity, values)}${error})`;
    },
  };
}

/** Does the continuation `k` (a lambda, or a local def named by it) take more than one value? */
function takesSeveral(k: Node): boolean {
  if (k.type === 'lambda') return children(k.childForFieldName('parameters') ?? k).filter((p) => p.type !== 'comment').length > 1 && k.childForFieldName('parameters') !== null;
  if (k.type !== 'identifier') return false;
  for (let scope = k.parent; scope; scope = scope.parent) {
    if (scope.type !== 'function_definition') continue;
    const def = scope.descendantsOfType('function_definition').find((d) => d?.childForFieldName('name')?.text === k.text);
    if (def) return parameterNames(def).length > 1;
  }
  return false;
}

/** The continuation `k` of a function that hands it `arity` values, as one taking the single result the runner delivers. */
function spread(k: string, arity: number, values: string): string {
  if (arity === 1) return k;
  const callee = /^[\w.]+$/.test(k) ? k : `(${k})`;
  return arity === 0 ? `lambda ${values}: ${callee}()` : `lambda ${values}: ${callee}(*${values})`;
}

export const cpsToGenerator: Conversion = {
  id: 'cps-to-generator',
  from: 'cps',
  to: 'generator',
  changesCalls: true,
  candidates: (file) => file.functions.all.filter((f) => isCpsFunction(file, f)),
  convert: (file, functions, options) => leaveCps(file, functions, generatorRung(file, options), options.project),
};
