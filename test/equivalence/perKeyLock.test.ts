// The lock quick fix under the controlled explorer (extension/runtime/explore.py
// with the real python3): the racy cache loads one key twice in some schedule;
// guarded by one lock per key it never does, and loads of two different keys
// still overlap in some schedule; guarded by one lock for the whole cache,
// loads never overlap — the concurrency the per-key lock keeps.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { guardWithLock, type LockScope } from '../../extension/engine/interleave/lockFix';
import { analyzeInterleavings } from '../../extension/engine/interleave/model';
import { runExplorer } from '../../extension/runtime/runExplorer';
import { ROOT } from '../helpers/cli';
import { parse } from '../helpers/parser';

const PROGRAM = join(ROOT, 'test', 'equivalence', 'programs', 'locks', 'cache_per_key.py');
const EXPLORER = join(ROOT, 'extension', 'runtime', 'explore.py');
const dir = mkdtempSync(join(tmpdir(), 'per-key-lock-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Every distinct thing the program prints over the explored schedules. */
async function outputs(text: string, name: string): Promise<Set<string>> {
  const file = join(dir, name);
  writeFileSync(file, text);
  const result = await runExplorer({ python: 'python3', script: EXPLORER, file, runs: 300, runTimeoutMs: 20_000 });
  assert.equal(result.stopped, undefined, result.stopped?.message);
  assert.ok(result.runs.length > 1, 'more than one schedule ran');
  for (const run of result.runs) assert.equal(run.exception, null, `${name}: ${run.exception ?? ''}`);
  return new Set(result.runs.map((r) => r.stdout.trim()));
}

async function fixed(scope: LockScope): Promise<string> {
  const file = await parse(readFileSync(PROGRAM, 'utf8'));
  const model = analyzeInterleavings(file);
  const hazard = model.hazards.find((h) => h.variable === 'cache');
  assert.ok(hazard, 'the cache miss is reported');
  const fix = guardWithLock(file, model, hazard, scope);
  assert.ok(fix.ok, fix.ok ? '' : fix.reason);
  assert.deepEqual(analyzeInterleavings(fix.file).hazards.filter((h) => h.variable === 'cache'), [], 'no cache hazard is left');
  return fix.file.text;
}

test('racy: some schedule loads the same key twice', async () => {
  const seen = await outputs(readFileSync(PROGRAM, 'utf8'), 'racy.py');
  assert.ok([...seen].some((s) => s.startsWith("['a', 'a', 'b']")), [...seen].join(' | '));
});

test('one lock per key: every schedule loads each key once, and two keys still load at the same time', async () => {
  const text = await fixed('key');
  assert.match(text, /async with cache_locks\[key\]:/);
  const seen = await outputs(text, 'per_key.py');
  assert.ok([...seen].every((s) => s.startsWith("['a', 'b']")), [...seen].join(' | '));
  assert.ok(seen.has("['a', 'b'] overlapped"), [...seen].join(' | '));
});

test('one lock for the whole cache: each key once, but loads never overlap', async () => {
  const text = await fixed('state');
  assert.match(text, /async with cache_lock:/);
  assert.deepEqual([...(await outputs(text, 'whole.py'))], ["['a', 'b'] one at a time"]);
});
