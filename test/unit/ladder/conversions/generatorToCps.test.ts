// The example in the header of conversions/generatorToCps.ts is what the conversion does;
// below it, the functions whose CPS form could outgrow the stack return thunks for the trampoline, or are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INLINE_CALLBACKS_RUNNER } from '../../../../extension/engine/ladder/inlineCallbacksRunner';
import { dedent } from '../../../helpers/parser';
import { python } from '../cpsHelpers';
import { convert } from '../ladderHelpers';
import { testHeaderExample } from './headerExample';

testHeaderExample('generator-to-cps', 'generatorToCps');

test('a loop over 5,000 yields and a recursion come down to CPS returning thunks, run under the trampoline; a loop over a leaf this step does not convert refuses with needs-trampoline at the loop', async () => {
  const source = `${INLINE_CALLBACKS_RUNNER}\n\n${dedent(`
    def add_at_once(total, step, callback):
        return callback(total + step)


    @inline_callbacks
    def increase(total, step):
        return total + step


    @inline_callbacks
    def climb(n):
        total = 0
        for i in range(n):
            total = yield increase(total, 1)
        return total


    @inline_callbacks
    def climb_with_leaf(n):
        total = 0
        for i in range(n):
            total = yield lambda resume: add_at_once(total, 1, resume)
        return total


    @inline_callbacks
    def countdown(n):
        if n == 0:
            return "done"
        return (yield countdown(n - 1))


    @inline_callbacks
    def main():
        print((yield climb_with_leaf(5000)))
        print((yield countdown(300)))


    climb(5000)(print)
    main()(lambda _: None)
    `)}`;
  const result = await convert(source, 'cps');
  const lineOf = (text: string): number => source.split('\n').findIndex((l) => l.includes(text)) + 1;
  const refused = Object.fromEntries(result.refused.map((r) => [r.function, [r.code, r.line]]));
  assert.deepEqual(refused, { climb_with_leaf: ['needs-trampoline', lineOf('def climb_with_leaf(n):') + 2], main: ['needs-trampoline', lineOf('yield climb_with_leaf(5000)')] });
  assert.match(result.refused.find((r) => r.function === 'climb_with_leaf')?.message ?? '', /waits on `yield lambda resume: add_at_once\(total, 1, resume\)`/);
  assert.deepEqual([...result.converted].sort(), ['climb', 'countdown', 'increase']);
  const text = result.text ?? '';
  assert.equal(text.match(/^def trampoline\(step\):$/gm)?.length, 1);
  assert.match(text, /^def increase\(total, step, cont\):\n {4}return cont\(total \+ step\)$/m, 'a leaf stays plain');
  assert.match(text, /return lambda: countdown\(n - 1, cont\)/);
  assert.match(text, /^trampoline\(climb\(5000, print\)\)$/m);
  assert.match(text, /yield lambda (\w+): trampoline\(countdown\(300, \1\)\)/, 'code left in the generator form runs it under the trampoline');
  assert.equal(python(text), python(source));
});
