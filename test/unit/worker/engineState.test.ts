// What the engine's worker answers, driven directly (no thread): each answer is
// plain data that survives structuredClone (what postMessage does to it) and
// passes the protocol's own check, and says what the host used to compute
// itself (lens titles, hover, code actions, lock fixes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../extension/engine/interleave/lintConfig';
import { CONCEPT_IDS } from '../../../extension/engine/concepts/concept';
import { EngineState } from '../../../extension/vscode/worker/engineState';
import { isAnswerTo, isToWorker, type AnswerOf } from '../../../extension/vscode/worker/protocol';
import { pythonParser } from '../../helpers/parser';
import { lineOf, RACY_MODULE } from './racyModule';

const URI = 'file:///w/counter.py';

async function state(): Promise<EngineState> {
  const engine = new EngineState(await pythonParser());
  engine.tell({ type: 'module', source: { path: URI, name: 'counter', isPackage: false, text: RACY_MODULE }, relativePath: 'counter.py' });
  engine.tell({ type: 'document', uri: URI, version: 3, text: RACY_MODULE });
  return engine;
}

/** The answer as the host receives it: cloned across the thread boundary and checked by the protocol. */
function received<K extends keyof AnswerOf>(kind: K, answer: AnswerOf[K]): AnswerOf[K] {
  const cloned: unknown = structuredClone(answer);
  assert.ok(isAnswerTo[kind](cloned), `a well-formed ${kind} answer: ${JSON.stringify(cloned)}`);
  return cloned;
}

test('concept lenses: the most specific shown concepts per definition, a plain function the CPS rung takes, and the ladder lens above direct style', async () => {
  const engine = await state();
  const answer = received('conceptLenses', engine.conceptLenses({ kind: 'conceptLenses', uri: URI, version: 3, shown: CONCEPT_IDS }));
  assert.ok('lenses' in answer);
  const byName = new Map(answer.lenses.map((l) => [l.name, l]));
  assert.deepEqual(byName.get('squares'), { name: 'squares', line: lineOf('def squares'), concepts: ['generator'], aboveDirect: false });
  assert.deepEqual(byName.get('add'), { name: 'add', line: lineOf('def add'), concepts: [], aboveDirect: false });
  assert.equal(byName.get('bump')?.aboveDirect, true);
  // A concept turned off gives way to the one it implies.
  const narrowed = engine.conceptLenses({ kind: 'conceptLenses', uri: URI, version: 3, shown: ['iterator'] });
  assert.deepEqual('lenses' in narrowed && narrowed.lenses.find((l) => l.name === 'squares')?.concepts, ['iterator']);
  // Another version than the worker's: skipped, the host drops it.
  assert.deepEqual(engine.conceptLenses({ kind: 'conceptLenses', uri: URI, version: 2, shown: CONCEPT_IDS }), { skipped: true });
  engine.dispose();
});

test('a lens step with its edits, and the hover with its preview', async () => {
  const engine = await state();
  const step = received('lensStep', engine.lensStep({ kind: 'lensStep', uri: URI, name: 'add', line: lineOf('def add'), publicApi: 'keep', withEdits: true }));
  assert.deepEqual(step.up, { id: 'direct-to-cps', to: 'cps', action: 'CPS' });
  assert.equal(step.step?.refusal, undefined);
  assert.ok(step.step?.edits?.some((e) => e.newText.includes('cont')), 'the step to CPS gives add a continuation');
  const hover = received('hover', engine.hover({ kind: 'hover', uri: URI, version: 3, offset: RACY_MODULE.indexOf('add(a') + 1, publicApi: 'keep' }));
  assert.match(hover.hover?.markdown ?? '', /Direct style[\s\S]*One rung up: CPS/);
  assert.equal(hover.hover?.start, RACY_MODULE.indexOf('add(a'));
  assert.deepEqual(engine.hover({ kind: 'hover', uri: URI, version: 3, offset: 0, publicApi: 'keep' }), {});
  engine.dispose();
});

test('ladder code actions and lock fixes come back as edits and reasons', async () => {
  const engine = await state();
  const actions = received('ladderActions', engine.ladderActions({ kind: 'ladderActions', uri: URI, version: 3, offset: RACY_MODULE.indexOf('return a + b'), targets: ['cps', 'async'], whole: true, publicApi: 'keep' }));
  assert.ok(!actions.skipped);
  const cps = actions.targets.find((t) => t.to === 'cps');
  assert.equal(cps?.function?.name, 'add');
  assert.ok(cps.function.edits.length > 0 && cps.function.offers.every((o) => o.refusal === undefined));
  assert.ok((cps.file?.converted ?? 0) >= 1);
  const diagnostics = engine.diagnostics({ kind: 'diagnostics', uri: URI, version: 3, modules: [], lint: DEFAULT_CONFIG });
  assert.ok('hazards' in diagnostics);
  const [hazard] = diagnostics.hazards;
  assert.ok(hazard);
  const fixes = received('lockFixes', engine.lockFixes({ kind: 'lockFixes', uri: URI, version: 3, modules: [], hazards: [{ kind: hazard.kind, writeStart: hazard.write.start }, { kind: 'lost-update', writeStart: 0 }] }));
  assert.ok(!fixes.skipped);
  assert.equal(fixes.fixes[0]?.variable, 'counter');
  assert.ok(fixes.fixes[0].state?.ok && fixes.fixes[0].state.edits.some((e) => e.newText.includes('asyncio.Lock')));
  assert.deepEqual(fixes.fixes[1], {}, 'a hazard no longer there gets nothing');
  engine.dispose();
});

test('the protocol drops messages that are not exactly its own', () => {
  assert.ok(isToWorker({ type: 'closeDocument', uri: URI }));
  assert.ok(!isToWorker({ type: 'closeDocument', uri: URI, extra: 1 }));
  assert.ok(!isToWorker({ type: 'ask', id: 1, question: { kind: 'lensStep', uri: URI } }));
  assert.ok(!isToWorker({ type: 'document', uri: URI, version: 1, text: 'x', edit: { from: 0, changes: [{ start: -1, end: 0, newText: '' }] } }));
  assert.ok(!isAnswerTo.diagnostics({ skipped: false, hazards: [{ kind: 'lost-update' }], problems: [] }));
});
