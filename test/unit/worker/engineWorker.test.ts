// The engine's worker thread, for real: worker/main.ts runs in a worker_threads
// Worker (through tsx) with the real grammar, told of documents and modules by
// the host's WorkerConnection, and answers off the asking thread. Failures of
// the worker reject the waiting questions with a clear message and the next
// question starts a fresh worker.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { threadId, Worker } from 'node:worker_threads';
import { WorkerConnection } from '../../../extension/vscode/worker/connection';
import type { Notice } from '../../../extension/vscode/worker/protocol';
import { DEFAULT_CONFIG } from '../../../extension/engine/interleave/lintConfig';
import { lineOf, RACY_MODULE } from './racyModule';

const require = createRequire(__filename);
const MAIN = require.resolve('../../../extension/vscode/worker/main.ts');
const grammar = {
  runtime: require.resolve('web-tree-sitter/tree-sitter.wasm'),
  python: require.resolve('tree-sitter-python/tree-sitter-python.wasm'),
};
// tsx's require hook compiles main.ts inside the worker, as esbuild does for dist/engineWorker.js.
const spawnReal = (): Worker => new Worker(`require('tsx/cjs'); require(${JSON.stringify(MAIN)});`, { eval: true, workerData: grammar });


const URI = 'file:///w/counter.py';
const documentOf = (text: string, version = 1): Notice => ({ type: 'document', uri: URI, version, text });
const moduleOf = (text: string): Notice => ({ type: 'module', source: { path: URI, name: 'counter', isPackage: false, text }, relativePath: 'counter.py' });

function connect(replay: () => Iterable<Notice>, failures: string[] = [], spawn = spawnReal, stuckMs?: number, needText?: (uri: string) => void): WorkerConnection {
  return new WorkerConnection(spawn, replay, (reason) => failures.push(reason), stuckMs, needText);
}

test('a lens step and the diagnostics are answered by another thread, from the worker’s own parse', async () => {
  const connection = connect(() => [moduleOf(RACY_MODULE), documentOf(RACY_MODULE)]);
  try {
    const step = await connection.ask({ kind: 'lensStep', uri: URI, name: 'add', line: lineOf('def add'), publicApi: 'keep', withEdits: false });
    assert.equal(step?.up?.to, 'cps');
    assert.ok(step.step, 'the step to CPS was taken');
    const diagnostics = await connection.ask({ kind: 'diagnostics', uri: URI, version: 1, modules: [], lint: DEFAULT_CONFIG });
    assert.ok(diagnostics && 'hazards' in diagnostics);
    assert.deepEqual(diagnostics.hazards.map((h) => [h.kind, h.variable, h.function]), [['lost-update', 'counter', 'bump']]);
    const where = await connection.ask({ kind: 'where' });
    assert.notEqual(where?.threadId, threadId);
    assert.equal(where?.answered, 2);
  } finally {
    connection.dispose();
  }
});

test('edits reach the worker incrementally; an answer for an older version is skipped', async () => {
  const connection = connect(() => [documentOf(RACY_MODULE)]);
  try {
    await connection.ask({ kind: 'where' }); // started: documents are told from now on
    const start = RACY_MODULE.indexOf('seen = counter');
    const fixed = `${RACY_MODULE.slice(0, start)}seen = 0${RACY_MODULE.slice(start + 'seen = counter'.length)}`;
    connection.tell({ type: 'documentEdit', uri: URI, version: 2, from: 1, length: fixed.length, changes: [{ start, end: start + 'seen = counter'.length, newText: 'seen = 0' }] });
    assert.deepEqual(await connection.ask({ kind: 'diagnostics', uri: URI, version: 1, modules: [], lint: DEFAULT_CONFIG }), { skipped: true });
    const diagnostics = await connection.ask({ kind: 'diagnostics', uri: URI, version: 2, modules: [], lint: DEFAULT_CONFIG });
    assert.ok(diagnostics && 'hazards' in diagnostics);
    assert.deepEqual([diagnostics.hazards, diagnostics.problems], [[], []]);
    const lenses = await connection.ask({ kind: 'hazardLenses', uri: URI, version: 2, lint: DEFAULT_CONFIG });
    assert.ok(lenses && 'lenses' in lenses);
    assert.deepEqual(lenses.lenses, []);
  } finally {
    connection.dispose();
  }
});

test('an edit the worker cannot apply makes it ask for the document\'s text, and the text brings it up to date', async () => {
  const asked: string[] = [];
  const connection = connect(() => [documentOf(RACY_MODULE)], [], spawnReal, undefined, (uri) => asked.push(uri));
  try {
    await connection.ask({ kind: 'where' });
    connection.tell({ type: 'documentEdit', uri: URI, version: 3, from: 2, length: RACY_MODULE.length, changes: [] });
    await connection.ask({ kind: 'where' }); // answered after the edit was handled
    assert.deepEqual(asked, [URI]);
    connection.tell(documentOf(RACY_MODULE, 3));
    assert.equal((await connection.ask({ kind: 'diagnostics', uri: URI, version: 3, modules: [], lint: DEFAULT_CONFIG }))?.skipped, false);
  } finally {
    connection.dispose();
  }
});

test('a worker that dies fails its questions with a clear message, is reported, and the next question starts a new one', async () => {
  const failures: string[] = [];
  let spawned = 0;
  // The first worker exits at once; later ones are real.
  const spawn = (): Worker => (spawned++ === 0 ? new Worker('process.exit(3)', { eval: true }) : spawnReal());
  const connection = connect(() => [documentOf(RACY_MODULE)], failures, spawn);
  try {
    await assert.rejects(connection.ask({ kind: 'where' }), /the analysis worker stopped \(exit code 3\)/);
    assert.deepEqual(failures, ['the analysis worker stopped (exit code 3)']);
    const diagnostics = await connection.ask({ kind: 'diagnostics', uri: URI, version: 1, modules: [], lint: DEFAULT_CONFIG });
    assert.equal(diagnostics?.skipped, false, 'the new worker was told the document again');
    assert.equal(spawned, 2);
  } finally {
    connection.dispose();
  }
});

test('a worker that stops answering is terminated and its questions fail', async () => {
  const failures: string[] = [];
  const spawn = (): Worker => new Worker('setInterval(() => {}, 1000)', { eval: true });
  const connection = connect(() => [], failures, spawn, 200);
  try {
    await assert.rejects(connection.ask({ kind: 'where' }), /did not answer for 0 s and was restarted/);
    assert.equal(failures.length, 1);
  } finally {
    connection.dispose();
  }
});

test('a cancelled question resolves to nothing', async () => {
  const connection = connect(() => [documentOf(RACY_MODULE)]);
  try {
    let cancel: () => void = () => undefined;
    const asked = connection.ask({ kind: 'lensStep', uri: URI, name: 'add', line: lineOf('def add'), publicApi: 'keep', withEdits: false }, (listener) => (cancel = listener));
    cancel();
    assert.equal(await asked, undefined);
  } finally {
    connection.dispose();
  }
});

test('Convert Workspace reports progress from the worker, and cancelling it stops it while it runs', async () => {
  // Many modules, so the batch is still running when the host hears of its first module.
  const modules = Array.from({ length: 40 }, (_, i) => ({ uri: `file:///w/m${String(i)}.py`, name: `m${String(i)}`, text: RACY_MODULE }));
  const notices = modules.flatMap((m): Notice[] => [
    { type: 'module', source: { path: m.uri, name: m.name, isPackage: false, text: m.text }, relativePath: `${m.name}.py` },
    { type: 'document', uri: m.uri, version: 1, text: m.text },
  ]);
  const connection = connect(() => notices);
  try {
    const question = { kind: 'convertWorkspace', documents: modules.map((m) => ({ uri: m.uri, version: 1 })), publicApi: 'keep' } as const;
    const reports: number[] = [];
    const done = await connection.ask({ ...question, documents: question.documents.slice(0, 2) }, undefined, (n) => reports.push(n));
    assert.deepEqual(done?.skipped, []);
    assert.deepEqual(reports.slice(0, 2), [1, 2], 'each module stepped is reported');
    let cancel: () => void = () => undefined;
    let heard = 0;
    const asked = connection.ask(question, (listener) => (cancel = listener), () => {
      heard++;
      cancel();
    });
    assert.equal(await asked, undefined);
    const where = await connection.ask({ kind: 'where' });
    assert.equal(heard, 1, 'nothing is heard of a cancelled question');
    assert.equal(where?.answered, 1, 'the cancelled batch stopped without answering; only the first was answered');
  } finally {
    connection.dispose();
  }
});
