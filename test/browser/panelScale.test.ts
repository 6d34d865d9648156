// The interleaving panel under very large files, in headless Chromium: 10,000
// hazards from the real analysis of a generated module, and 100,000 (those
// hazards repeated under other coroutine names). The panel must stay bounded —
// a click or a step touches a bounded part of the DOM, whatever the count —
// and say what it leaves out rather than drop anything silently. Work is
// measured as DOM size and mutations, never as wall time.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { interleavingsHtml } from '../../extension/cli/renderHtml';
import { analyzeInterleavings, type InterleavingModel } from '../../extension/engine/interleave/model';
import type { SourceFile } from '../../extension/engine';
import { toInterleavingView } from '../../webview/fromModel';
import { PANEL_LIMITS } from '../../webview/limits';
import { isPanelMessage, type HostMessage, type InterleavingView, type PanelMessage } from '../../webview/protocol';
import { LIST_PAGE } from '../../webview/render/hazardList';
import { ROOT } from '../helpers/cli';
import { parse } from '../helpers/parser';
import { launchChromium, openHosted, until, writeShell, type HostedPage } from './chromiumHost';

const OUT = join(ROOT, 'test-output', 'scale');
const SHELL = join(OUT, 'shell.html');
/** Every element the panel may hold, whatever the file: a few pages of list, one diagram, one page of lanes. */
const MAX_ELEMENTS = 6_000;
/** Nodes a step may touch: the current hazard's marks, never the list or the lanes. */
const MAX_STEP_MUTATIONS = 200;

let browser: Browser;
let file: SourceFile;
let tenThousand: InterleavingModel;

/** A module of `n` coroutines, each a lost update of its own global with another run of itself. */
function counters(n: number): string {
  const parts = ['import asyncio', ''];
  for (let i = 0; i < n; i++) {
    parts.push(`C${String(i)} = 0`, '', `async def bump${String(i)}():`, `    global C${String(i)}`, `    x = C${String(i)}`, '    await asyncio.sleep(0)', `    C${String(i)} = x + 1`, '');
  }
  return parts.join('\n');
}

/** The model's hazards and coroutines `times` over, the copies named as other coroutines (`bump3_2`). */
function repeated(model: InterleavingModel, times: number): InterleavingModel {
  const rename = (fn: string, k: number): string => (k === 0 ? fn : `${fn}_${String(k)}`);
  const copies = Array.from({ length: times }, (_, k) => k);
  return {
    ...model,
    coroutines: copies.flatMap((k) => model.coroutines.map((c) => ({ ...c, name: rename(c.name, k) }))),
    hazards: copies.flatMap((k) =>
      model.hazards.map((h) => ({
        ...h,
        function: rename(h.function, k),
        steps: h.steps.map((s) => ({ ...s, function: rename(s.function, k) })),
        interferers: h.interferers.map((w) => ({ ...w, function: rename(w.function, k) })),
      })),
    ),
  };
}

const viewOf = (model: InterleavingModel): InterleavingView =>
  toInterleavingView(model, 'counters.py', (n) => file.lines.lineText(n - 1));

before(async () => {
  mkdirSync(OUT, { recursive: true });
  writeShell(SHELL, 'panel', 'test-nonce-scale');
  file = await parse(counters(10_000));
  tenThousand = analyzeInterleavings(file);
  assert.equal(tenThousand.hazards.length, 10_000, 'one hazard per generated coroutine');
  browser = await launchChromium();
});

after(async () => {
  file.dispose();
  await browser.close();
});

async function host(width = 1000): Promise<HostedPage<PanelMessage>> {
  return openHosted(browser, SHELL, { isMessage: isPanelMessage, page: { viewport: { width, height: 900 } } });
}

const update = (model: InterleavingView): HostMessage => ({ type: 'update', content: { kind: 'model', model }, documentUri: 'file:///w/counters.py' });

const elements = (page: Page): Promise<number> => page.evaluate<number>('document.getElementsByTagName("*").length');

/** Runs `act` and counts the nodes it added, removed or changed the attributes of. */
async function mutationsOf(page: Page, act: () => Promise<void>): Promise<number> {
  await page.evaluate(`(() => {
    window.__mutations = 0;
    window.__observer = new MutationObserver((records) => {
      for (const r of records) window.__mutations += r.type === 'childList' ? r.addedNodes.length + r.removedNodes.length : 1;
    });
    window.__observer.observe(document.getElementById('root'), { subtree: true, childList: true, attributes: true, characterData: true });
  })()`);
  await act();
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))');
  return page.evaluate<number>('(() => { window.__observer.disconnect(); return window.__mutations; })()');
}

test('10,000 hazards: grouped by coroutine, a page at a time, and every click or step touches a bounded DOM', async () => {
  const view = viewOf(tenThousand);
  assert.equal(view.omitted, undefined, 'within the limits nothing is left out');
  const panel = await host();
  const { page } = panel;
  await panel.send(update(view));
  await page.waitForSelector('.hazard-item.is-selected');
  assert.equal(await page.textContent('#hazards-title .count'), '10000');
  assert.equal(await page.locator('.group-toggle').count(), LIST_PAGE, 'one page of groups');
  assert.equal(await page.locator('.hazard-item').count(), 1, 'only the selected hazard’s group is open');
  assert.ok((await elements(page)) < MAX_ELEMENTS, `${String(await elements(page))} elements`);

  // A step changes a few classes of the drawn hazard, nothing else.
  const stepping = await mutationsOf(page, async () => {
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
  });
  assert.equal(await page.textContent('.step-now'), '2');
  assert.ok(stepping < MAX_STEP_MUTATIONS, `a step touched ${String(stepping)} nodes`);

  // ↓ from the last hazard of a group goes to the next group, opening it; the DOM stays bounded.
  await page.focus('.hazard-item.is-selected');
  const moving = await mutationsOf(page, () => page.keyboard.press('ArrowDown'));
  assert.equal(await page.getAttribute('.hazard-item:focus', 'data-hazard'), '1');
  assert.ok(moving < MAX_ELEMENTS, `selecting a hazard touched ${String(moving)} nodes`);

  // More groups come a page at a time, on request.
  await page.click('[data-more-groups]');
  assert.equal(await page.locator('.group-toggle').count(), 2 * LIST_PAGE);
  assert.ok((await elements(page)) < MAX_ELEMENTS);
  await page.click('.group-toggle[data-group="70"]');
  assert.equal(await page.getAttribute('.group-toggle[data-group="70"]', 'aria-expanded'), 'true');
  await page.click('.group-toggle[data-group="70"] ~ .hazard-list .hazard-item');
  assert.equal(await page.getAttribute('.hazard-item.is-selected', 'data-hazard'), '70');
  assert.equal(await page.textContent('.summary-title button'), 'bump70');
  assert.deepEqual(panel.problems, []);
  await page.close();
});

test('100,000 hazards: the host sends the first 10,000 and the panel says so; an uncut message is refused aloud', async () => {
  const model = repeated(tenThousand, 10);
  assert.equal(model.hazards.length, 100_000);
  const view = viewOf(model);
  assert.deepEqual(view.omitted, { hazards: 100_000 - PANEL_LIMITS.hazards, coroutines: 100_000 - PANEL_LIMITS.coroutines });
  assert.ok(view.lines.length <= PANEL_LIMITS.lines);

  const panel = await host(1000);
  const { page } = panel;
  await panel.send(update(view));
  await page.waitForSelector('.limit-note');
  assert.match((await page.textContent('.limit-note')) ?? '', /the first 10,000 of 100,000 hazards and the first 10,000 of 100,000 coroutines/);
  assert.equal(await page.textContent('#hazards-title .count'), '100000');
  assert.ok((await elements(page)) < MAX_ELEMENTS);
  const stepping = await mutationsOf(page, () => page.keyboard.press('Home'));
  assert.equal(await page.textContent('.step-now'), '1');
  assert.ok(stepping < MAX_STEP_MUTATIONS, `a step touched ${String(stepping)} nodes`);
  assert.deepEqual(panel.problems, []);
  await page.screenshot({ path: join(OUT, 'hundred-thousand.png') });
  await page.close();

  // A message over the limits (an older host, say) is dropped, and the panel says so instead of "Reading the file…".
  const uncut = await host(1000);
  const whole: InterleavingView = { ...view, hazards: Array.from({ length: 100_000 }, (_, i) => view.hazards[i % view.hazards.length]!) };
  await uncut.send(update(whole));
  await uncut.page.waitForSelector('.empty[role="alert"]');
  assert.equal(await uncut.page.locator('.loading').count(), 0);
  assert.match((await uncut.page.textContent('.empty')) ?? '', /could not read what it was sent/);
  await uncut.page.close();
});

test('the standalone HTML of 100,000 hazards loads bounded, and its stepper works', async () => {
  const model = repeated(tenThousand, 10);
  const htmlPath = join(OUT, 'hundred-thousand.html');
  writeFileSync(htmlPath, interleavingsHtml(file, model, 'counters.py', join(ROOT, 'dist', 'webview')));
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  await page.goto(`file://${htmlPath}`);
  await page.waitForSelector('.limit-note');
  assert.ok((await elements(page)) < MAX_ELEMENTS);
  const last = (await page.textContent('.step-now')) ?? '';
  await page.keyboard.press('Home');
  await until(async () => (await page.textContent('.step-now')) === '1');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.textContent('.step-now'), '2');
  assert.notEqual(last, '2');
  assert.deepEqual(problems, []);
  await page.close();
});
