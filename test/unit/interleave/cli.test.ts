// `concept-lenses interleavings`, run through the built CLI (npm test builds first).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli';
import { sarifProblems } from './sarifShape';

const RACY = 'test/corpus/interleavings/racy';
const SAFE = 'test/corpus/interleavings/safe';

test('human output groups hazards by file, spells out the interleaving, exits 1', () => {
  const run = runCli(['interleavings', `${RACY}/deposit_lost.py`, `${RACY}/word_counts.py`, `${SAFE}/module_lock.py`]);
  assert.equal(run.status, 1, run.stderr);
  assert.equal(
    run.stdout,
    [
      `${RACY}/deposit_lost.py`,
      '  13: lost-update of self.balance in Wallet.withdraw',
      '     1. task A (Wallet.withdraw) reads self.balance at line 11',
      '     2. task A (Wallet.withdraw) suspends at line 12 (await)',
      '     3. task B (Wallet.deposit) writes self.balance at line 16',
      "     4. task A (Wallet.withdraw) resumes and writes self.balance at line 13 from the value read at line 11, overwriting task B's write",
      '     writers: Wallet.withdraw (line 13), Wallet.deposit (line 16)',
      '',
      `${RACY}/word_counts.py`,
      '  11: lost-update of counts in tally',
      '     1. task A (tally) reads counts at line 9',
      '     2. task A (tally) suspends at line 10 (await)',
      '     3. task B (another tally) writes counts at line 11',
      "     4. task A (tally) resumes and writes counts at line 11 from the value read at line 9, overwriting task B's write",
      '',
      '2 hazards in 2 files (3 analysed).',
      '',
    ].join('\n'),
  );
});

test('directories recurse over *.py; no hazards exits 0', () => {
  const run = runCli(['interleavings', SAFE]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^No interleaving hazards in \d+ files\.\n$/);
});

test('--json has the documented shape, 1-based lines', () => {
  const run = runCli(['interleavings', '--json', `${RACY}/account_overdraft.py`]);
  assert.equal(run.status, 1, run.stderr);
  const json = JSON.parse(run.stdout) as { files: { path: string; hazards: Record<string, unknown>[] }[] };
  assert.equal(json.files.length, 1);
  const [hazard] = json.files[0]!.hazards;
  assert.deepEqual(
    { ...hazard, steps: undefined },
    {
      kind: 'check-then-act',
      severity: 'warning',
      variable: 'self.balance',
      function: 'Account.withdraw',
      read: { line: 11 },
      suspend: { line: 12, kind: 'await' },
      write: { line: 13 },
      interferers: [{ function: 'Account.withdraw', line: 13 }],
      steps: undefined,
    },
  );
  assert.deepEqual(
    (hazard!['steps'] as { task: string; action: string; line: number }[]).map((s) => [s.task, s.action, s.line]),
    [['A', 'check', 11], ['A', 'suspend', 12], ['B', 'write', 13], ['A', 'resume', 13]],
  );
});

test('--sarif is SARIF 2.1.0: required properties, closed objects, enums and bounds', () => {
  const run = runCli(['interleavings', '--sarif', RACY, SAFE]);
  assert.equal(run.status, 1, run.stderr);
  const log = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
  assert.deepEqual(sarifProblems(log), []);
  const results = log.runs[0]!.results;
  assert.ok(results.length >= 15);
  const overdraft = results.find((r) => r.locations[0]?.physicalLocation.artifactLocation.uri === `${RACY}/account_overdraft.py`);
  assert.equal(overdraft?.ruleId, 'check-then-act');
  assert.equal(overdraft.locations[0]?.physicalLocation.region.startLine, 13);
});

test('the SARIF check itself catches a missing required property and a stray one', () => {
  assert.deepEqual(sarifProblems({ version: '2.1.0', runs: [{ tool: { driver: {} }, extra: 1 }] }), [
    "$.runs[0]: 'extra' is not a run property",
    "$.runs[0].tool.driver: toolComponent requires 'name'",
  ]);
});

test('--json with --sarif, and a missing path, are usage errors (exit 2)', () => {
  assert.equal(runCli(['interleavings', '--json', '--sarif', SAFE]).status, 2);
  const missing = runCli(['interleavings', 'no/such/dir']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^concept-lenses: no\/such\/dir: cannot read \(ENOENT\)\n$/);
});
