import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InterleavingView, PanelContent } from '../../../webview/protocol';
import { escape } from '../../../webview/render/escape';
import { INITIAL_LIST, LIST_PAGE } from '../../../webview/render/hazardList';
import { layoutHazard } from '../../../webview/render/layout';
import { OVERVIEW_PAGE } from '../../../webview/render/overview';
import { renderPanel } from '../../../webview/render/panelView';
import { bankView, mapStrings } from './fixtures';

const model = (view: InterleavingView = bankView()): PanelContent => ({ kind: 'model', model: view });

function count(markup: string, pattern: RegExp): number {
  return markup.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

/** The class lists of elements with a data-step attribute, by step. */
function stepClasses(markup: string): Map<number, Set<string>> {
  const states = new Map<number, Set<string>>();
  for (const m of markup.matchAll(/class="([^"]*)"[^>]*?data-step="(\d+)"/g)) {
    const set = states.get(Number(m[2])) ?? new Set<string>();
    for (const c of (m[1] ?? '').split(' ')) if (c.startsWith('is-')) set.add(c);
    states.set(Number(m[2]), set);
  }
  return states;
}

test('a hazard with another coroutine: two lanes, blocks split at the suspension, a wait on A', () => {
  const hazard = bankView().hazards[0]!;
  const layout = layoutHazard(hazard);
  assert.deepEqual(layout.lanes.map((l) => [l.task, l.function, l.instance]), [
    ['A', 'Account.withdraw', null],
    ['B', 'Account.deposit', null],
  ]);
  // A: read+suspend, B: write, A: resume (and write).
  assert.deepEqual(layout.blocks, [
    { lane: 0, first: 0, last: 1 },
    { lane: 1, first: 2, last: 2 },
    { lane: 0, first: 3, last: 3 },
  ]);
  assert.deepEqual(layout.waits, [{ lane: 0, from: 1, to: 3 }]);
  assert.ok(layout.lanes[0]!.x < layout.lanes[1]!.x && layout.lanes[1]!.x < layout.width);
});

test('a coroutine racing with itself gets two lanes, one per instance', () => {
  const hazard = bankView().hazards[1]!;
  const lanes = layoutHazard(hazard).lanes;
  assert.deepEqual(lanes.map((l) => [l.task, l.instance]), [['A', 'instance 1'], ['B', 'instance 2']]);
  const markup = renderPanel(model(), { hazard: 1, step: 0 });
  assert.equal(count(markup, /class="lane-instance"/), 2);
  assert.match(markup, />instance 2</);
});

test('the panel draws lanes, markers, the path, the list, the legend and the overview', () => {
  const view = bankView();
  const markup = renderPanel(model(view), { hazard: 0, step: 99 });
  const hazard = view.hazards[0]!;
  const diagram = /<svg class="diagram"[\s\S]*?<\/svg>/.exec(markup)?.[0] ?? '';
  assert.equal(count(diagram, /<g class="step mk-/), hazard.steps.length);
  assert.equal(count(diagram, /<path class="edge /), hazard.steps.length - 1);
  assert.equal(count(diagram, /class="edge edge-switch/), 2, 'A→B and B→A cross lanes');
  assert.equal(count(markup, /<li class="step-row/), hazard.steps.length);
  assert.equal(count(markup, /role="option"/), view.hazards.length);
  assert.equal(count(markup, /aria-selected="true"/), 1);
  assert.equal(count(markup, /<li class="lane/), view.coroutines.length);
  assert.equal(count(markup, /<li class="seg"/), view.coroutines.reduce((n, c) => n + c.segments.length, 0));
  assert.equal(count(markup, /<li class="susp"/), view.coroutines.reduce((n, c) => n + c.suspensions.length, 0));
  const accesses = view.coroutines.flatMap((c) => c.segments.flatMap((s) => s.accesses));
  assert.equal(count(markup, /class="access acc-read[^"]*link/), accesses.filter((a) => a.kind === 'read').length);
  assert.equal(count(markup, /class="access acc-write[^"]*link/), accesses.filter((a) => a.kind === 'write').length);
  assert.match(markup, /class="legend"/);
  assert.match(markup, /Lost update/);
  // Every line the drawing links to carries its code for the hover card.
  for (const m of markup.matchAll(/data-line="(\d+)" data-code="([^"]*)"/g)) {
    assert.equal(m[2], escape(view.lines.find((l) => l.line === Number(m[1]))?.text.trim() ?? ''), `line ${m[1] ?? ''}`);
  }
});

test('the current step splits the steps into past, current and future', () => {
  const steps = bankView().hazards[0]!.steps.length;
  for (let current = 0; current < steps; current++) {
    const states = stepClasses(renderPanel(model(), { hazard: 0, step: current }));
    assert.equal(states.size, steps);
    for (const [step, classes] of states) {
      const expected = step < current ? 'is-past' : step === current ? 'is-current' : 'is-future';
      assert.deepEqual([...classes], [expected], `step ${String(step)} at ${String(current)}`);
    }
  }
  // Out-of-range selections are clamped, not drawn empty.
  const clamped = renderPanel(model(), { hazard: 7, step: 99 });
  assert.match(clamped, /aria-label="Account.withdraw: 2 hazards"/);
  assert.match(clamped, /aria-selected="true"[^>]*tabindex="0">\s*<span class="hz-kind">Lost update<\/span> <code class="hz-var">self.balance<\/code>\s*<span class="hz-where">read 18 → suspend 19 → write 20 · written by <code>Account.withdraw<\/code>/);
  assert.match(clamped, /Step <b class="step-now">4<\/b> of 4/);
});

test('rendering is a pure function: same input, same output, input untouched', () => {
  const view = bankView();
  const frozen = JSON.parse(JSON.stringify(view)) as InterleavingView;
  const deepFreeze = (v: unknown): void => {
    if (typeof v === 'object' && v !== null) {
      Object.freeze(v);
      for (const x of Object.values(v)) deepFreeze(x);
    }
  };
  deepFreeze(frozen);
  const a = renderPanel(model(frozen), { hazard: 1, step: 2 });
  const b = renderPanel(model(bankView()), { hazard: 1, step: 2 });
  assert.equal(a, b);
  assert.deepEqual(frozen, view);
});

test('empty states say why there is nothing to draw', () => {
  const none = renderPanel({ kind: 'empty', reason: 'no-editor', message: 'Open a Python file to see its coroutines.' }, { hazard: 0, step: 0 });
  assert.match(none, /class="empty"/);
  assert.match(none, /Open a Python file to see its coroutines\./);
  const noCoroutines = renderPanel(model({ ...bankView(), coroutines: [], hazards: [] }), { hazard: 0, step: 0 });
  assert.match(noCoroutines, /No coroutines here/);
  assert.doesNotMatch(noCoroutines, /class="diagram"/);
  const safe = renderPanel(model({ ...bankView(), hazards: [] }), { hazard: 0, step: 0 });
  assert.match(safe, /No interleaving hazards/);
  assert.match(safe, /class="overview"/, 'the coroutines are still drawn');
  assert.doesNotMatch(safe, /class="stepper"/);
});

test('user strings are escaped everywhere and bidi controls shown, in every part of the panel', () => {
  const hostile = '</script><script>window.pwned=1</script><img src=x onerror="pwned()">\'\u202e';
  const view = mapStrings(bankView(), (text) => `${text}${hostile}`);
  const markup = renderPanel(model(view), { hazard: 0, step: 2 });
  assert.equal(count(markup, /<script/), 0);
  assert.equal(count(markup, /<img/), 0);
  assert.equal(count(markup, /\u202e/), 0);
  assert.ok(count(markup, /&lt;\/script&gt;&lt;script&gt;window\.pwned=1/) > 10);
  assert.ok(count(markup, /⟨U\+202E⟩/) > 10);
  // Every tag is a name and well-quoted attributes, none an event handler: no user text broke out.
  for (const m of markup.matchAll(/<[a-z][^>]*>/g)) {
    const tag = m[0];
    assert.match(tag, /^<[a-z][a-z0-9-]*(\s+[a-z][a-zA-Z0-9:-]*(="[^"<>]*")?)*\s*\/?>$/, tag);
    assert.doesNotMatch(tag, /\son[a-z]+="/, tag);
  }
});

test('however many hazards and coroutines, the markup holds one page of groups, of open items and of lanes', () => {
  const base = bankView();
  const [hazard] = base.hazards;
  const [coroutine] = base.coroutines;
  assert.ok(hazard && coroutine);
  // 3,000 hazards over 1,000 coroutines, three each, with a hostile name among them.
  const names = Array.from({ length: 1000 }, (_, i) => (i === 7 ? '<img src=x onerror=alert(1)>' : `Worker${String(i)}.run`));
  const view: InterleavingView = {
    ...base,
    coroutines: names.map((name) => ({ ...coroutine, name })),
    hazards: names.flatMap((fn) => [0, 1, 2].map((k) => ({ ...hazard, function: fn, variable: `self.v${String(k)}` }))),
  };
  const markup = renderPanel(model(view), { hazard: 2000, step: 0 });
  assert.equal(count(markup, /class="group-toggle"/), LIST_PAGE + 1, 'a page of groups, plus the selected hazard’s group beyond it');
  assert.equal(count(markup, /role="option"/), 3, 'only the selected group is open');
  assert.match(markup, /<li role="option" class="hazard-item kind-lost-update is-selected" data-hazard="2000"/);
  assert.equal(count(markup, /<li class="lane/), OVERVIEW_PAGE);
  assert.match(markup, /Show 50 more \(of 1,000 coroutines\)/);
  assert.ok(markup.length < 400_000, `${String(markup.length)} characters`);
  assert.doesNotMatch(markup, /<img/);
  // Opening a group, and more of the list, are the caller's to ask for.
  const opened = renderPanel(model(view), { hazard: 0, step: 0, list: { ...INITIAL_LIST, toggled: new Map([['Worker1.run', true]]), groups: 2 * LIST_PAGE } });
  assert.equal(count(opened, /class="group-toggle"/), 2 * LIST_PAGE);
  assert.equal(count(opened, /role="option"/), 6);
  // One coroutine with 300 hazards: a page of them, plus the selected one far down.
  const one: InterleavingView = { ...base, hazards: Array.from({ length: 300 }, (_, k) => ({ ...hazard, variable: `self.v${String(k)}` })) };
  const deep = renderPanel(model(one), { hazard: 250, step: 0 });
  assert.equal(count(deep, /role="option"/), LIST_PAGE + 1);
  assert.match(deep, /data-hazard="250" aria-selected="true"/);
  assert.match(deep, /Show 50 more \(of 300 hazards\)/);
});

test('a stale drawing says so above everything else', () => {
  const markup = renderPanel({ kind: 'model', model: bankView(), stale: { line: 3, message: 'syntax error near <' } }, { hazard: 0, step: 0 });
  assert.match(markup, /^<header class="title">[\s\S]*?<\/header>\n<p class="banner stale-note" role="status"><b>Line 3: syntax error near &lt;\.<\/b>/);
  assert.doesNotMatch(renderPanel(model(), { hazard: 0, step: 0 }), /stale-note|limit-note/);
});
