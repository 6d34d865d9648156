// The schedules panel as VS Code hosts it (webview shell with its CSP and nonce,
// the built bundle) in headless Chromium. Its outcomes come from real runs: the
// CLI explores a racy corpus program with python3, and the page draws them side
// by side, steps through a schedule, and asks the host to follow each step's
// line. Screenshots in test-output/explore/. Needs `npm run build`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Outcome } from '../../extension/engine/explore/outcomes';
import { toExploreView } from '../../webview/fromExplore';
import { isExplorePanelMessage, type ExploreHostMessage, type ExplorePanelMessage, type ExploreView } from '../../webview/protocol';
import { ROOT, runCli } from '../helpers/cli';
import { launchChromium, openHosted, until, writeShell, type HostedPage } from './chromiumHost';

const OUT = join(ROOT, 'test-output', 'explore');
const SHELL = join(OUT, 'shell.html');
const PROGRAM = 'test/corpus/interleavings/racy/account_overdraft.py';

let browser: Browser;
let view: ExploreView;

before(async () => {
  const run = runCli(['explore', PROGRAM, '--hazards', '--json']);
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as {
    runs: number;
    exhausted: boolean;
    outcomes: Outcome[];
    hazards: { line: number; status: 'confirmed' | 'not-reproduced'; text: string }[];
  };
  view = toExploreView({
    file: PROGRAM,
    runs: report.runs,
    exhausted: report.exhausted,
    outcomes: report.outcomes,
    hazards: report.hazards.map((h) => ({ line: h.line, verdict: { status: h.status, text: h.text } })),
    stopped: null,
  });
  writeShell(SHELL, 'explore', 'test-nonce-7890', 'Schedules');
  browser = await launchChromium();
});

after(async () => {
  await browser.close();
});

function host(colorScheme: 'light' | 'dark'): Promise<HostedPage<ExplorePanelMessage>> {
  return openHosted(browser, SHELL, { isMessage: isExplorePanelMessage, page: { colorScheme, viewport: { width: 1200, height: 800 } } });
}

const update = (v: ExploreView): ExploreHostMessage => ({ type: 'update', content: { kind: 'explore', view: v } });

test('the outcomes of real runs side by side, in lanes, with the values each step wrote', async () => {
  for (const scheme of ['light', 'dark'] as const) {
    const panel = await host(scheme);
    const { page } = panel;
    await panel.send(update(view));
    await page.waitForSelector('.outcome');
    assert.equal(await page.locator('.outcome').count(), 2);
    const stdout = await page.locator('.outcome .stdout').allTextContents();
    assert.deepEqual(stdout.sort(), ['-60', '20']);
    const tops = await page.evaluate(`[...document.querySelectorAll('.outcome')].map((e) => Math.round(e.getBoundingClientRect().top))`);
    assert.equal(new Set(tops as number[]).size, 1, 'side by side');
    const lanes = await page.locator('.outcome').first().locator('th').allTextContents();
    assert.deepEqual(lanes, ['main', 'Account.withdraw', 'Account.withdraw#2']);
    const wrong = page.locator('.outcome', { has: page.locator('.stdout', { hasText: '-60' }) });
    assert.deepEqual(
      (await wrong.locator('.write').allTextContents()).filter((t) => t.startsWith('self.balance')),
      ['self.balance — → 100', 'self.balance 100 → 20', 'self.balance 20 → -60'],
    );
    assert.match((await page.textContent('.verdict.confirmed')) ?? '', /line 13: confirmed: prints "-60" instead of "20"/);
    await page.screenshot({ path: join(OUT, `account_overdraft-${scheme}.png`), fullPage: true });
    assert.deepEqual(panel.problems, []);
    await page.close();
  }
});

test('stepping moves the current step and the host is asked to follow its line', async () => {
  const panel = await host('light');
  const { page } = panel;
  await panel.send(update(view));
  const first = page.locator('.outcome').first();
  const steps = view.outcomes[0]!.steps;
  await first.locator('[data-step="1"]').click();
  await first.locator('[data-step="1"]').click();
  assert.equal(await first.locator('tr.current').getAttribute('data-index'), '1');
  assert.equal(await first.locator('.position').textContent(), `step 2 of ${String(steps.length)}`);
  await until(async () => (await panel.posted()).some((m) => m.type === 'highlight' && m.line === steps[1]!.line));
  // The keyboard steps a focused outcome too.
  await first.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await first.locator('tr.current').getAttribute('data-index'), '2');
  await until(async () => (await panel.posted()).some((m) => m.type === 'highlight' && m.line === steps[2]!.line));
  await page.click('.verdict a');
  await until(async () => (await panel.posted()).some((m) => m.type === 'reveal' && m.line === 13));
  await page.close();
});

test('what the program printed is text, never markup; a malformed message changes nothing', async () => {
  const panel = await host('light');
  const { page } = panel;
  const [outcome] = view.outcomes;
  const hostile = { ...view, outcomes: [{ ...outcome!, stdout: '<img src=x onerror=alert(1)>\n', exception: '<b>boom</b>' }] };
  await panel.send(update(hostile));
  await page.waitForSelector('.outcome');
  assert.equal(await page.locator('.outcome img, .outcome b').count(), 0);
  assert.equal(await page.textContent('.outcome .stdout'), '<img src=x onerror=alert(1)>');
  await panel.send({ type: 'update', content: { kind: 'explore', view: { ...view, runs: -1 } } });
  await until(() => Promise.resolve(panel.problems.some((p) => /malformed/.test(p))));
  assert.equal(await page.locator('.outcome').count(), 1);
  await page.close();
});
