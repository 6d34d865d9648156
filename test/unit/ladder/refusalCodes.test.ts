// Refusals carry a stable code and the line that blocks the step (not just the
// def line): front ends branch on the code and point at the line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rung } from '../../../extension/engine/ladder/conversion';
import type { RefusalCode } from '../../../extension/engine/ladder/refusal';
import { convert } from './ladderHelpers';

const CASES: readonly { what: string; source: string; to: Rung; functions: string[]; name: string; code: RefusalCode; line: number; defLine: number }[] = [
  {
    what: 'a try whose body does not start with its CPS call',
    source: 'def fetch(x):\n    return x\n\n\ndef guarded(x):\n    try:\n        print(x)\n        y = fetch(x)\n    except ValueError:\n        y = 0\n    return y\n',
    to: 'cps',
    functions: ['guarded', 'fetch'],
    name: 'guarded',
    code: 'try-around-cps-call',
    line: 8,
    defLine: 5,
  },
  {
    what: 'a function used as a value',
    source: 'def f(x):\n    return x\n\n\ng = f\n',
    to: 'cps',
    functions: ['f'],
    name: 'f',
    code: 'used-as-value',
    line: 5,
    defLine: 1,
  },
  {
    what: 'a callback primitive on the way down to direct style',
    source: 'def check(item, cont):\n    return fetch_stock(item, lambda n: cont(n > 0))\n',
    to: 'direct',
    functions: ['check'],
    name: 'check',
    code: 'callback-primitive',
    line: 2,
    defLine: 1,
  },
  {
    what: 'a generator driven by hand',
    source: 'import asyncio\n\n\n@asyncio.coroutine\ndef numbers():\n    x = 1\n    yield x\n',
    to: 'async',
    functions: ['numbers'],
    name: 'numbers',
    code: 'driven-by-hand',
    line: 7,
    defLine: 5,
  },
  {
    what: 'a function on no rung the step starts from',
    source: 'def plain():\n    return 1\n',
    to: 'async',
    functions: ['plain'],
    name: 'plain',
    code: 'not-at-rung',
    line: 1,
    defLine: 1,
  },
  {
    what: 'a CPS function defined inside another (the concept lens calls it CPS, so "only CPS functions convert" would contradict it)',
    source: 'def outer(x, cont):\n    def inner(y, k):\n        return k(y + 1)\n    return inner(x, cont)\n',
    to: 'generator',
    functions: ['outer.inner'],
    name: 'outer.inner',
    code: 'nested-function',
    line: 2,
    defLine: 2,
  },
  {
    what: 'a CPS function whose continuation has a default, so a caller may leave it out',
    source: 'def tokenize(text, lower=True, callback=None):\n    callback(text.split())\n',
    to: 'direct',
    functions: ['tokenize'],
    name: 'tokenize',
    code: 'parameter-shape',
    line: 1,
    defLine: 1,
  },
  {
    what: 'a name no function has',
    source: 'def plain():\n    return 1\n',
    to: 'async',
    functions: ['missing'],
    name: 'missing',
    code: 'no-such-function',
    line: 0,
    defLine: 0,
  },
];

for (const c of CASES) {
  test(`${c.what}: code ${c.code}, blocking at line ${String(c.line)}`, async () => {
    const result = await convert(c.source, c.to, { functions: c.functions });
    const refusal = result.refused.find((r) => r.function === c.name);
    assert.ok(refusal, JSON.stringify(result.refused));
    assert.deepEqual({ code: refusal.code, line: refusal.line, defLine: refusal.defLine }, { code: c.code, line: c.line, defLine: c.defLine });
    assert.ok(refusal.message.length > 10, 'with a message the user can act on');
  });
}
