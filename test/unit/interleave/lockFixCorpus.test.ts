import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guardWithLock } from '../../../extension/engine/interleave/lockFix';
import { analyzeInterleavings } from '../../../extension/engine/interleave/model';
import { parse } from '../../helpers/parser';
import { fixUntilClean, programs, runPython } from './corpus';

test('the lock quick fix, applied through the engine, makes every racy program print the correct result', async () => {
  for (const p of programs().filter((q) => q.label === 'racy' && !q.fixRefused)) {
    // One fix can guard several hazards at once; apply until none is left.
    const fixed = await fixUntilClean(p, (file, model, hazard) => guardWithLock(file, model, hazard));
    assert.equal(runPython(fixed), p.expected, `${p.name} after the fix:\n${fixed}`);
  }
});

test('racy programs marked "fix: refused" are flagged, and the quick fix refuses them with a reason', async () => {
  const refused = programs().filter((q) => q.label === 'racy' && q.fixRefused);
  assert.ok(refused.length > 0);
  for (const p of refused) {
    const file = await parse(p.text);
    const model = analyzeInterleavings(file);
    assert.ok(model.hazards.length > 0, `${p.name} is not flagged`);
    for (const hazard of model.hazards) {
      const fix = guardWithLock(file, model, hazard);
      assert.equal(fix.ok, false, `${p.name}: the fix should refuse`);
    }
    file.dispose();
  }
});
