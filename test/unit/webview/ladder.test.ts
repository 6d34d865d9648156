// The ladder panel's renderer and protocol: columns from the real ladder of a
// real parse, the current rung marked, refusals in place, and hostile code
// from the file escaped everywhere it appears.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ladderOf } from '../../../extension/engine/ladder/ladderView';
import { toLadderView } from '../../../webview/fromLadder';
import { isLadderHostMessage, isLadderPanelMessage, isLadderPanelState, type LadderContent, type LadderView } from '../../../webview/protocol';
import { highlightPython } from '../../../webview/render/ladderCode';
import { renderLadder } from '../../../webview/render/ladderView';
import { ROOT } from '../../helpers/cli';
import { dedent, parse } from '../../helpers/parser';

async function realView(source: string, name: string): Promise<LadderView> {
  const file = await parse(source);
  try {
    const fn = file.functions.named(name)[0];
    assert.ok(fn);
    return toLadderView(ladderOf(file, name), 'prog.py', name, fn.line);
  } finally {
    file.dispose();
  }
}

function count(markup: string, pattern: RegExp): number {
  return markup.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

/** The markup's text: tags dropped, entities decoded. */
function textOf(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const recursion = readFileSync(join(ROOT, 'test', 'equivalence', 'programs', 'ladder', 'recursion.py'), 'utf8');

test('four columns bottom to top, one current, the adjacent rung offered, the refusal explained in place', async () => {
  const view = await realView(readFileSync(join(ROOT, 'test', 'equivalence', 'programs', 'ladder', 'callbacks.py'), 'utf8'), 'check');
  assert.ok(isLadderHostMessage({ type: 'update', content: { kind: 'ladder', ladder: view }, documentUri: 'file:///w/prog.py' }), 'the view passes the protocol guard');
  const markup = renderLadder({ kind: 'ladder', ladder: view });
  assert.deepEqual([...markup.matchAll(/<li class="rung [^"]*" data-rung="(\w+)"/g)].map((m) => m[1]), ['direct', 'cps', 'generator', 'async']);
  assert.equal(count(markup, /aria-current="true"/), 1);
  assert.match(markup, /<li class="rung is-current" data-rung="cps" aria-current="true">/);
  assert.match(markup, /<li class="rung is-refused" data-rung="direct">[\s\S]*?The step from CPS to direct style refuses:[\s\S]*?fetch_stock/);
  // The generator rung is one step up: it can be applied; the current rung cannot.
  assert.deepEqual([...markup.matchAll(/data-apply="(\w+)"/g)].map((m) => m[1]), ['generator']);
  assert.match(markup, /<details class="rung-helper"><summary>Adds <code>inline_callbacks<\/code> to the module/);
  // Lines new at a rung are marked; the current rung's own lines are not.
  const current = /data-rung="cps"[\s\S]*?<\/li>/.exec(markup)?.[0] ?? '';
  assert.equal(count(current, /is-changed/), 0);
  const generator = /data-rung="generator"[\s\S]*?<\/li>/.exec(markup)?.[0] ?? '';
  assert.ok(count(generator, /code-line is-changed/) >= 2);
  // Not by colour alone: each changed line carries a + sign named for screen readers, and only those.
  assert.equal(count(generator, /<span class="change-sign" role="img" aria-label="changed"><\/span>/), count(generator, /code-line is-changed/));
  assert.equal(count(current, /aria-label="changed"/), 0);
});

test('a stale ladder (the file does not parse) is drawn under a note, with nothing to apply', async () => {
  const view = await realView(readFileSync(join(ROOT, 'test', 'equivalence', 'programs', 'ladder', 'callbacks.py'), 'utf8'), 'check');
  const content = { kind: 'ladder', ladder: view, stale: { line: 12, message: "syntax error: missing ')'" } } as const;
  assert.ok(isLadderHostMessage({ type: 'update', content, documentUri: 'file:///w/prog.py' }));
  const markup = renderLadder(content);
  assert.match(markup, /<p class="banner stale-note" role="status"><b>Line 12: syntax error: missing &#39;\)&#39;\.<\/b>/);
  assert.match(markup, /data-apply="generator" disabled/);
  assert.equal(count(markup, /class="rung /), 4);
  // A refusal of a step from a generated rung says whose lines it cites; one from the file's own rung does not.
  assert.equal(count(markup, /refusal-where/), view.columns.filter((c) => c.kind === 'refused' && c.fromGenerated).length);
  assert.ok(view.columns.some((c) => c.kind === 'refused' && c.fromGenerated), 'callbacks.py refuses a step from a generated rung');
});

test('a step the ladder cannot reach says which refusal blocks it', async () => {
  const view = await realView(readFileSync(join(ROOT, 'examples', 'bank.py'), 'utf8'), 'Account.withdraw');
  const markup = renderLadder({ kind: 'ladder', ladder: view });
  const unreached = view.columns.filter((c) => c.kind === 'unreached');
  assert.equal(count(markup, /class="rung is-unreached"/), unreached.length);
  for (const c of unreached) assert.match(markup, new RegExp(`data-rung="${c.rung}">[\\s\\S]*?Not reached from here`));
});

test('the highlighter keeps every character of the code and marks what suspends', () => {
  const code = dedent(`
    @inline_callbacks
    def f(x):  # why "not"
        s = """two
        lines"""
        y = yield lambda resume: g(x, resume)
        return f"{y}" + 'ok' + 12
  `);
  const lines = highlightPython(code);
  assert.equal(lines.length, code.split('\n').length);
  assert.equal(lines.map((l) => textOf(l.html)).join('\n'), code);
  const all = lines.map((l) => l.html).join('\n');
  assert.match(all, /<span class="tok-suspend">yield<\/span>/);
  assert.match(all, /<span class="tok-decorator">@inline_callbacks<\/span>/);
  assert.match(all, /<span class="tok-comment"># why &quot;not&quot;<\/span>/);
  assert.equal(count(all, /tok-string/), 4, 'a string over two lines is marked on each');
});

test('hostile code is escaped in the code, the name, the file, the refusal and the helpers', async () => {
  const hostile = '</script><img src=x onerror="alert(1)">';
  const source = dedent(`
    def f(a):
        # ${hostile} 'quoted' "double" \u202Eevil\u202C
        return a + "${hostile.replace(/"/g, "'")}"
  `);
  const view = await realView(source, 'f');
  const hostileView: LadderView = {
    ...view,
    file: `${hostile}.py`,
    function: `f${hostile}`,
    columns: [
      ...view.columns.filter((c) => c.rung !== 'async'),
      { rung: 'async', kind: 'refused', from: 'generator', reason: `cannot: ${hostile} \u2066x\u2069`, fromGenerated: false },
    ],
  };
  const markup = renderLadder({ kind: 'ladder', ladder: hostileView });
  assert.doesNotMatch(markup, /<\/script|<img|onerror="/i);
  assert.doesNotMatch(markup, /[\u202a-\u202e\u2066-\u2069]/, 'no live bidi control');
  assert.match(markup, /⟨U\+202E⟩evil⟨U\+202C⟩/);
  assert.match(markup, /⟨U\+2066⟩x⟨U\+2069⟩/);
  assert.match(markup, /&#39;quoted&#39; &quot;double&quot;/);
  assert.match(markup, /&lt;\/script&gt;&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;\.py/);
  const empty: LadderContent = { kind: 'empty', reason: 'no-function', message: hostile };
  assert.doesNotMatch(renderLadder(empty), /<img|<\/script/);
});

test('the protocol refuses malformed ladder messages on both sides', async () => {
  const view = await realView(recursion, 'factorial');
  const update = { type: 'update', content: { kind: 'ladder', ladder: view }, documentUri: null };
  assert.ok(isLadderHostMessage(update));
  assert.ok(!isLadderHostMessage({ ...update, extra: 1 }), 'unknown fields');
  const [first, ...rest] = view.columns;
  assert.ok(first);
  assert.ok(!isLadderHostMessage({ ...update, content: { kind: 'ladder', ladder: { ...view, columns: [{ ...first, rung: 'callbacks' }, ...rest] } } }), 'an unknown rung');
  assert.ok(!isLadderHostMessage({ ...update, content: { kind: 'ladder', ladder: { ...view, columns: [...view.columns, first] } } }), 'more columns than rungs');
  assert.ok(!isLadderHostMessage({ ...update, content: { kind: 'ladder', ladder: { ...view, line: 0 } } }), 'line 0');
  assert.ok(isLadderPanelMessage({ type: 'apply', id: 3, rung: 'cps' }));
  assert.ok(!isLadderPanelMessage({ type: 'apply', id: 3, rung: '<script>' }));
  assert.ok(!isLadderPanelMessage({ type: 'apply', id: -1, rung: 'cps' }));
  assert.ok(!isLadderPanelMessage({ type: 'reveal', line: 1.5 }));
  assert.ok(isLadderPanelState({ documentUri: 'file:///a.py', function: 'A.b' }));
  assert.ok(!isLadderPanelState({ documentUri: 'file:///a.py' }));
});

test('each column names the call chain that climbs with the function, and a callee left behind says why, escaped', async () => {
  const view = await realView(readFileSync(join(ROOT, 'examples', 'ladder.py'), 'utf8'), 'hypotenuse_squared');
  const markup = renderLadder({ kind: 'ladder', ladder: view });
  assert.equal(count(markup, /<span class="rung-chain"><code>hypotenuse_squared<\/code> with <code>square<\/code>, <code>add<\/code><\/span>/), 4);
  const cps = /data-rung="cps"[\s\S]*?<\/li>/.exec(markup)?.[0] ?? '';
  assert.match(textOf(cps), /def square\(x, cont\):[\s\S]*def add\(a, b, cont\):[\s\S]*def hypotenuse_squared\(a, b, cont\):/);

  const hostile = '<img src=x onerror="alert(1)">';
  const [direct, ...rest] = view.columns;
  assert.ok(direct?.kind === 'code');
  const left: LadderView = {
    ...view,
    columns: [{ ...direct, functions: ['f', `g${hostile}`], stays: [{ function: `h${hostile}`, reason: `is called at line 3 (\`${hostile}\`)` }] }, ...rest],
  };
  assert.ok(isLadderHostMessage({ type: 'update', content: { kind: 'ladder', ladder: left }, documentUri: null }));
  const drawn = renderLadder({ kind: 'ladder', ladder: left });
  assert.doesNotMatch(drawn, /<img|onerror="/);
  assert.match(textOf(drawn), /h<img src=x onerror="alert\(1\)"> stays behind\. h<img src=x onerror="alert\(1\)"> is called at line 3 \(<img/);
  assert.ok(!isLadderHostMessage({ type: 'update', content: { kind: 'ladder', ladder: { ...view, columns: [{ ...direct, stays: [{ function: 'h' }] }, ...rest] } }, documentUri: null }), 'a stay without its reason');
  assert.ok(!isLadderHostMessage({ type: 'update', content: { kind: 'ladder', ladder: { ...view, columns: [{ ...direct, functions: [1] }, ...rest] } }, documentUri: null }), 'a name that is not a string');
});
