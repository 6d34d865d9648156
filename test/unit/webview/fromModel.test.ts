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
