import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeInterleavings } from '../../../extension/engine/interleave/model';
import { parse } from '../../helpers/parser';
import { programs, runPython } from './corpus';

const corpus = programs();

test('the corpus is labelled honestly: racy programs print a wrong result, safe ones the right one', () => {
  assert.ok(corpus.filter((p) => p.label === 'racy').length >= 10);
  assert.ok(corpus.filter((p) => p.label === 'safe').length >= 10);
  for (const p of corpus) {
    const output = runPython(p.text);
    if (p.label === 'racy') assert.notEqual(output, p.expected, `${p.name} should show the race`);
    else assert.equal(output, p.expected, `${p.name} should be correct`);
  }
});

test('the analysis flags every racy program and no safe one; precision and recall', async (t) => {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const wrong: string[] = [];
  for (const p of corpus) {
    const file = await parse(p.text);
    const flagged = analyzeInterleavings(file).hazards.length > 0;
    file.dispose();
    if (flagged && p.label === 'racy') truePositives++;
    if (flagged && p.label === 'safe') falsePositives++;
    if (!flagged && p.label === 'racy') falseNegatives++;
    if (flagged !== (p.label === 'racy')) wrong.push(`${p.label}/${p.name}`);
  }
  const precision = truePositives / (truePositives + falsePositives);
  const recall = truePositives / (truePositives + falseNegatives);
  t.diagnostic(`precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} over ${String(corpus.length)} programs`);
  assert.deepEqual(wrong, []);
  assert.equal(precision, 1);
  assert.equal(recall, 1);
});
