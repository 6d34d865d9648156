// The questions behind the on-demand features, answered by the engine's worker
// (driven directly, no thread): the ladder panel, its "apply", the function at
// the cursor, the interleavings panel, Explore Schedules' hazards and Convert
// Workspace. Each answer crosses the thread boundary (structuredClone) and
// passes the protocol's own check; malformed questions and answers do not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EngineState } from '../../../extension/vscode/worker/engineState';
import { isAnswerTo, isFromWorker, isToWorker, type AnswerOf, type Notice } from '../../../extension/vscode/worker/protocol';
import { DEFAULT_CONFIG } from '../../../extension/engine/interleave/lintConfig';
import { pythonParser } from '../../helpers/parser';
import { RACY_MODULE } from './racyModule';

const URI = 'file:///w/counter.py';

function moduleOf(uri: string, name: string, text: string): Notice {
  return { type: 'module', source: { path: uri, name, isPackage: false, text }, relativePath: `${name}.py` };
}

async function state(text = RACY_MODULE, version = 3): Promise<EngineState> {
  const engine = new EngineState(await pythonParser());
  engine.tell(moduleOf(URI, 'counter', text));
  engine.tell({ type: 'document', uri: URI, version, text });
  return engine;
}

/** The answer as the host receives it: cloned across the thread boundary and checked by the protocol. */
function received<K extends keyof AnswerOf>(kind: K, answer: AnswerOf[K]): AnswerOf[K] {
  const cloned: unknown = structuredClone(answer);
  assert.ok(isAnswerTo[kind](cloned), `a well-formed ${kind} answer: ${JSON.stringify(cloned)}`);
  return cloned;
}

function applied(text: string, edits: readonly { readonly start: number; readonly end: number; readonly newText: string }[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

test('the function at an offset, for the ladder panel at the cursor', async () => {
  const engine = await state();
  assert.deepEqual(received('functionAt', engine.functionAt({ kind: 'functionAt', uri: URI, version: 3, offset: RACY_MODULE.indexOf('return a + b') })), { name: 'add' });
  assert.deepEqual(engine.functionAt({ kind: 'functionAt', uri: URI, version: 3, offset: 0 }), {});
  assert.deepEqual(engine.functionAt({ kind: 'functionAt', uri: URI, version: 2, offset: RACY_MODULE.indexOf('return a + b') }), {}, 'another version: nothing');
  engine.dispose();
});

test('the ladder panel: every rung of the function, its absence, a stale version and a syntax error', async () => {
  const engine = await state();
  const question = { kind: 'ladderPanel', uri: URI, version: 3, name: 'add', file: 'pkg/counter.py', publicApi: 'keep' } as const;
  const answer = received('ladderPanel', engine.ladderPanel(question));
  assert.equal(answer.state, 'drawn');
  assert.ok(answer.view);
  assert.equal(answer.view.file, 'pkg/counter.py');
  assert.deepEqual(answer.view.columns.map((c) => c.rung), ['direct', 'cps', 'generator', 'async']);
  const direct = answer.view.columns[0];
  assert.ok(direct?.kind === 'code' && direct.current && direct.code.includes('return a + b'));
  assert.deepEqual(engine.ladderPanel({ ...question, name: 'nowhere' }), { state: 'drawn' });
  assert.deepEqual(engine.ladderPanel({ ...question, version: 2 }), { state: 'skipped' });
  const broken = `${RACY_MODULE}\ndef oops(:\n`;
  engine.tell({ type: 'document', uri: URI, version: 4, text: broken });
  const error = received('ladderPanel', engine.ladderPanel({ ...question, version: 4 }));
  assert.equal(error.state, 'syntax-error');
  assert.ok(error.error.line === broken.split('\n').findIndex((l) => l.startsWith('def oops')) + 1);
  engine.dispose();
});

test('the ladder panel applies a column as edits, or says why not', async () => {
  const engine = await state();
  const question = { kind: 'ladderApply', uri: URI, version: 3, name: 'add', rung: 'cps', publicApi: 'keep' } as const;
  const answer = received('ladderApply', engine.ladderApply(question));
  assert.ok(answer.ok);
  assert.match(applied(RACY_MODULE, answer.edits), /def add\(a, b, \w+\):/);
  const down = received('ladderApply', engine.ladderApply({ ...question, rung: 'direct' }));
  assert.ok(!down.ok);
  assert.match(down.problem, /^add: .*only CPS functions convert to direct style/, 'a refusal names the function and says why');
  assert.deepEqual(engine.ladderApply({ ...question, name: 'gone' }), { ok: false, problem: 'The file has no function named gone any more.' });
  assert.equal(received('ladderApply', engine.ladderApply({ ...question, version: 9 })).ok, false);
  engine.dispose();
});

test('the interleavings panel draws the hazards with their lines, and Explore gets the same hazards', async () => {
  const engine = await state();
  const answer = received('interleavingPanel', engine.interleavingPanel({ kind: 'interleavingPanel', uri: URI, version: 3, file: 'counter.py' }));
  assert.ok(answer.state === 'drawn' && answer.view);
  assert.deepEqual(answer.view.hazards.map((h) => [h.kind, h.variable, h.function]), [['lost-update', 'counter', 'bump']]);
  const lines = RACY_MODULE.split('\n');
  assert.ok(answer.view.lines.length > 0);
  for (const { line, text } of answer.view.lines) assert.equal(text, lines[line - 1]);
  const hazards = received('hazards', engine.hazards({ kind: 'hazards', uri: URI, version: 3 }));
  assert.ok(!hazards.skipped);
  const diagnostics = engine.diagnostics({ kind: 'diagnostics', uri: URI, version: 3, modules: [], lint: DEFAULT_CONFIG });
  assert.ok('hazards' in diagnostics);
  // The diagnostics' spans are lines and characters (0-based) of the same writes.
  assert.deepEqual(hazards.hazards.map((h) => [h.write.line - 1, h.write.column]), diagnostics.hazards.map((h) => h.write.slice(0, 2)));
  assert.deepEqual(engine.hazards({ kind: 'hazards', uri: URI, version: 1 }), { skipped: true });
  engine.dispose();
});

const FETCH = ['import asyncio', 'import types', '', '', '@types.coroutine', 'def fetch(x):', '    yield from asyncio.sleep(0)', '    return x * 2', ''].join('\n');
const TOTAL = ['import asyncio', 'import types', 'from fetching import fetch', '', '', '@types.coroutine', 'def total():', '    v = yield from fetch(3)', '    return v + 1', ''].join('\n');

test('Convert Workspace steps the documents together against the project model, reporting each module', async () => {
  const engine = new EngineState(await pythonParser());
  const files = [
    { uri: 'file:///w/fetching.py', name: 'fetching', text: FETCH },
    { uri: 'file:///w/totals.py', name: 'totals', text: TOTAL },
  ];
  for (const f of files) {
    engine.tell(moduleOf(f.uri, f.name, f.text));
    engine.tell({ type: 'document', uri: f.uri, version: 1, text: f.text });
  }
  const reports: [number, number][] = [];
  const question = { kind: 'convertWorkspace', documents: [...files.map((f) => ({ uri: f.uri, version: 1 })), { uri: 'file:///w/unknown.py', version: 1 }], publicApi: 'keep' } as const;
  const answer = received('convertWorkspace', engine.convertWorkspace(question, (done, total) => reports.push([done, total])));
  assert.deepEqual(answer.skipped, ['file:///w/unknown.py']);
  assert.deepEqual(answer.files.map((f) => [f.uri, f.converted]), [
    ['file:///w/fetching.py', ['fetch']],
    ['file:///w/totals.py', ['total']],
  ]);
  assert.match(applied(TOTAL, answer.files[1]?.edits ?? []), /async def total\(\):\n {4}v = await fetch\(3\)/);
  assert.deepEqual(reports.slice(0, 2), [[1, 2], [2, 2]]);
  // A report that throws (the host cancelled) stops the batch.
  assert.throws(() => engine.convertWorkspace(question, () => {
    throw new Error('cancelled');
  }), /cancelled/);
  engine.dispose();
});

test('the protocol takes the new questions and messages only in their exact shape', () => {
  const ask = (question: unknown): unknown => ({ type: 'ask', id: 1, question });
  assert.ok(isToWorker(ask({ kind: 'functionAt', uri: URI, version: 1, offset: 4 })));
  assert.ok(!isToWorker(ask({ kind: 'functionAt', uri: URI, version: 1, offset: -4 })));
  assert.ok(isToWorker(ask({ kind: 'ladderPanel', uri: URI, version: 1, name: 'f', file: 'f.py', publicApi: 'keep' })));
  assert.ok(!isToWorker(ask({ kind: 'ladderPanel', uri: URI, version: 1, name: 'f', publicApi: 'keep' })), 'file is required');
  assert.ok(isToWorker(ask({ kind: 'ladderApply', uri: URI, version: 1, name: 'f', rung: 'cps', publicApi: 'refuse' })));
  assert.ok(!isToWorker(ask({ kind: 'ladderApply', uri: URI, version: 1, name: 'f', rung: 'sideways', publicApi: 'refuse' })));
  assert.ok(isToWorker(ask({ kind: 'interleavingPanel', uri: URI, version: 1, file: 'f.py' })));
  assert.ok(!isToWorker(ask({ kind: 'interleavingPanel', uri: URI, version: 1, file: 'f.py', extra: true })));
  assert.ok(isToWorker(ask({ kind: 'hazards', uri: URI, version: 1 })));
  assert.ok(!isToWorker(ask({ kind: 'hazards', uri: 7, version: 1 })));
  assert.ok(isToWorker(ask({ kind: 'convertWorkspace', documents: [{ uri: URI, version: 1 }], publicApi: 'convert' })));
  assert.ok(!isToWorker(ask({ kind: 'convertWorkspace', documents: [{ uri: URI, version: 1.5 }], publicApi: 'convert' })));
  assert.ok(!isToWorker(ask({ kind: 'convertWorkspace', documents: [{ uri: URI, version: 1 }], publicApi: 'all' })));
  assert.ok(isToWorker({ type: 'cancelled', cell: new SharedArrayBuffer(4) }));
  assert.ok(!isToWorker({ type: 'cancelled', cell: new ArrayBuffer(4) }), 'a cell the host cannot write to is no cell');
  assert.ok(!isToWorker({ type: 'cancelled', cell: new SharedArrayBuffer(8) }));
  assert.ok(isFromWorker({ type: 'progress', id: 2, done: 1, total: 3 }));
  assert.ok(!isFromWorker({ type: 'progress', id: 2, done: -1, total: 3 }));
  assert.ok(!isFromWorker({ type: 'progress', id: 2, done: 1 }));
  assert.ok(!isAnswerTo.ladderPanel({ state: 'drawn', view: { file: 'f.py', function: 'f', line: 1, columns: [{ rung: 'cps', kind: 'unreached' }] } }));
  assert.ok(!isAnswerTo.interleavingPanel({ state: 'syntax-error', error: { line: 0, message: 'x' } }), 'lines are 1-based');
  assert.ok(!isAnswerTo.interleavingPanel({ state: 'not-analysed' }));
  assert.ok(!isAnswerTo.ladderApply({ ok: true, edits: [{ start: 0, end: 1 }] }));
  assert.ok(!isAnswerTo.convertWorkspace({ files: [{ uri: URI, converted: ['f'], refused: -1, edits: [] }], skipped: [] }));
  assert.ok(!isAnswerTo.hazards({ skipped: false, hazards: [{ kind: 'lost-update' }] }));
});

test('mid-edit the worker answers where each function starts, and the diagnostics say to keep the last good ones', async () => {
  const engine = await state();
  // A broken line above add: add moves down by one.
  const broken = RACY_MODULE.replace('def squares(n):', 'def oops(:\n\ndef squares(n):');
  engine.tell({ type: 'document', uri: URI, version: 4, text: broken });
  const lenses = received('conceptLenses', engine.conceptLenses({ kind: 'conceptLenses', uri: URI, version: 4, shown: [] }));
  assert.ok('starts' in lenses);
  const line = broken.split('\n').findIndex((l) => l.startsWith('def add'));
  assert.deepEqual(lenses.starts.filter((s) => s.name === 'add'), [{ name: 'add', line }]);
  const hazardLenses = received('hazardLenses', engine.hazardLenses({ kind: 'hazardLenses', uri: URI, version: 4, lint: DEFAULT_CONFIG }));
  assert.ok('starts' in hazardLenses && hazardLenses.starts.some((s) => s.name === 'bump'));
  assert.deepEqual(received('diagnostics', engine.diagnostics({ kind: 'diagnostics', uri: URI, version: 4, modules: [], lint: DEFAULT_CONFIG })), { skipped: false, syntaxError: true });
  engine.dispose();
});

test('a file nested too deep: the status bar, the diagnostics and the panels say why it is not analysed', async () => {
  const deep = `x = ${'('.repeat(2000)}1${')'.repeat(2000)}\n`;
  const engine = await state(deep, 1);
  const reason = received('notAnalysed', engine.notAnalysed({ kind: 'notAnalysed', uri: URI, version: 1 })).reason;
  assert.match(reason ?? '', /^line 1: /);
  assert.deepEqual(engine.diagnostics({ kind: 'diagnostics', uri: URI, version: 1, modules: [], lint: DEFAULT_CONFIG }), { skipped: false, notAnalysed: reason });
  assert.deepEqual(engine.interleavingPanel({ kind: 'interleavingPanel', uri: URI, version: 1, file: 'counter.py' }), { state: 'not-analysed', reason });
  assert.deepEqual(engine.notAnalysed({ kind: 'notAnalysed', uri: URI, version: 2 }), {}, 'a version the worker does not have');
  engine.dispose();
  const fine = await state();
  assert.deepEqual(fine.notAnalysed({ kind: 'notAnalysed', uri: URI, version: 3 }), {});
  fine.dispose();
});

test('the outline lists every definition and the module-level async def main', async () => {
  const text = ['import asyncio', '', '', 'class Shop:', '    async def main(self):', '        pass', '', '', '@decorated', 'async def main():', '    pass', ''].join('\n');
  const engine = await state(text, 1);
  const outline = received('outline', engine.outline({ kind: 'outline', uri: URI, version: 1 }));
  assert.deepEqual(
    outline.definitions.map((d) => [d.name, d.kind, d.isAsync, d.line, d.endLine, text.slice(d.start, d.start + 5)]),
    [
      ['Shop', 'class', false, 4, 6, 'class'],
      ['Shop.main', 'function', true, 5, 6, 'async'],
      ['main', 'function', true, 10, 11, 'async'],
    ],
  );
  assert.deepEqual(outline.mains, [8], 'the lens sits on the decorator, 0-based');
  assert.deepEqual(received('outline', engine.outline({ kind: 'outline', uri: URI, version: 1, mainsOnly: true })), { definitions: [], mains: [8] }, 'the Explore lens gets only the mains');
  assert.deepEqual(engine.outline({ kind: 'outline', uri: URI, version: 2 }), { definitions: [], mains: [] });
  assert.ok(!isAnswerTo.outline({ definitions: [{ name: 'f', kind: 'method', isAsync: false, line: 1, endLine: 1, start: 0 }], mains: [] }));
  assert.ok(!isAnswerTo.diagnostics({ skipped: false, syntaxError: false }));
  assert.ok(!isAnswerTo.conceptLenses({ skipped: false, starts: [{ name: 'f', line: -1 }] }));
  engine.dispose();
});
