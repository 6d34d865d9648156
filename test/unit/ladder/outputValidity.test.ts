// Tree-sitter parses text CPython rejects; every refactor's output is checked
// for it before it is offered (issue 15: "output validity stricter than
// tree-sitter"), and python3 agrees with each verdict.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import type { Conversion } from '../../../extension/engine/ladder/conversion';
import { convertFile } from '../../../extension/engine/ladder/convertFile';
import { outputProblem } from '../../../extension/engine/syntax/outputValidity';
import { parse } from '../../helpers/parser';

function compiles(text: string): boolean {
  return spawnSync('python3', ['-c', 'import sys; compile(sys.stdin.read(), "<out>", "exec")'], { input: text, encoding: 'utf8' }).status === 0;
}

const REJECTED: readonly [string, string, number][] = [
  ['an empty loop body at module level', 'for x in range(3):\nprint("after")\n', 1],
  ['an empty function body', 'def f():\n\ndef g():\n    return 1\n', 1],
  ['statements of one block at two indentations', 'def f():\n    a = 1\n      b = 2\n    return a\n', 3],
  ['a return in a class body, after a one-line method', 'class Sink:\n    def write(self, msg, cont): pass\n    return cont(None)\n', 3],
  ['a return at module level', 'x = 1\nif x:\n    return x\n', 3],
  ['a bare * left last by a removed parameter', 'def label(\n    name,\n    sep=":", *,\n):\n    return sep + name\n', 1],
  ['a bare * followed only by **kwargs', 'class A:\n    def f(self, *, **extra: str):\n        return extra\n', 2],
];

for (const [what, text, line] of REJECTED) {
  test(`${what}: tree-sitter takes it, CPython does not, and neither does the check`, async () => {
    const file = await parse(text);
    try {
      assert.equal(compiles(text), false, 'CPython rejects it');
      assert.equal(outputProblem(file)?.line, line, JSON.stringify(outputProblem(file)));
    } finally {
      file.dispose();
    }
  });
}

test('valid code passes: one-line suites, comments, continuation lines, nested blocks', async () => {
  const text = 'class C:\n    def m(self): return 1\n\n\nif True: a = 1; b = 2\n\n\ndef f(x,\n      y):\n    # why\n    for i in x:\n        if i:\n            pass\n    return (x +\n  y)\n';
  const file = await parse(text);
  try {
    assert.equal(compiles(text), true);
    assert.equal(outputProblem(file), undefined);
  } finally {
    file.dispose();
  }
});

test('a conversion whose output leaves an empty suite is refused with output-invalid and nothing changes', async () => {
  const file = await parse('def f():\n    return 1\n\n\nfor i in range(2):\n    print(f())\n');
  // Stands in for a rewrite that drops a loop body, as one --to cps once did.
  const dropsTheBody: Conversion = {
    id: 'drops-the-body',
    from: 'direct',
    to: 'cps',
    changesCalls: false,
    candidates: (f) => f.functions.named('f'),
    convert: (f) => ({ text: f.text.replace('    print(f())\n', ''), edits: [], converted: ['f'], refused: [] }),
  };
  try {
    const result = convertFile(file, 'cps', {}, [dropsTheBody]);
    assert.equal(result.text, undefined);
    assert.deepEqual(result.converted, []);
    assert.deepEqual(result.refused.map((r) => [r.function, r.code]), [['f', 'output-invalid']]);
    assert.match(result.refused[0]?.message ?? '', /line 5: a block with no statements/);
  } finally {
    file.dispose();
  }
});
