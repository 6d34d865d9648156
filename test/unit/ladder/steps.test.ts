// Lenses and hovers find the next rung through the registry; these check the
// choice of rung and the preview, with small real conversions and the registered ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyFile, type ClassifiedFunction } from '../../../extension/engine/concepts';
import { ladderSteps, previewConversion, RUNGS, rungOf } from '../../../extension/engine/ladder/steps';
import type { Conversion, Rung } from '../../../extension/engine/ladder/conversion';
import { conversions } from '../../../extension/engine/ladder/registry';
import { EditBuilder, type SourceFile } from '../../../extension/engine';
import { dedent, parse } from '../../helpers/parser';

/** A real, if tiny, conversion: prefixes `def` of every candidate with a keyword, or refuses with a reason. */
function prefixing(id: string, to: Rung, names: readonly string[], refuse?: string): Conversion {
  return {
    id,
    from: 'direct',
    to,
    changesCalls: false,
    candidates: (file) => file.functions.all.filter((f) => names.includes(f.name)),
    convert(file, functions) {
      if (refuse) return { text: undefined, edits: [], converted: [], refused: functions.map((f) => ({ function: f.name, code: 'not-awaitable' as const, message: refuse, line: f.line, defLine: f.line })) };
      const edits = new EditBuilder(file);
      for (const f of functions) edits.insert(f.node.startIndex, 'async ');
      const result = edits.apply();
      if (!result.ok) throw new Error(result.reason);
      const text = result.file.text;
      result.file.dispose();
      return { text, edits: result.edits, converted: functions.map((f) => f.name), refused: [] };
    },
  };
}

const source = dedent(`
  import asyncio

  @asyncio.coroutine
  def old(delay):
      yield from asyncio.sleep(delay)
      return delay

  async def new():
      await asyncio.sleep(0)

  def plain(x):
      return x
`);

function find(file: SourceFile, name: string): ClassifiedFunction {
  const found = classifyFile(file).find((f) => f.name === name);
  assert.ok(found, name);
  return found;
}

test('the rung a function is on follows from its concepts', async () => {
  const file = await parse(source);
  assert.equal(rungOf(find(file, 'old').concepts), 'generator');
  assert.equal(rungOf(find(file, 'new').concepts), 'async');
  assert.equal(rungOf(find(file, 'plain').concepts), 'direct');
  file.dispose();
});

test('up is the nearest rung above that a conversion takes the function to; down the nearest below', async () => {
  const file = await parse(source);
  const old = find(file, 'old');
  const registry = [
    prefixing('skip-to-async', 'async', ['old']),
    prefixing('to-cps', 'cps', ['old']),
    prefixing('to-direct', 'direct', ['old']),
    prefixing('not-mine', 'async', ['plain']),
  ];
  const steps = ladderSteps(file, old.info, old.concepts, registry);
  assert.equal(steps.up?.id, 'skip-to-async');
  assert.equal(steps.down?.id, 'to-cps');
  const none = ladderSteps(file, find(file, 'new').info, find(file, 'new').concepts, registry);
  assert.deepEqual(none, { up: undefined, down: undefined });
  file.dispose();
});

test('the preview is the converted function, decorators included; a refusal comes back with its reason', async () => {
  const file = await parse(source);
  const old = find(file, 'old');
  const prefix = prefixing('p', 'async', ['old']);
  const preview = previewConversion(file, old.info, prefix, {}, [prefix]);
  assert.deepEqual(preview, {
    kind: 'code',
    text: '@asyncio.coroutine\nasync def old(delay):\n    yield from asyncio.sleep(delay)\n    return delay',
    alongside: [],
  });
  const refuser = prefixing('r', 'async', ['old'], 'it is delegated to by a caller');
  const refused = previewConversion(file, old.info, refuser, {}, [refuser]);
  assert.equal(refused.kind === 'refused' ? refused.refusal.message : refused.kind, 'it is delegated to by a caller');
  file.dispose();
});

test('with the registered rungs, every labelled function gets steps only from conversions that list it', async () => {
  const file = await parse(source);
  for (const f of classifyFile(file)) {
    const steps = ladderSteps(file, f.info, f.concepts);
    for (const step of [steps.up, steps.down]) {
      if (!step) continue;
      assert.ok(conversions.includes(step));
      assert.ok(step.candidates(file).some((c) => c.name === f.name), `${step.id} lists ${f.name}`);
      const preview = previewConversion(file, f.info, step);
      if (preview.kind === 'code') assert.match(preview.text, new RegExp(`def ${f.name}\\b`));
    }
  }
  file.dispose();
});

test('every registered conversion moves a function exactly one rung, up or down', () => {
  for (const c of conversions) {
    assert.equal(Math.abs(RUNGS.indexOf(c.to) - RUNGS.indexOf(c.from)), 1, `${c.id}: ${c.from} → ${c.to}`);
  }
});
