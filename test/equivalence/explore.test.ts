// `concept-lenses explore` with the real python3: the racy corpus shows both the
// wrong and the right output, each safe twin exactly one; every static hazard of
// a racy program is confirmed by forcing its interleaving; a replayed schedule
// prints the same every time; Tornado and Twisted programs run on the controlled
// loop (under Debian's /usr/bin/python3); a program that never ends is stopped.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { CLI, ROOT, runCli } from '../helpers/cli';

const CORPUS = join(ROOT, 'test', 'corpus', 'interleavings');
const EXPLORE = join(ROOT, 'test', 'corpus', 'explore');
const SYSTEM_PYTHON = '/usr/bin/python3';

interface Step {
  task: string;
  key?: string;
  line: number | null;
  lines: number[];
  reads?: [string, string][];
  writes?: [string, string, string | null][];
}
interface Outcome {
  stdout: string;
  exception: string | null;
  count: number;
  schedule: Step[];
}
interface Report {
  runs: number;
  exhausted: boolean;
  outcomes: Outcome[];
  hazards?: { kind: string; function: string; status: string; text: string; serial: { stdout: string }; forced: { stdout: string } }[];
}

function explore(file: string, ...args: string[]): { status: number | null; report: Report; stderr: string } {
  const run = runCli(['explore', file, '--json', ...args]);
  assert.ok(run.status === 0 || run.status === 1, `explore ${file} failed (${String(run.status)}): ${run.stderr}`);
  return { status: run.status, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

/** The `# expected: N` first line: what the program prints when nothing interleaves badly. */
function expected(path: string): string {
  const match = /^# expected: (.*)$/m.exec(readFileSync(path, 'utf8'));
  assert.ok(match?.[1] !== undefined, `${path} must declare what it should print`);
  return match[1] + '\n';
}

const pythonFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.py')).sort();

before(() => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
});

/** Every hazard's verdict over the racy corpus, for the confirmation rate checked after it. */
const verdicts: { file: string; status: string; text: string }[] = [];

describe('racy programs print both the right and a wrong output', () => {
  for (const name of pythonFiles(join(CORPUS, 'racy'))) {
    test(name, () => {
      const path = join(CORPUS, 'racy', name);
      const { status, report } = explore(path, '--hazards');
      const printed = report.outcomes.map((o) => o.stdout);
      assert.ok(printed.includes(expected(path)), `the right output ${expected(path)} is among ${JSON.stringify(printed)}`);
      assert.ok(report.outcomes.length >= 2, `a wrong output too: ${JSON.stringify(printed)}`);
      assert.equal(status, 1, 'several outcomes exit 1');
      assert.ok(report.hazards && report.hazards.length > 0, 'the static analysis finds its hazard');
      for (const hazard of report.hazards) {
        assert.ok(hazard.status === 'confirmed' || hazard.status === 'not-reproduced', `${hazard.function}: ${hazard.text}`);
        if (hazard.status === 'confirmed') assert.notEqual(hazard.forced.stdout, hazard.serial.stdout);
        verdicts.push({ file: name, status: hazard.status, text: hazard.text });
      }
    });
  }

  test('forcing the static interleaving confirms at least 80% of the corpus hazards', () => {
    assert.ok(verdicts.length > 0);
    const confirmed = verdicts.filter((v) => v.status === 'confirmed').length;
    const missed = verdicts.filter((v) => v.status !== 'confirmed').map((v) => `${v.file}: ${v.text}`);
    assert.ok(confirmed / verdicts.length >= 0.8, `${String(confirmed)} of ${String(verdicts.length)} confirmed; not: ${missed.join('; ')}`);
  });

  test('the serial run prints what the program means', () => {
    const path = join(CORPUS, 'racy', 'account_overdraft.py');
    const [hazard] = explore(path, '--hazards').report.hazards ?? [];
    assert.equal(hazard?.serial.stdout, expected(path));
    assert.equal(hazard.text, 'confirmed: prints "-60" instead of "20"');
  });
});

describe('safe twins print exactly one output', () => {
  for (const name of pythonFiles(join(CORPUS, 'safe'))) {
    test(name, () => {
      const path = join(CORPUS, 'safe', name);
      const { status, report } = explore(path);
      assert.deepEqual(
        report.outcomes.map((o) => [o.stdout, o.exception]),
        [[expected(path), null]],
      );
      assert.equal(report.outcomes[0]?.count, report.runs);
      assert.equal(status, 0);
    });
  }
});

test('a replayed schedule prints the same every time, for every outcome', () => {
  const path = join(CORPUS, 'racy', 'account_overdraft.py');
  const { report } = explore(path);
  assert.ok(report.outcomes.length >= 2);
  for (const outcome of report.outcomes) {
    for (let i = 0; i < 3; i++) {
      const replay = explore(path, '--replay', JSON.stringify(outcome.schedule)).report;
      assert.equal(replay.runs, 1);
      assert.equal(replay.outcomes[0]?.stdout, outcome.stdout);
      assert.deepEqual(
        replay.outcomes[0].schedule.map((s) => [s.task, s.lines]),
        outcome.schedule.map((s) => [s.task, s.lines]),
      );
    }
  }
});

test('a schedule that does not fit the program is a clear outcome, not a crash', () => {
  const path = join(CORPUS, 'racy', 'account_overdraft.py');
  const { report } = explore(path, '--replay', JSON.stringify([{ task: 'main' }, { task: 'no_such_task' }]));
  assert.match(report.outcomes[0]?.exception ?? '', /^schedule does not match: step 2 wants no_such_task/);
});

test('each step carries the values it read and wrote', () => {
  const { report } = explore(join(CORPUS, 'racy', 'account_overdraft.py'));
  const wrong = report.outcomes.find((o) => o.stdout === '-60\n');
  assert.ok(wrong, 'the overdraft is among the outcomes');
  const writes = wrong.schedule.flatMap((s) => s.writes ?? []);
  assert.deepEqual(
    writes.filter((w) => w[0] === 'self.balance').map((w) => [w[1], w[2]]),
    [
      ['—', '100'],
      ['100', '20'],
      ['20', '-60'],
    ],
  );
  const checks = wrong.schedule.filter((s) => s.task.startsWith('Account.withdraw') && s.lines.includes(11));
  assert.deepEqual(
    checks.map((s) => s.reads?.find((r) => r[0] === 'self.balance')?.[1]),
    ['100', '100'],
    'both withdrawals check the balance before either subtracts',
  );
});

test('an exception is an outcome of its own', () => {
  const { report } = explore(join(EXPLORE, 'raises_sometimes.py'));
  assert.deepEqual(report.outcomes.map((o) => o.exception).sort(), ["KeyError: 'apple'", null].sort());
});

test('--entry runs one coroutine function instead of the __main__ block', () => {
  const path = join(EXPLORE, 'entry_race.py');
  assert.deepEqual(
    explore(path).report.outcomes.map((o) => o.stdout),
    ['1\n'],
  );
  assert.deepEqual(explore(path, '--entry', 'race').report.outcomes.map((o) => o.stdout).sort(), ['1\n', '2\n']);
});

describe('frameworks on the controlled loop', () => {
  for (const name of ['tornado_withdraw.py', 'twisted_withdraw.py']) {
    test(name, () => {
      const path = join(EXPLORE, name);
      const { report } = explore(path, '--python', SYSTEM_PYTHON);
      assert.equal(report.exhausted, true);
      assert.deepEqual(report.outcomes.map((o) => o.stdout).sort(), ['-60\n', expected(path)].sort());
      const tasks = new Set(report.outcomes.flatMap((o) => o.schedule.map((s) => s.task)));
      assert.ok(tasks.has('withdraw') && tasks.has('withdraw#2'), `the coroutines are named: ${[...tasks].join(', ')}`);
      for (const outcome of report.outcomes) {
        const replay = explore(path, '--python', SYSTEM_PYTHON, '--replay', JSON.stringify(outcome.schedule)).report;
        assert.equal(replay.outcomes[0]?.stdout, outcome.stdout);
      }
    });
  }
});

describe('programs that never end', () => {
  test('a coroutine that never yields is stopped at the per-run timeout', () => {
    const run = runCli(['explore', join(EXPLORE, 'spins_forever.py'), '--timeout', '1']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /run 1 did not finish within 1 s: the program never ends/);
  });

  test('a loop that yields forever is stopped at the step limit', () => {
    const { report } = explore(join(EXPLORE, 'ticks_forever.py'));
    assert.equal(report.outcomes.length, 1);
    assert.match(report.outcomes[0]?.exception ?? '', /^did not finish: stopped after \d+ steps/);
  });
});

test('a missing interpreter is a one-line usage error', () => {
  const run = runCli(['explore', join(CORPUS, 'safe', 'instance_lock.py'), '--python', '/nonexistent/python3']);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'concept-lenses: /nonexistent/python3 was not found: install Python 3.8 or newer, or choose an interpreter\n');
});

test('the reduction explores fewer runs and finds the same outcomes', () => {
  for (const path of [join(CORPUS, 'racy', 'async_for_count.py'), join(CORPUS, 'safe', 'locals_only.py')]) {
    const reduced = explore(path).report;
    const full = explore(path, '--no-reduction').report;
    assert.ok(reduced.exhausted && full.exhausted);
    assert.ok(reduced.runs < full.runs, `${String(reduced.runs)} < ${String(full.runs)}`);
    const outputs = (r: Report): string[] => r.outcomes.map((o) => o.stdout).sort();
    assert.deepEqual(outputs(reduced), outputs(full));
  }
});

test('past the depth-first budget, seeded random priorities: the same seed explores the same runs', () => {
  const path = join(CORPUS, 'cross_module', 'app.py');
  const first = explore(path, '--runs', '12', '--seed', '5').report;
  const again = explore(path, '--runs', '12', '--seed', '5').report;
  assert.equal(first.exhausted, false, 'this space is larger than the budget');
  assert.equal(first.runs, 12);
  assert.deepEqual(again, first);
});
