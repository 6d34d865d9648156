// The nesting bound has margin: every analysis, run directly on a tree twice
// as deep as the bound (the CLI and the extension refuse such a file before
// any of them runs), finishes without overflowing the stack. If a new
// recursive walker fails here, lower MAX_NESTING_DEPTH or make it iterative.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_NESTING_DEPTH, type SourceFile } from '../../../extension/engine';
import { classifyFile } from '../../../extension/engine/concepts';
import { analyzeInterleavings } from '../../../extension/engine/interleave/model';
import type { Rung } from '../../../extension/engine/ladder/conversion';
import { convertFile } from '../../../extension/engine/ladder/convertFile';
import { parse } from '../../helpers/parser';

const TWICE = 2 * MAX_NESTING_DEPTH;

/** Expressions whose tree grows about one level per repetition (two for calls and dicts). */
const SHAPES: Readonly<Record<string, (n: number) => string>> = {
  'and chain': (n) => Array.from({ length: n }, () => 'a').join(' and '),
  'sum': (n) => Array.from({ length: n }, () => 'a').join(' + '),
  'parentheses': (n) => `${'('.repeat(n)}a${')'.repeat(n)}`,
  'nested calls': (n) => `${'f('.repeat(n / 2)}a${')'.repeat(n / 2)}`,
  'nested dicts': (n) => `${'{1: '.repeat(n / 2)}a${'}'.repeat(n / 2)}`,
  'attribute chain': (n) => `a${'.b'.repeat(n)}`,
  'call chain': (n) => `f${'()'.repeat(n)}`,
  'lambdas': (n) => `${'lambda: '.repeat(n)}a`,
  'conditionals': (n) => `${'a if b else '.repeat(n)}a`,
  'awaits': (n) => `${'await '.repeat(n)}a`,
};

/** The expression at module level, in a coroutine around an await, in a generator coroutine and in a direct function. */
function program(expression: string): string {
  return [
    'import asyncio',
    'S = 0',
    `y = ${expression}`,
    'async def f():',
    '    global S',
    '    x = S',
    '    await asyncio.sleep(0)',
    `    S = x + (${expression})`,
    '@asyncio.coroutine',
    'def h():',
    `    z = yield from asyncio.sleep(${expression})`,
    '    return z',
    'def d(a):',
    `    v = d(${expression})`,
    '    return v + 1',
    '',
  ].join('\n');
}

function nestedBlocks(levels: number): string {
  const ifs = Array.from({ length: levels }, (_, i) => `${'    '.repeat(i + 1)}if a:\n`).join('');
  return `import asyncio\nS = 0\nasync def f():\n    global S\n    x = S\n    await asyncio.sleep(0)\n${ifs}${'    '.repeat(levels + 1)}S = x + 1\n`;
}

function runEverything(file: SourceFile): void {
  file.functions.all.forEach((f) => f.name);
  classifyFile(file);
  analyzeInterleavings(file);
  for (const to of ['async', 'generator', 'cps', 'direct'] as const satisfies readonly Rung[]) {
    convertFile(file, to);
    convertFile(file, to, { withCallers: true, trampoline: true });
  }
}

for (const [name, shape] of Object.entries(SHAPES)) {
  test(`${name} twice as deep as the bound: refused, and every analysis survives it anyway`, async () => {
    const file = await parse(program(shape(TWICE)));
    assert.equal(file.syntaxErrors[0]?.code, 'too-deep');
    assert.doesNotThrow(() => {
      runEverything(file);
    });
  });
}

test('blocks nested twice as deep as the bound: refused, and every analysis survives it anyway', async () => {
  const file = await parse(nestedBlocks(MAX_NESTING_DEPTH));
  assert.equal(file.syntaxErrors[0]?.code, 'too-deep');
  assert.doesNotThrow(() => {
    runEverything(file);
  });
});
