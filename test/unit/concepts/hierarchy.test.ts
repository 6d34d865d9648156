// The concept hierarchy: what each label implies, which labels a definition
// keeps, and what a lens names when the settings leave some concepts out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONCEPT_IDS, CONCEPT_PARENTS, impliedConcepts, shownConcepts, type ConceptId, type ConceptLabel } from '../../../extension/engine/concepts';
import { labelsOf } from '../../helpers/concepts';

test('each concept implies its ancestors, nearest first', () => {
  assert.deepEqual(impliedConcepts('delegating-generator'), ['generator', 'iterator', 'iterable']);
  assert.deepEqual(impliedConcepts('inline-callbacks-coroutine'), ['enhanced-generator', 'generator', 'iterator', 'iterable']);
  assert.deepEqual(impliedConcepts('generator-coroutine'), ['generator', 'iterator', 'iterable']);
  assert.deepEqual(impliedConcepts('cps-function'), ['callback-style', 'higher-order-function']);
  assert.deepEqual(impliedConcepts('thunk'), ['higher-order-function']);
  assert.deepEqual(impliedConcepts('closure'), []);
  assert.deepEqual(impliedConcepts('async-generator'), []);
});

test('the hierarchy has no cycle: no concept implies itself', () => {
  for (const id of CONCEPT_IDS) {
    assert.ok(!impliedConcepts(id).includes(id), `${id} implies itself`);
    for (const parent of CONCEPT_PARENTS[id]) assert.ok(CONCEPT_IDS.includes(parent));
  }
});

const labels = (...ids: ConceptId[]): ConceptLabel[] => ids.map((id) => ({ id, evidence: [1] }));

test('a lens names the most specific allowed concepts: one turned off gives way to the nearest it implies that is on', () => {
  const all = new Set<string>(CONCEPT_IDS);
  const without = (...ids: string[]): Set<string> => new Set([...all].filter((id) => !ids.includes(id)));
  const both = labels('delegating-generator', 'enhanced-generator');
  assert.deepEqual(shownConcepts(both, all), ['delegating-generator', 'enhanced-generator']);
  assert.deepEqual(shownConcepts(both, without('enhanced-generator')), ['delegating-generator']);
  assert.deepEqual(shownConcepts(both, without('delegating-generator', 'enhanced-generator')), ['generator']);
  assert.deepEqual(shownConcepts(both, new Set(['iterable', 'native-coroutine'])), ['iterable']);
  assert.deepEqual(shownConcepts(both, new Set(['native-coroutine'])), []);
  assert.deepEqual(shownConcepts(labels('cps-function', 'closure'), without('cps-function', 'callback-style')), ['higher-order-function', 'closure']);
});

test('a definition keeps only its most specific labels; a coroutine\'s yields are not labelled as generator techniques again', async () => {
  const found = await labelsOf(`
    import asyncio
    from twisted.internet import defer

    def pipe(source):
        total = yield from source
        command = yield total
        return command

    @asyncio.coroutine
    def old(delay):
        yield from asyncio.sleep(delay)

    @defer.inlineCallbacks
    def flow(client):
        page = yield client.get("/")
        defer.returnValue(page)

    def cps(x, k):
        k(x + 1)
  `);
  assert.deepEqual(found, {
    pipe: { 'delegating-generator': [5], 'enhanced-generator': [6] },
    old: { 'generator-coroutine': [9, 11] },
    flow: { 'inline-callbacks-coroutine': [13, 15, 16] },
    cps: { 'cps-function': [19] },
  });
});
