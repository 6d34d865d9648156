import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { isHostMessage, isPanelMessage, isPanelState, type HostMessage, type PanelMessage } from '../../../webview/protocol';
import { PANEL_LIMITS } from '../../../webview/limits';
import { bankView } from './fixtures';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const hostMessages: HostMessage[] = [
  { type: 'update', content: { kind: 'model', model: bankView() }, documentUri: 'file:///w/bank.py' },
  { type: 'update', content: { kind: 'empty', reason: 'no-editor', message: 'Open a Python file.' }, documentUri: null },
  { type: 'selectHazard', index: 0 },
  { type: 'revealResult', id: 3, ok: false, message: 'The file was closed.' },
];

const panelMessages: PanelMessage[] = [
  { type: 'ready' },
  { type: 'reveal', id: 1, line: 20, focus: true },
  { type: 'highlight', line: 18 },
  { type: 'highlight', line: null },
];

const clone = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

/** Every message that differs from `value` in one place: a field removed, added, or of the wrong type. */
function* mutations(value: Json, path = '$'): Generator<[string, Json]> {
  const wrong: Json[] =
    // Never null or a string for a null slot: some slots take string | null.
    typeof value === 'string' ? [42, []] :
    typeof value === 'number' ? [String(value), -1, 1.5, Number.MAX_SAFE_INTEGER + 2] :
    typeof value === 'boolean' ? ['true', 0] :
    value === null ? [0, {}] :
    Array.isArray(value) ? [{}, 'x', [[]]] :
    [[], 'x', null];
  for (const w of wrong) yield [`${path} := ${JSON.stringify(w)}`, w];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      for (const [p, m] of mutations(value[i] ?? null, `${path}[${String(i)}]`)) {
        const copy = [...value];
        copy[i] = m;
        yield [p, copy];
      }
    }
  } else if (typeof value === 'object' && value !== null) {
    yield [`${path}.extra added`, { ...value, extra: 1 }];
    for (const key of Object.keys(value)) {
      const { [key]: removed, ...rest } = value;
      yield [`${path}.${key} removed`, rest];
      for (const [p, m] of mutations(removed ?? null, `${path}.${key}`)) yield [p, { ...value, [key]: m }];
    }
  }
}

test('the validators accept every well-formed message, also after a JSON round trip', () => {
  for (const m of hostMessages) assert.ok(isHostMessage(clone(m)), JSON.stringify(m).slice(0, 80));
  for (const m of panelMessages) assert.ok(isPanelMessage(clone(m)), JSON.stringify(m));
  assert.ok(isPanelState({ documentUri: null, hazard: null, step: 0 }));
});

test('a message wrong in any single field is rejected, however deep the field', () => {
  let checked = 0;
  for (const message of hostMessages) {
    for (const [where, mutated] of mutations(clone(message))) {
      assert.equal(isHostMessage(mutated), false, where);
      checked++;
    }
  }
  for (const message of panelMessages) {
    for (const [where, mutated] of mutations(clone(message))) {
      assert.equal(isPanelMessage(mutated), false, where);
      checked++;
    }
  }
  assert.ok(checked > 500, `only ${String(checked)} mutations`);
});

test('values that are not messages at all are rejected', () => {
  const junk: unknown[] = [
    undefined, null, 0, 'ready', [], [{ type: 'ready' }], { type: 'READY' }, { type: 'reveal', id: 1, line: 0 },
    { type: 'reveal', id: 1, line: Infinity }, { type: 'reveal', id: 1, line: '3' }, { type: 'update' },
    JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'),
    Object.create({ type: 'ready' }),
  ];
  for (const value of junk) {
    assert.equal(isPanelMessage(value), false, inspect(value));
    assert.equal(isHostMessage(value), false, inspect(value));
  }
  // A panel message is not a host message and the other way round.
  for (const m of panelMessages) assert.equal(isHostMessage(m), false);
  for (const m of hostMessages) assert.equal(isPanelMessage(m), false);
});

test('a persisted state must have exactly its three fields', () => {
  for (const bad of [{}, { documentUri: 1, hazard: null, step: 0 }, { documentUri: null, hazard: null, step: -1 }, { documentUri: null, hazard: null, step: 0, x: 1 }]) {
    assert.equal(isPanelState(bad), false, JSON.stringify(bad));
  }
});

test('the optional stale note and omitted counts are checked as strictly as the rest, and no list may pass the limits', () => {
  const model = { ...bankView(), omitted: { coroutines: 0, hazards: 3 } };
  const content = { kind: 'model', model, stale: { line: 4, message: 'syntax error' } } as const;
  const message: HostMessage = { type: 'update', content, documentUri: null };
  assert.ok(isHostMessage(clone(message)));
  let checked = 0;
  for (const [where, stale] of mutations(clone(content.stale), '$.stale')) {
    assert.equal(isHostMessage({ ...message, content: { ...content, stale } }), false, where);
    checked++;
  }
  for (const [where, omitted] of mutations(clone(model.omitted), '$.omitted')) {
    assert.equal(isHostMessage({ ...message, content: { ...content, model: { ...model, omitted } } }), false, where);
    checked++;
  }
  assert.ok(checked > 20);
  const hazard = model.hazards[0]!;
  const over = { ...model, hazards: Array.from({ length: PANEL_LIMITS.hazards + 1 }, () => hazard) };
  assert.equal(isHostMessage({ ...message, content: { ...content, model: over } }), false, 'one hazard over the limit');
  const at = { ...model, hazards: Array.from({ length: PANEL_LIMITS.hazards }, () => hazard) };
  assert.ok(isHostMessage({ ...message, content: { ...content, model: at } }), 'exactly at the limit');
  assert.ok(isPanelMessage({ type: 'reveal', id: 2, line: 3, focus: false }));
});
