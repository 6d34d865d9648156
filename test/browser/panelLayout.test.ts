// How the interleaving panel reads for a newcomer, in headless Chromium: many
// hazards grouped by coroutine with counts, a narrow side panel (~365 px)
// where every step still says what it does, focus that stays in the panel,
// and the drawing kept but marked while the file does not parse. Screenshots
// at 365 px and at normal width, light and dark, land in test-output/layout/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { analyzeInterleavings } from '../../extension/engine/interleave/model';
import { toInterleavingView } from '../../webview/fromModel';
import { isPanelMessage, type HostMessage, type InterleavingView, type PanelContent, type PanelMessage } from '../../webview/protocol';
import { ROOT } from '../helpers/cli';
import { parse } from '../helpers/parser';
import { launchChromium, openHosted, until, writeShell, type HostedPage } from './chromiumHost';

const OUT = join(ROOT, 'test-output', 'layout');
const SHELL = join(OUT, 'shell.html');
const NARROW = 365;

let browser: Browser;

async function viewOf(name: string, source: string): Promise<InterleavingView> {
  const file = await parse(source);
  try {
    return toInterleavingView(analyzeInterleavings(file), name, (n) => file.lines.lineText(n - 1));
  } finally {
    file.dispose();
  }
}

/** 30 coroutines, each losing updates of its own five counters: 150 hazards. */
function manyCounters(): string {
  const parts = ['import asyncio', ''];
  for (let i = 0; i < 30; i++) {
    const names = ['hits', 'misses', 'bytes', 'errors', 'retries'].map((n) => `${n.toUpperCase()}_${String(i)}`);
    parts.push(...names.map((n) => `${n} = 0`), '', `async def record${String(i)}():`, `    global ${names.join(', ')}`);
    parts.push(...names.map((n, k) => `    v${String(k)} = ${n}`), '    await asyncio.sleep(0)', ...names.map((n, k) => `    ${n} = v${String(k)} + 1`), '');
  }
  return parts.join('\n');
}

before(() => {
  writeShell(SHELL, 'panel', 'test-nonce-layout');
  mkdirSync(OUT, { recursive: true });
  return launchChromium().then((b) => {
    browser = b;
  });
});

after(async () => {
  await browser.close();
});

function host(width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<HostedPage<PanelMessage>> {
  return openHosted(browser, SHELL, { isMessage: isPanelMessage, page: { colorScheme, viewport: { width, height: 900 } } });
}

const update = (content: PanelContent): HostMessage => ({ type: 'update', content, documentUri: 'file:///w/example.py' });

/** Whether any text of the selector's elements is cut off or hidden. */
function clipped(page: Page, selector: string): Promise<boolean> {
  return page.evaluate<boolean>(`[...document.querySelectorAll(${JSON.stringify(selector)})].some((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().width < 40)`);
}

test('150 hazards are grouped by coroutine, each group with its count and the state it is about', async () => {
  const view = await viewOf('counters.py', manyCounters());
  assert.equal(view.hazards.length, 150);
  const panel = await host(1000);
  const { page } = panel;
  await panel.send(update({ kind: 'model', model: view }));
  await page.waitForSelector('.hazard-item');
  assert.equal(await page.locator('.group-toggle').count(), 30);
  assert.equal(await page.textContent('#hazards-title .count'), '150');
  const first = page.locator('.group-toggle').first();
  assert.equal(await first.locator('.group-fn').textContent(), 'record0');
  assert.equal(await first.locator('.count').textContent(), '5');
  assert.equal(await first.getAttribute('aria-label'), 'record0: 5 hazards');
  assert.match((await first.locator('.group-vars').textContent()) ?? '', /HITS_0 1.*MISSES_0 1.*\+2 more/);
  // Only the selected hazard's group is open; the others open on request.
  assert.equal(await page.locator('.hazard-item').count(), 5);
  assert.equal(await page.getAttribute('.group-toggle[data-group="1"]', 'aria-expanded'), 'false');
  await page.click('.group-toggle[data-group="1"]');
  assert.equal(await page.locator('.hazard-item').count(), 10);
  assert.equal(await page.getAttribute('.group-toggle[data-group="1"]', 'aria-expanded'), 'true');
  assert.equal(await page.getAttribute('.group-toggle:focus', 'data-group'), '1', 'the toggle keeps focus');
  // Closing the selected hazard's group is allowed too.
  await page.click('.group-toggle[data-group="0"]');
  assert.equal(await page.locator('.hazard-item').count(), 5);
  await page.screenshot({ path: join(OUT, 'grouped-light.png'), fullPage: true });
  assert.deepEqual(panel.problems, []);
  await page.close();
});

test('at 365 px every step says what it does, and the stepper fits; screenshots narrow and wide, light and dark', async () => {
  const source = readFileSync(join(ROOT, 'examples', 'inventory.py'), 'utf8');
  const view = await viewOf('examples/inventory.py', source);
  assert.ok(view.hazards.length > 0);
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [NARROW, 1000]) {
      const panel = await host(width, scheme);
      const { page } = panel;
      await panel.send(update({ kind: 'model', model: view }));
      await page.waitForSelector('.step-row');
      const rows = await page.locator('.step-row').count();
      assert.equal(rows, view.hazards[0]!.steps.length);
      // Each row's words and code are shown whole: nothing clipped, nothing squeezed to nothing.
      assert.equal(await clipped(page, '.step-says'), false, `${String(width)} px: a step's words are cut`);
      for (let i = 0; i < rows; i++) {
        const words = await page.locator(`.step-row[data-step="${String(i)}"] .step-says`).innerText();
        assert.match(words, /\b(reads|checks|suspends|resumes|writes|derives|acts)\b/, `${String(width)} px, row ${String(i)}: ${words}`);
      }
      const stepper = await page.locator('.stepper').boundingBox();
      assert.ok(stepper && stepper.x + stepper.width <= width, 'the stepper fits the panel');
      if (width === NARROW) {
        // No sideways scrolling of the page itself: only the diagram may scroll within its box.
        assert.ok(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'));
        assert.equal(await page.locator('.step-row .step-num').first().isVisible(), true, 'stacked rows carry their numbers');
      }
      await page.screenshot({ path: join(OUT, `inventory-${String(width)}-${scheme}.png`), fullPage: true });
      assert.deepEqual(panel.problems, []);
      await page.close();
    }
  }
});

test('Enter on a hazard shows it in the editor without taking focus, so the arrow keys keep stepping', async () => {
  const view = await viewOf('examples/inventory.py', readFileSync(join(ROOT, 'examples', 'inventory.py'), 'utf8'));
  const panel = await host(1000);
  const { page } = panel;
  await panel.send(update({ kind: 'model', model: view }));
  await page.waitForSelector('.hazard-item');
  await page.focus('.hazard-item.is-selected');
  await page.keyboard.press('Enter');
  await until(async () => (await panel.posted()).some((m) => m.type === 'reveal'));
  const reveal = (await panel.posted()).find((m) => m.type === 'reveal');
  assert.deepEqual(reveal, { type: 'reveal', id: 1, line: view.hazards[0]!.read, focus: false });
  // The whole interleaving shows first: ← steps back from its end.
  const steps = view.hazards[0]!.steps.length;
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.textContent('.step-now'), String(steps - 1));
  assert.equal(await page.getAttribute('.hazard-item:focus', 'data-hazard'), '0');
  // A click on a step's marker moves the stepper only; a line link asks for the editor's focus.
  await page.click('.diagram g.step[data-step="0"]');
  assert.equal(await page.textContent('.step-now'), '1');
  assert.equal((await panel.posted()).filter((m) => m.type === 'reveal').length, 1);
  await page.click('.step-row[data-step="0"] .step-line');
  await until(async () => (await panel.posted()).filter((m) => m.type === 'reveal').length === 2);
  const reveals = (await panel.posted()).filter((m) => m.type === 'reveal');
  assert.deepEqual(reveals.at(-1), { type: 'reveal', id: 2, line: view.hazards[0]!.steps[0]!.line, focus: true });
  assert.deepEqual(panel.problems, []);
  await page.close();
});

test('during a syntax error the last drawing stays, marked out of date, and stepping points the editor nowhere', async () => {
  const view = await viewOf('examples/inventory.py', readFileSync(join(ROOT, 'examples', 'inventory.py'), 'utf8'));
  const panel = await host(NARROW);
  const { page } = panel;
  await panel.send(update({ kind: 'model', model: view }));
  await page.waitForSelector('.hazard-item');
  await panel.send(update({ kind: 'model', model: view, stale: { line: 7, message: 'invalid syntax' } }));
  await page.waitForSelector('.stale-note');
  assert.match((await page.textContent('.stale-note')) ?? '', /^Line 7: invalid syntax\. This is the drawing from before the edit/);
  const before = (await panel.posted()).length;
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.textContent('.step-now'), '2');
  await page.click('.step-row[data-step="0"] .step-line');
  await page.waitForSelector('.notice:not([hidden])');
  assert.match((await page.textContent('.notice')) ?? '', /does not parse/);
  assert.equal((await panel.posted()).length, before, 'no highlight or reveal of a line that may have moved');
  await page.screenshot({ path: join(OUT, 'stale-365-light.png'), fullPage: true });
  // Once it parses again the note goes and stepping selects lines again.
  await panel.send(update({ kind: 'model', model: view }));
  await until(async () => (await page.locator('.stale-note').count()) === 0);
  await page.keyboard.press('ArrowRight');
  await until(async () => (await panel.posted()).some((m) => m.type === 'highlight'));
  assert.deepEqual(panel.problems, []);
  await page.close();
});
