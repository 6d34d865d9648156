// The concept ladder panel as VS Code hosts it: the webview shell (CSP with a
// nonce, the built bundle and stylesheets) in headless Chromium with a
// stand-in for acquireVsCodeApi. The ladders come from the real conversions
// of real files; DOM assertions, the message round trip, and light/dark
// screenshots in test-output/ladder/. Needs `npm run build` and /usr/bin/chromium.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ladderOf } from '../../extension/engine/ladder/ladderView';
import { toLadderView } from '../../webview/fromLadder';
import { isLadderPanelMessage, type LadderHostMessage, type LadderPanelMessage, type LadderView } from '../../webview/protocol';
import { ROOT } from '../helpers/cli';
import { parse } from '../helpers/parser';
import { launchChromium, openHosted, until, writeShell, type HostedPage } from './chromiumHost';

const OUT = join(ROOT, 'test-output', 'ladder');
const SHELL = join(OUT, 'shell.html');

let browser: Browser;

async function viewOf(relPath: string, name: string): Promise<LadderView> {
  const file = await parse(readFileSync(join(ROOT, relPath), 'utf8'));
  try {
    const fn = file.functions.named(name)[0];
    assert.ok(fn, `${relPath} has ${name}`);
    return toLadderView(ladderOf(file, name), relPath, name, fn.line);
  } finally {
    file.dispose();
  }
}

before(async () => {
  writeShell(SHELL, 'ladder', 'test-nonce-4567', 'Concept Ladder');
  browser = await launchChromium();
});

after(async () => {
  await browser.close();
});

function host(colorScheme: 'light' | 'dark', width = 1360): Promise<HostedPage<LadderPanelMessage>> {
  return openHosted(browser, SHELL, { isMessage: isLadderPanelMessage, page: { colorScheme, viewport: { width, height: 760 } } });
}

/** `expression` (of `e`) for each column, in order. A string: the tests' types have no DOM. */
function rungs<T>(page: Page, expression: string): Promise<T[]> {
  return page.evaluate<T[]>(`[...document.querySelectorAll('.rung')].map((e) => ${expression})`);
}

const update = (view: LadderView): LadderHostMessage => ({ type: 'update', content: { kind: 'ladder', ladder: view }, documentUri: `file:///w/${view.file}` });

test('a coroutine of examples/inventory.py at every rung: current marked, the step down drawn, the refusal in place', async () => {
  const view = await viewOf('examples/inventory.py', 'ask_warehouse');
  for (const scheme of ['light', 'dark'] as const) {
    const panel = await host(scheme);
    const { page } = panel;
    await panel.send(update(view));
    await page.waitForSelector('.rung');
    assert.deepEqual(await rungs<string>(page, "e.getAttribute('data-rung')"), ['direct', 'cps', 'generator', 'async']);
    assert.equal(await page.locator('.rung.is-current').count(), 1);
    assert.equal(await page.getAttribute('.rung.is-current', 'data-rung'), 'async');
    assert.match((await page.textContent('.rung.is-current .rung-code')) ?? '', /^async def ask_warehouse\(/);
    const generator = (await page.textContent('.rung[data-rung="generator"] .rung-code')) ?? '';
    assert.match(generator, /@types\.coroutine\s+def ask_warehouse\(/);
    assert.ok((await page.locator('.rung[data-rung="generator"] .code-line.is-changed').count()) >= 2, 'the lines the step changed are marked');
    assert.match((await page.textContent('.rung[data-rung="cps"] .refusal-reason')) ?? '', /generator-based coroutine/);
    assert.match((await page.textContent('.rung[data-rung="direct"]')) ?? '', /Not reached from here/);
    // The current rung stands out: its border is the accent colour, the others' is not.
    const borders = await rungs<string>(page, 'getComputedStyle(e).borderTopColor');
    assert.equal(new Set(borders).size > 1, true, `borders: ${borders.join(', ')}`);
    // The columns sit side by side at this width.
    const tops = await rungs<number>(page, 'Math.round(e.getBoundingClientRect().top)');
    assert.equal(new Set(tops).size, 1, 'one row of four columns');
    await page.screenshot({ path: join(OUT, `inventory-ask_warehouse-${scheme}.png`), fullPage: true });
    assert.deepEqual(panel.problems, []);
    await page.close();
  }
});

test('apply asks the host for that rung; a failure comes back as a notice; the state keeps file and function', async () => {
  const view = await viewOf('examples/inventory.py', 'ask_warehouse');
  const panel = await host('light');
  const { page } = panel;
  await panel.send(update(view));
  await page.waitForSelector('[data-apply="generator"]');
  assert.equal(await page.locator('[data-apply]').count(), 1, 'only the adjacent rung that converts is offered');
  await page.click('[data-apply="generator"]');
  await until(async () => (await panel.posted()).some((m) => m.type === 'apply' && m.rung === 'generator'));
  assert.ok(await page.isDisabled('[data-apply="generator"]'), 'one request at a time');
  const apply = (await panel.posted()).find((m) => m.type === 'apply');
  assert.ok(apply?.type === 'apply');
  await panel.send({ type: 'applyResult', id: apply.id, ok: false, message: 'ask_warehouse: refused for a reason' });
  await page.waitForSelector('.notice:not([hidden])');
  assert.equal(await page.textContent('.notice'), 'ask_warehouse: refused for a reason');
  assert.ok(!(await page.isDisabled('[data-apply="generator"]')));
  await page.click('.ladder-fn');
  await until(async () => (await panel.posted()).some((m) => m.type === 'reveal' && m.line === view.line));
  assert.deepEqual(await panel.state(), { documentUri: 'file:///w/examples/inventory.py', function: 'ask_warehouse' });
  // A malformed message is dropped with a warning and changes nothing.
  await panel.send({ type: 'update', content: { kind: 'ladder', ladder: { ...view, columns: [{ rung: 'direct', kind: 'code', code: '<img src=x onerror=alert(1)>' }] } }, documentUri: null });
  await until(() => Promise.resolve(panel.problems.some((p) => /malformed/.test(p))));
  assert.equal(await page.locator('.rung').count(), 4);
  await page.close();
});

test('a whole climb, direct → CPS → inline callbacks, and a narrow panel stacks the columns', async () => {
  const view = await viewOf('test/equivalence/programs/ladder/recursion.py', 'factorial');
  for (const scheme of ['light', 'dark'] as const) {
    const panel = await host(scheme);
    await panel.send(update(view));
    await panel.page.waitForSelector('.rung');
    assert.equal(await panel.page.locator('.rung.is-code').count(), 2);
    // The generator column adds the runner; the trampoline the CPS column added stays while main still uses it.
    const helpers = panel.page.locator('.rung[data-rung="generator"] .rung-helper');
    for (const summary of await helpers.locator('summary').all()) await summary.click();
    const helperCode = await helpers.locator('.rung-code').allTextContents();
    assert.ok(helperCode.some((code) => /def inline_callbacks\(/.test(code)), `the runner is among the helpers: ${helperCode.map((c) => c.split('\n')[0]).join(' | ')}`);
    await panel.page.screenshot({ path: join(OUT, `recursion-factorial-${scheme}.png`), fullPage: true });
    assert.deepEqual(panel.problems, []);
    await panel.page.close();
  }
  for (const scheme of ['light', 'dark'] as const) {
    const narrow = await host(scheme, 365);
    await narrow.send(update(view));
    await narrow.page.waitForSelector('.rung');
    const lefts = await rungs<number>(narrow.page, 'Math.round(e.getBoundingClientRect().left)');
    assert.equal(new Set(lefts).size, 1, 'one column under another');
    assert.ok(await narrow.page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'), 'no sideways scrolling');
    // Changed lines show their + sign, not only a tint.
    const sign = narrow.page.locator('.rung[data-rung="cps"] .code-line.is-changed .change-sign').first();
    const drawn = await narrow.page.evaluate<string>(`getComputedStyle(document.querySelector('.rung[data-rung="cps"] .code-line.is-changed .change-sign'), '::before').content`);
    assert.equal(drawn, '"+"');
    assert.equal(await sign.getAttribute('aria-label'), 'changed');
    assert.equal(await sign.isVisible(), true);
    await narrow.page.screenshot({ path: join(OUT, `recursion-factorial-365-${scheme}.png`), fullPage: true });
    assert.deepEqual(narrow.problems, []);
    await narrow.page.close();
  }
});

test('the call chain climbs with the function: every header names it, the callees\' code is in each column, narrow or wide', async () => {
  const view = await viewOf('examples/ladder.py', 'hypotenuse_squared');
  for (const width of [1360, 365]) {
    const panel = await host('light', width);
    await panel.send(update(view));
    await panel.page.waitForSelector('.rung');
    assert.deepEqual(await rungs<string>(panel.page, "e.querySelector('.rung-chain')?.textContent ?? ''"), Array(4).fill('hypotenuse_squared with square, add'));
    assert.equal(await panel.page.locator('.rung-chain').first().isVisible(), true);
    assert.match((await panel.page.textContent('.rung[data-rung="cps"] .rung-code')) ?? '', /def square\(x, cont\):[\s\S]*return square\(a, lambda /);
    assert.ok(await panel.page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'), 'no sideways scrolling');
    await panel.page.screenshot({ path: join(OUT, `ladder-chain-${String(width)}.png`), fullPage: true });
    assert.deepEqual(panel.problems, []);
    await panel.page.close();
  }
});
