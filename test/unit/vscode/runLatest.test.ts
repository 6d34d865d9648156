// The diagnostics' scheduling: an edit is analysed at once, a burst of edits
// during an analysis costs one more run, and that run starts after the last edit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunLatest } from '../../../extension/vscode/runLatest';

/** A task whose runs each wait to be finished by hand, recording the state each saw when it started. */
function gatedTask(state: { value: number }) {
  const seen: number[] = [];
  const gates: (() => void)[] = [];
  const task = (): Promise<void> => {
    seen.push(state.value);
    return new Promise<void>((resolve) => gates.push(resolve));
  };
  const finish = async (): Promise<void> => {
    gates.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { task, seen, finish };
}

test('a request runs at once; requests during a run make one more run, which sees the last of them', async () => {
  const state = { value: 0 };
  const { task, seen, finish } = gatedTask(state);
  const runs = new RunLatest();
  runs.request('a.py', task);
  assert.deepEqual(seen, [0], 'the first edit is analysed at once, not after a delay');
  for (let i = 1; i <= 5; i++) {
    state.value = i;
    runs.request('a.py', task);
  }
  assert.deepEqual(seen, [0], 'nothing else starts while a run is in flight');
  await finish();
  assert.deepEqual(seen, [0, 5], 'one more run, after the last edit');
  await finish();
  assert.deepEqual(seen, [0, 5], 'and no more');
  runs.request('a.py', task);
  assert.deepEqual(seen, [0, 5, 5], 'idle again: the next edit runs at once');
});

test('keys run independently; a forgotten key drops its waiting request; a failed run still lets the next one start', async () => {
  const state = { value: 0 };
  const a = gatedTask(state);
  const b = gatedTask(state);
  const runs = new RunLatest();
  runs.request('a.py', a.task);
  runs.request('b.py', b.task);
  assert.deepEqual([a.seen, b.seen], [[0], [0]]);
  runs.request('a.py', a.task);
  runs.forget('a.py');
  await a.finish();
  assert.deepEqual(a.seen, [0], 'a closed document is not analysed again');
  let failures = 0;
  const failing = (): Promise<void> => {
    failures++;
    return Promise.reject(new Error('worker gone'));
  };
  runs.request('c.py', failing);
  runs.request('c.py', failing);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(failures, 2);
});
