import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeInterleavings } from '../../../extension/engine/interleave/model';
import { toInterleavingView } from '../../../webview/fromModel';
import { isInterleavingView } from '../../../webview/protocol';
import { renderPanel } from '../../../webview/render/panelView';
import { ROOT } from '../../helpers/cli';
import { parse } from '../../helpers/parser';

test("the panel's data carries the analysis of examples/bank.py, with the text of every line it names", async () => {
  const text = readFileSync(join(ROOT, 'examples', 'bank.py'), 'utf8');
  const file = await parse(text);
  const model = analyzeInterleavings(file);
  const view = toInterleavingView(model, 'examples/bank.py', (n) => file.lines.lineText(n - 1));
  file.dispose();
  assert.ok(isInterleavingView(JSON.parse(JSON.stringify(view))), 'valid protocol data after a JSON round trip');
  assert.deepEqual(view.coroutines.map((c) => c.name), model.coroutines.map((c) => c.name));
  assert.ok(view.hazards.length > 0, 'bank.py has a hazard');
  const source = text.split('\n');
  for (const [i, h] of view.hazards.entries()) {
    const m = model.hazards[i]!;
    assert.deepEqual([h.kind, h.variable, h.function, h.read, h.suspend, h.write], [m.kind, m.variable, m.function, m.read.line, m.suspend.line, m.write.line]);
    assert.deepEqual(h.steps.map((s) => [s.task, s.action, s.line]), m.steps.map((s) => [s.task, s.action, s.line]));
    for (const line of [h.read, h.suspend, h.write, ...h.steps.map((s) => s.line), ...h.interferers.map((w) => w.line)]) {
      assert.equal(view.lines.find((l) => l.line === line)?.text, source[line - 1], `line ${String(line)}`);
    }
  }
  // Each access lands in the segment whose lines hold it.
  for (const c of view.coroutines) {
    for (const s of c.segments) for (const a of s.accesses) assert.ok(s.startLine <= a.line && a.line <= s.endLine, `${c.name} ${a.variable}`);
  }
  const markup = renderPanel({ kind: 'model', model: view }, { hazard: 0, step: 0 });
  assert.match(markup, /withdraw/);
});

test('a model over the limits is cut to them, says how much it left out, and still passes the protocol', async () => {
  const text = readFileSync(join(ROOT, 'examples', 'inventory.py'), 'utf8');
  const file = await parse(text);
  const model = analyzeInterleavings(file);
  assert.ok(model.hazards.length >= 2 && model.coroutines.length >= 3);
  const limits = { hazards: 1, coroutines: 2, lines: 5 };
  const view = toInterleavingView(model, 'examples/inventory.py', (n) => file.lines.lineText(n - 1), limits);
  file.dispose();
  assert.equal(view.hazards.length, 1);
  assert.equal(view.coroutines.length, 2);
  assert.equal(view.lines.length, 5);
  assert.deepEqual(view.omitted, { hazards: model.hazards.length - 1, coroutines: model.coroutines.length - 2 });
  // The kept hazard's own lines come first: its steps keep their captions.
  for (const s of view.hazards[0]!.steps) assert.ok(view.lines.some((l) => l.line === s.line), `step line ${String(s.line)}`);
  assert.ok(isInterleavingView(JSON.parse(JSON.stringify(view))));
  const markup = renderPanel({ kind: 'model', model: view }, { hazard: 0, step: 0 });
  assert.match(markup, new RegExp(`it shows the first 1 of ${String(model.hazards.length)} hazards and the first 2 of ${String(model.coroutines.length)} coroutines`));
  assert.match(markup, new RegExp(`id="hazards-title">Hazards <span class="count">${String(model.hazards.length)}<`), 'the hazard count is the whole count');
});
