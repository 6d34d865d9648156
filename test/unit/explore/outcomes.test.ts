// The host-neutral half of schedule exploration: grouping runs into outcomes,
// checking the runtime's records, and turning a real hazard into plans.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeEnd, groupOutcomes, hazardPlans, hazardVerdict, parseRuntimeRecord, type RunRecord } from '../../../extension/engine/explore/outcomes';
import { analyzeInterleavings } from '../../../extension/engine/interleave/model';
import { parse } from '../../helpers/parser';

const run = (stdout: string, exception: string | null = null, task = 'main'): RunRecord => ({
  stdout,
  exception,
  schedule: [{ task, line: 1, lines: [1] }],
});

test('runs are grouped by what they print and how they end, first schedule kept', () => {
  const outcomes = groupOutcomes([run('1\n', null, 'a'), run('2\n'), run('1\n', null, 'b'), run('1\n', 'KeyError: 1')]);
  assert.deepEqual(
    outcomes.map((o) => [o.stdout, o.exception, o.count, o.schedule[0]?.task]),
    [
      ['1\n', null, 2, 'a'],
      ['2\n', null, 1, 'main'],
      ['1\n', 'KeyError: 1', 1, 'main'],
    ],
  );
});

test('runtime records are checked before they are believed', () => {
  assert.equal(parseRuntimeRecord('not json'), null);
  assert.equal(parseRuntimeRecord('{"type":"run","stdout":1,"exception":null,"schedule":[]}'), null);
  assert.equal(parseRuntimeRecord('{"type":"run","stdout":"","exception":null,"schedule":[{"task":"a","line":"x","lines":[]}]}'), null);
  assert.equal(parseRuntimeRecord('{"type":"done","runs":"3","exhausted":true}'), null);
  assert.equal(parseRuntimeRecord('{"type":"other"}'), null);
  assert.deepEqual(parseRuntimeRecord('{"type":"done","runs":3,"exhausted":true}'), { type: 'done', runs: 3, exhausted: true });
  const record = parseRuntimeRecord('{"type":"run","stdout":"1\\n","exception":null,"schedule":[{"task":"a","line":null,"lines":[]}]}');
  assert.equal(record?.type, 'run');
});

test("a hazard's plans: A runs serially; or A to its await, B to its write, A to its write", async () => {
  const path = join(__dirname, '..', '..', 'corpus', 'interleavings', 'racy', 'account_overdraft.py');
  const file = await parse(readFileSync(path, 'utf8'));
  const [hazard] = analyzeInterleavings(file).hazards;
  file.dispose();
  assert.ok(hazard);
  const { serial, forced } = hazardPlans(hazard);
  assert.deepEqual(serial, [{ role: 'A', function: 'Account.withdraw', until: null, write: false }]);
  assert.deepEqual(forced, [
    { role: 'A', function: 'Account.withdraw', until: 12, write: false },
    { role: 'B', function: 'Account.withdraw', until: 13, write: true },
    { role: 'A', function: 'Account.withdraw', until: 13, write: true },
  ]);
});

test('the verdict compares the forced run with the serial one', () => {
  assert.equal(hazardVerdict(run('20\n'), run('-60\n')).text, 'confirmed: prints "-60" instead of "20"');
  assert.equal(hazardVerdict(run('20\n'), run('20\n')).status, 'not-reproduced');
  assert.equal(hazardVerdict(run('1\n'), run('', 'KeyError: 1')).text, 'confirmed: prints nothing then KeyError: 1 instead of "1"');
  assert.equal(describeEnd(run('a\nb\nc\nd\n')), JSON.stringify('…b\nc\nd'));
});
