import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeInterleavings } from '../../../extension/engine/interleave/model';
import { dedent, parse } from '../../helpers/parser';

test('the steps spell out the breaking schedule, preferring another function as task B', async () => {
  const file = await parse(dedent(`
    class Wallet:
        async def withdraw(self, amount):
            balance = self.balance
            await self.check()
            self.balance = balance - amount

        async def deposit(self, amount):
            self.balance += amount
  `));
  const [hazard] = analyzeInterleavings(file).hazards;
  assert.ok(hazard);
  assert.deepEqual(
    hazard.steps.map((s) => [s.task, s.action, s.function, s.line]),
    [
      ['A', 'read', 'Wallet.withdraw', 3],
      ['A', 'suspend', 'Wallet.withdraw', 4],
      ['B', 'write', 'Wallet.deposit', 8],
      ['A', 'resume', 'Wallet.withdraw', 5],
    ],
  );
  assert.equal(hazard.steps[2]?.text, 'task B (Wallet.deposit) writes self.balance at line 8');
  for (const step of hazard.steps) assert.equal(file.lineOf(file.root.descendantForIndex(step.start)!), step.line, 'offsets agree with lines');
  assert.match(hazard.message, /^Lost update: self\.balance is read at line 3 and written back at line 5 after the await at line 4; /);
  assert.deepEqual(hazard.interferers.map((w) => [w.function, w.sameFunction]), [['Wallet.withdraw', true], ['Wallet.deposit', false]]);
});

test('check-then-act steps say "checks"; with only one coroutine, task B is another instance of it', async () => {
  const file = await parse(dedent(`
    CACHE = {}

    async def get(key):
        if key not in CACHE:
            CACHE[key] = await load(key)
  `));
  const [hazard] = analyzeInterleavings(file).hazards;
  assert.deepEqual(hazard?.steps.map((s) => s.text), [
    'task A (get) checks CACHE at line 4',
    'task A (get) suspends at line 5 (await)',
    'task B (another get) writes CACHE at line 5',
    'task A (get) resumes and writes CACHE at line 5 although the check at line 4 may no longer hold',
  ]);
});
