// One step serves every front end: the lens title, the code actions' enabled
// state and the CLI's verdict come from takeStep, so on accepting and refusing
// functions alike they agree, down to the refusal's code, line and text.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Rung } from '../../../extension/engine/ladder/conversion';
import { stepLabel, stepOffers } from '../../../extension/engine/ladder/steps';
import { stepFunction } from '../../../extension/engine/ladder/takeStep';
import { runCli } from '../../helpers/cli';
import { dedent, parse } from '../../helpers/parser';

const SOURCE = dedent(`
  import asyncio


  @asyncio.coroutine
  def nap():
      yield from asyncio.sleep(0)


  def helper():
      yield from nap()


  @asyncio.coroutine
  def alone():
      yield from asyncio.sleep(0)
      return 1


  @asyncio.coroutine
  def numbers():
      yield 1


  def square(x):
      return x * x


  def main():
      print(square(7))
`);

interface CliRefusal {
  readonly function: string;
  readonly code: string;
  readonly message: string;
  readonly line: number;
  readonly defLine: number;
}

interface CliVerdict {
  readonly converted: readonly string[];
  readonly refused: readonly CliRefusal[];
  readonly text: string;
}

const path = join(mkdtempSync(join(tmpdir(), 'cl-take-step-')), 'mod.py');
writeFileSync(path, SOURCE);

function cli(name: string, to: Rung, withCallers: boolean): CliVerdict {
  const args = ['refactor', path, '--to', to, '--function', name, ...(withCallers ? ['--with-callers'] : [])];
  const json = runCli([...args, '--json']);
  const [file] = (JSON.parse(json.stdout) as { files: { converted: string[]; refused: CliRefusal[] }[] }).files;
  assert.ok(file, json.stderr);
  assert.equal(json.status, file.refused.length > 0 ? 1 : 0, 'a refusal exits 1');
  return { converted: file.converted, refused: file.refused, text: runCli(args).stdout };
}

const CASES: readonly { name: string; to: Rung; label: string; offers: readonly { withCallers: boolean; enabled: boolean }[] }[] = [
  { name: 'alone', to: 'async', label: '→ async/await', offers: [{ withCallers: false, enabled: true }] },
  { name: 'nap', to: 'async', label: '→ async/await (with callers)', offers: [{ withCallers: false, enabled: false }, { withCallers: true, enabled: true }] },
  { name: 'numbers', to: 'async', label: '→ async/await (refused)', offers: [{ withCallers: false, enabled: false }] },
  { name: 'square', to: 'cps', label: '→ CPS (with callers)', offers: [{ withCallers: false, enabled: false }, { withCallers: true, enabled: true }] },
];

for (const c of CASES) {
  test(`${c.name} → ${c.to}: the lens, the code actions and the CLI agree`, async () => {
    const file = await parse(SOURCE);
    try {
      const step = stepFunction(file, c.name, c.to);
      // The lens.
      assert.equal(stepLabel(step), c.label);
      // The code actions: which are offered, and which are enabled.
      const offers = stepOffers(step);
      assert.deepEqual(offers.map((o) => ({ withCallers: o.withCallers, enabled: o.refusal === undefined })), c.offers);
      // The CLI, once for each offer: with --with-callers exactly when the offer takes the callers.
      for (const offer of offers) {
        const verdict = cli(c.name, c.to, offer.withCallers);
        const own = verdict.refused.find((r) => r.function === c.name);
        if (offer.refusal) {
          assert.deepEqual(own, offer.refusal, 'the same refusal: code, message, blocking line, def line');
        } else {
          assert.equal(own, undefined);
          assert.deepEqual(verdict.converted, step.result.converted);
          assert.equal(verdict.text, step.result.text, 'the CLI writes what the code action applies');
        }
      }
    } finally {
      file.dispose();
    }
  });
}

test('the step with callers names them, and is what the ladder panel and the lens apply', async () => {
  const file = await parse(SOURCE);
  try {
    const step = stepFunction(file, 'nap', 'async');
    assert.equal(step.refusal, undefined);
    assert.deepEqual(step.result.alongside, ['helper']);
    assert.equal(step.alone?.code, 'needs-callers');
    assert.equal(step.alone.line, 10, 'the line that blocks: the yield from in helper');
    assert.equal(step.alone.defLine, 5);
    assert.equal(stepFunction(file, 'nap', 'async'), step, 'computed once per parse');
    // The editor asks with its public-API policy: one step per policy, shared by the lens, the hover and the code action.
    const kept = stepFunction(file, 'nap', 'async', { publicApi: 'keep' });
    assert.equal(stepFunction(file, 'nap', 'async', { publicApi: 'keep' }), kept, 'computed once per parse and policy');
    assert.notEqual(stepFunction(file, 'nap', 'async', { publicApi: 'refuse' }), kept, 'another policy, another step');
  } finally {
    file.dispose();
  }
});
