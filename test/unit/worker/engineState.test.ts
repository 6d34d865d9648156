// What the engine's worker answers, driven directly (no thread): each answer is
// plain data that survives structuredClone (what postMessage does to it) and
// passes the protocol's own check, and says what the host used to compute
// itself (lens titles, hover, code actions, lock fixes).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../extension/engine/interleave/lintConfig';
import { CONCEPT_IDS } from '../../../extension/engine/concepts/concept';
import { EngineState } from '../../../extension/vscode/worker/engineState';
import { isAnswerTo, isToWorker, type AnswerOf } from '../../../extension/vscode/worker/protocol';
import { pythonParser } from '../../helpers/parser';
import { lineOf, RACY_MODULE } from './racyModule';

const URI = 'file:///w/counter.py';
const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

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
  assert.deepEqual(byName.get('squares'), { name: 'squares', line: lineOf('def squares'), concepts: ['generator'], aboveDirect: false, climbs: false });
  assert.deepEqual(byName.get('add'), { name: 'add', line: lineOf('def add'), concepts: [], aboveDirect: false, climbs: true });
  assert.equal(byName.get('bump')?.aboveDirect, true);
  // A concept turned off gives way to the one it implies.
  const narrowed = engine.conceptLenses({ kind: 'conceptLenses', uri: URI, version: 3, shown: ['iterator'] });
  assert.deepEqual('lenses' in narrowed && narrowed.lenses.find((l) => l.name === 'squares')?.concepts, ['iterator']);
  // Another version than the worker's: skipped, the host drops it.
  assert.deepEqual(engine.conceptLenses({ kind: 'conceptLenses', uri: URI, version: 2, shown: CONCEPT_IDS }), { skipped: true });
  engine.dispose();
});

test('a lens says whether its function climbs a rung exactly when its step finds a conversion up, on every example', async () => {
  const engine = new EngineState(await pythonParser());
  let climbing = 0;
  let still = 0;
  for (const name of readdirSync(EXAMPLES).filter((n) => n.endsWith('.py'))) {
    const uri = `file:///w/${name}`;
    engine.tell({ type: 'document', uri, version: 1, text: readFileSync(join(EXAMPLES, name), 'utf8') });
    const answer = received('conceptLenses', engine.conceptLenses({ kind: 'conceptLenses', uri, version: 1, shown: CONCEPT_IDS }));
    assert.ok('lenses' in answer, name);
    for (const lens of answer.lenses) {
      const { up } = engine.lensStep({ kind: 'lensStep', uri, name: lens.name, line: lens.line, publicApi: 'keep', withEdits: false });
      assert.equal(lens.climbs, up !== undefined, `${name}: ${lens.name}`);
      if (lens.climbs) climbing++;
      else still++;
    }
  }
  // Both kinds occur: the lenses that do not climb get their title without a step.
  assert.ok(climbing > 0 && still > 0, `${String(climbing)} climbing, ${String(still)} not`);
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
  // The quick fix names a hazard by its write's offset, as the host reads it off the diagnostic's range.
  const [line, character] = hazard.write;
  const writeStart = RACY_MODULE.split('\n').slice(0, line).reduce((offset, text) => offset + text.length + 1, character);
  assert.equal(RACY_MODULE.slice(writeStart).split('\n')[0]?.trim().startsWith('counter'), true, 'the write is the assignment to counter');
  const fixes = received('lockFixes', engine.lockFixes({ kind: 'lockFixes', uri: URI, version: 3, modules: [], hazards: [{ kind: hazard.kind, writeStart }, { kind: 'lost-update', writeStart: 0 }] }));
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
  assert.ok(!isToWorker({ type: 'documentEdit', uri: URI, version: 1, from: 0, length: 1, changes: [{ start: -1, end: 0, newText: '' }] }));
  assert.ok(!isToWorker({ type: 'document', uri: URI, version: 1, text: 'x', edit: { from: 0, changes: [] } }));
  assert.ok(!isAnswerTo.diagnostics({ skipped: false, hazards: [{ kind: 'lost-update' }], problems: [] }));
});

test('an edit is told as its changes: applied to the version it starts from, the model\'s module follows it, and the text is asked for when the worker has not that version', async () => {
  const engine = await state();
  const start = RACY_MODULE.indexOf('seen = counter');
  const change = { start, end: start + 'seen = counter'.length, newText: 'seen = 0' };
  const fixed = `${RACY_MODULE.slice(0, start)}seen = 0${RACY_MODULE.slice(change.end)}`;
  assert.equal(engine.tell({ type: 'documentEdit', uri: URI, version: 4, from: 3, length: fixed.length, changes: [change] }), undefined);
  assert.equal(engine.model.module(URI)?.text, fixed, 'the project model has the edited text');
  const diagnostics = engine.diagnostics({ kind: 'diagnostics', uri: URI, version: 4, modules: [], lint: DEFAULT_CONFIG });
  assert.ok('hazards' in diagnostics);
  assert.deepEqual([diagnostics.hazards, diagnostics.problems], [[], []]);
  // From a version the worker does not have, or to a length the host does not have: the host must send the text.
  assert.equal(engine.tell({ type: 'documentEdit', uri: URI, version: 6, from: 5, length: fixed.length, changes: [] }), URI);
  assert.equal(engine.tell({ type: 'documentEdit', uri: URI, version: 5, from: 4, length: fixed.length + 1, changes: [{ start: 0, end: 0, newText: '#' }, { start: 0, end: 0, newText: '#' }] }), URI);
  assert.equal(engine.diagnostics({ kind: 'diagnostics', uri: URI, version: 4, modules: [], lint: DEFAULT_CONFIG }).skipped, false, 'the last good version is kept');
  // A module told while its document is open keeps the document's text.
  engine.tell({ type: 'module', source: { path: URI, name: 'counter', isPackage: false, text: RACY_MODULE }, relativePath: 'counter.py' });
  assert.equal(engine.model.module(URI)?.text, fixed);
  engine.dispose();
});

test('an answer equal to the one the host holds comes back as unchanged; a changed one, or one the host does not hold, in full', async () => {
  const engine = await state();
  const ask = (version: number, known?: number) => received('diagnostics', engine.diagnostics({ kind: 'diagnostics', uri: URI, version, modules: [], lint: DEFAULT_CONFIG, ...(known === undefined ? {} : { known }) }));
  const first = ask(3);
  assert.ok('generation' in first && first.hazards.length === 1);
  assert.ok(!('steps' in (first.hazards[0] ?? {})), 'a diagnostic does not carry the panel\'s steps');
  assert.deepEqual(ask(3, first.generation), { skipped: false, unchanged: first.generation });
  // Typing on the first line moves every offset after it but no line or character of a hazard: still unchanged.
  const firstLineEnd = RACY_MODULE.indexOf('\n');
  const edited = `${RACY_MODULE.slice(0, firstLineEnd)}  ${RACY_MODULE.slice(firstLineEnd)}`;
  engine.tell({ type: 'documentEdit', uri: URI, version: 4, from: 3, length: edited.length, changes: [{ start: firstLineEnd, end: firstLineEnd, newText: '  ' }] });
  assert.deepEqual(ask(4, first.generation), { skipped: false, unchanged: first.generation });
  // A host that holds an older answer (it dropped the last one as stale) gets it in full.
  const again = ask(4, first.generation - 1);
  assert.ok('generation' in again && again.generation !== first.generation);
  // Fixing the race changes the answer.
  const start = edited.indexOf('seen = counter');
  const fixed = `${edited.slice(0, start)}seen = 0${edited.slice(start + 'seen = counter'.length)}`;
  engine.tell({ type: 'documentEdit', uri: URI, version: 5, from: 4, length: fixed.length, changes: [{ start, end: start + 'seen = counter'.length, newText: 'seen = 0' }] });
  const after = ask(5, again.generation);
  assert.ok('hazards' in after && after.hazards.length === 0);
  const lenses = received('conceptLenses', engine.conceptLenses({ kind: 'conceptLenses', uri: URI, version: 5, shown: [...CONCEPT_IDS] }));
  assert.ok('generation' in lenses);
  assert.deepEqual(engine.conceptLenses({ kind: 'conceptLenses', uri: URI, version: 5, shown: [...CONCEPT_IDS], known: lenses.generation }), { skipped: false, unchanged: lenses.generation });
  engine.dispose();
});
