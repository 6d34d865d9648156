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
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../../syntax/sourceFile';
import type { Conversion, ConversionOptions } from '../conversion';
import { callWithoutLastArgument, splitLastArgument } from '../callText';
import { isCpsFunction } from '../continuations';
import { FreshNames } from '../freshNames';
import { argumentsOf, type Operation } from '../fromCps';
import { RUNNER_NAME, runnerSource } from '../inlineCallbacksRunner';
import { isOwnRunner } from '../insertedHelpers';
import { leaveCps, type CallerText, type ConvertedSet, type LeaveCpsRung } from '../leaveCps';
import { helperInsertion } from '../moduleInsert';
import { field, present } from '../pySyntax';

function generatorRung(file: SourceFile, options: ConversionOptions): LeaveCpsRung {
  const names = new FreshNames(file);
  // Our runner is reused under whatever name it has; a name the module uses otherwise (its own
  // `inline_callbacks`, which may work differently) is never taken over: the runner gets a fresh one.
  const own = file.functions.all.find((f) => isOwnRunner(file, f));
  const runner = own?.name ?? names.fresh(options.runnerName ?? RUNNER_NAME);
  const resume = names.fresh('resume');
  const text = (n: Node): string => file.textOf(n);
  return {
    decorator: runner,
    helper: (f) => (f.functions.all.some((fn) => isOwnRunner(f, fn) && fn.name === runner) ? undefined : helperInsertion(f, runnerSource(runner))),
    operation(_file: SourceFile, call: Node, converted: ConvertedSet): Operation {
      if (converted.has(call)) return { text: `yield ${callWithoutLastArgument(call, text)}`, parenthesize: true };
      const callee = field(call, 'function');
      // `g(args)(k)`: g is already in the inline-callbacks form and `g(args)` is its operation.
      if (callee.type === 'call' && argumentsOf(call).length === 1) return { text: `yield ${text(callee)}`, parenthesize: true };
      const { rest, last } = splitLastArgument(call);
      const slot = last?.type === 'keyword_argument' ? `${field(last, 'name').text}=${resume}` : resume;
      return { text: `yield lambda ${resume}: ${text(callee)}(${[...rest.map(text), slot].join(', ')})`, parenthesize: true };
    },
    adaptCall: (_file: SourceFile, call: Node, t: CallerText) => `${callWithoutLastArgument(call, (n) => t(n))}(${t(present(argumentsOf(call).at(-1), 'argumentsOf(call)'))})`,
  };
}

export const cpsToGenerator: Conversion = {
  id: 'cps-to-generator',
  from: 'cps',
  to: 'generator',
  candidates: (file) => file.functions.all.filter((f) => isCpsFunction(file, f)),
  convert: (file, functions, options) => leaveCps(file, functions, generatorRung(file, options)),
};
