// The example in the header of conversions/generatorToCps.ts is what the conversion does;
// below it, the functions whose CPS form could outgrow the stack are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INLINE_CALLBACKS_RUNNER } from '../../../../extension/engine/ladder/inlineCallbacksRunner';
import { dedent } from '../../../helpers/parser';
import { python } from '../cpsHelpers';
import { convert } from '../ladderHelpers';
import { testHeaderExample } from './headerExample';

testHeaderExample('generator-to-cps', 'generatorToCps');

test('a loop over 5,000 yields and a recursion cannot come down to CPS without a trampoline: needs-trampoline, at the loop and the recursive yield; a few yields still convert', async () => {
  const source = `${INLINE_CALLBACKS_RUNNER}\n\n${dedent(`
    @inline_callbacks
    def bump(total, step):
        return total + step


    @inline_callbacks
    def count_up(n):
        total = 0
        for i in range(n):
            total = yield bump(total, 1)
        return total


    @inline_callbacks
    def countdown(n):
        if n == 0:
            return 0
        return (yield countdown(n - 1))


    @inline_callbacks
    def pair(a, b):
        first = yield bump(a, 1)
        second = yield bump(b, 2)
        return first + second


    count_up(5000)(print)
    countdown(30)(print)
    pair(1, 2)(print)
    `)}`;
  const result = await convert(source, 'cps');
  const lineOf = (text: string): number => source.split('\n').findIndex((l) => l.includes(text)) + 1;
  const refused = Object.fromEntries(result.refused.map((r) => [r.function, [r.code, r.line]]));
  assert.deepEqual(refused, { count_up: ['needs-trampoline', lineOf('for i in range(n):')], countdown: ['needs-trampoline', lineOf('yield countdown(n - 1)')] });
  assert.match(result.refused.find((r) => r.function === 'countdown')?.message ?? '', /calls countdown again before it returns \(recursion\)/);
  assert.deepEqual([...result.converted].sort(), ['bump', 'pair']);
  assert.equal(python(result.text ?? ''), python(source));
});
