// Schedule exploration: runs per second on a small program, and the size of
// the explored space (runs to exhaust it) with and without the sleep-set
// reduction. Runs the built CLI with python3 (Tornado with /usr/bin/python3).
// Wall-clock figures of whole explorations, not ratios to a parse: the cost is
// the Python runs, which no parse compares with.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT } from '../test/helpers/cli';

interface Report {
  runs: number;
  exhausted: boolean;
  outcomes: unknown[];
}

function explore(file: string, args: readonly string[]): { report: Report; ms: number } {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [CLI, 'explore', join(ROOT, file), '--json', ...args], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0 && run.status !== 1) throw new Error(`explore ${file}: ${run.stderr}`);
  return { report: JSON.parse(run.stdout) as Report, ms };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const SPEED = 'test/corpus/interleavings/racy/async_for_count.py';
const speeds = [1, 2, 3].map(() => {
  const { report, ms } = explore(SPEED, ['--no-reduction']);
  return (report.runs / ms) * 1000;
});
console.log(`runs per second, ${SPEED} without reduction (every schedule, 3 explorations): median ${median(speeds).toFixed(1)}`);

const SPACES: readonly (readonly [string, readonly string[]])[] = [
  ['test/corpus/interleavings/racy/account_overdraft.py', []],
  ['test/corpus/interleavings/racy/async_for_count.py', []],
  ['test/corpus/interleavings/racy/token_bucket.py', []],
  ['test/corpus/interleavings/safe/locals_only.py', []],
  ['test/corpus/interleavings/safe/instance_lock.py', []],
  ...(existsSync('/usr/bin/python3') ? ([['test/corpus/explore/tornado_withdraw.py', ['--python', '/usr/bin/python3']]] as const) : []),
];
const BUDGET = '4000';
console.log('\n| program | runs with reduction | runs without | outcomes (same both ways) |');
console.log('|---|---:|---:|---|');
for (const [file, extra] of SPACES) {
  const reduced = explore(file, [...extra, '--runs', BUDGET]).report;
  const full = explore(file, [...extra, '--runs', BUDGET, '--no-reduction']).report;
  const size = (r: Report): string => (r.exhausted ? String(r.runs) : `> ${String(Number(BUDGET) / 2)} (not exhausted)`);
  console.log(`| ${file.split('/').pop() ?? file} | ${size(reduced)} | ${size(full)} | ${String(reduced.outcomes.length)} / ${String(full.outcomes.length)} |`);
}
