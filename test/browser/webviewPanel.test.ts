// The panel as VS Code hosts it: the webview shell (CSP, nonce'd bundle,
// stylesheet from the extension's folder) in Chromium, with a stand-in for
// acquireVsCodeApi that records what the panel posts and keeps its state.
// Proves the message round trip, validation of incoming messages, state
// restored after a reload, and the theme taken from VS Code's variables.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { analyzeInterleavings } from '../../extension/engine/interleave/model';
import { toInterleavingView } from '../../webview/fromModel';
import { isPanelMessage, isPanelState, type HostMessage, type InterleavingView, type PanelMessage } from '../../webview/protocol';
import { ROOT } from '../helpers/cli';
import { parse } from '../helpers/parser';
import { launchChromium, openHosted, until, writeShell, type HostedPage } from './chromiumHost';

const OUT = join(ROOT, 'test-output', 'webview');
const SHELL = join(OUT, 'shell.html');

/** Colours of VS Code's "Dark High Contrast" theme, as the workbench sets them on the webview. */
const HIGH_CONTRAST: Record<string, string> = {
  '--vscode-foreground': '#ffffff',
  '--vscode-editor-background': '#000000',
  '--vscode-editorWidget-background': '#0c141f',
  '--vscode-textCodeBlock-background': '#0a0a0a',
  '--vscode-descriptionForeground': '#ffffff',
  '--vscode-contrastBorder': '#6fc3df',
  '--vscode-contrastActiveBorder': '#f38518',
  '--vscode-focusBorder': '#f38518',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-list-activeSelectionBackground': '#000000',
  '--vscode-button-background': '#000000',
  '--vscode-button-border': '#6fc3df',
};

let browser: Browser;
let view: InterleavingView;

before(async () => {
  writeShell(SHELL, 'panel', 'test-nonce-0123');
  const source = readFileSync(join(ROOT, 'examples', 'inventory.py'), 'utf8');
  const file = await parse(source);
  view = toInterleavingView(analyzeInterleavings(file), 'examples/inventory.py', (n) => file.lines.lineText(n - 1));
  file.dispose();
  assert.ok(view.hazards.length >= 2, 'inventory.py has two hazards to pick from');
  browser = await launchChromium();
});

after(async () => {
  await browser.close();
});

type Hosted = HostedPage<PanelMessage> & { readonly warnings: string[] };

/** Opens the shell with a fake VS Code API; `state` is what getState() returns at start. */
async function host(state: unknown, theme?: Record<string, string>): Promise<Hosted> {
  const hosted = await openHosted(browser, SHELL, {
    isMessage: isPanelMessage,
    page: { viewport: { width: 1000, height: 820 } },
    state,
    init: `
      const theme = ${JSON.stringify(theme ?? null)};
      if (theme) {
        document.addEventListener('DOMContentLoaded', () => {
          for (const [k, v] of Object.entries(theme)) document.documentElement.style.setProperty(k, v);
          document.body.classList.add('vscode-high-contrast');
        });
      }
    `,
  });
  return { ...hosted, warnings: hosted.problems };
}

const update = (documentUri: string | null = 'file:///w/inventory.py'): HostMessage => ({
  type: 'update',
  content: { kind: 'model', model: view },
  documentUri,
});

test('the panel asks for content, draws it, and posts only valid highlight and reveal messages', async () => {
  const panel = await host(undefined);
  const { page } = panel;
  assert.equal(await page.locator('.loading').count(), 1, 'a loading line until the host answers');
  await panel.send(update());
  await page.waitForSelector('.hazard-item');
  assert.equal(await page.locator('.hazard-item').count(), view.hazards.length);
  // Stepping posts the current line for the editor to highlight.
  await page.keyboard.press('Home');
  const steps = view.hazards[0]!.steps;
  await until(async () => (await panel.posted()).some((m) => m.type === 'highlight' && m.line === steps[0]!.line));
  // Clicking a step marker moves the stepper there, which highlights its line; its line link reveals it with focus.
  await page.click('.diagram g.step[data-step="2"]');
  await until(async () => (await panel.posted()).some((m) => m.type === 'highlight' && m.line === steps[2]!.line));
  assert.equal(await page.getAttribute('.step-row.is-current', 'data-step'), '2');
  await page.click('.step-row[data-step="2"] .step-line');
  await until(async () => (await panel.posted()).some((m) => m.type === 'reveal' && m.line === steps[2]!.line && m.focus));
  // A failed reveal comes back as a notice.
  const reveal = (await panel.posted()).find((m) => m.type === 'reveal');
  assert.ok(reveal?.type === 'reveal');
  await panel.send({ type: 'revealResult', id: reveal.id, ok: false, message: 'The file is no longer open.' });
  await page.waitForSelector('.notice:not([hidden])');
  assert.equal(await page.textContent('.notice'), 'The file is no longer open.');
  assert.deepEqual(panel.warnings, []);
  await page.close();
});

test('malformed host messages are dropped and leave the drawing as it was', async () => {
  const panel = await host(undefined);
  const { page } = panel;
  await panel.send(update());
  await page.waitForSelector('.hazard-item');
  const before = await page.innerHTML('#root');
  const bad: unknown[] = [
    { type: 'update', content: { kind: 'model', model: { ...view, hazards: 'none' } }, documentUri: null },
    { type: 'update', content: { kind: 'empty', reason: 'no-editor', message: 'x', extra: '<img src=x onerror=alert(1)>' }, documentUri: null },
    { type: 'selectHazard', index: -1 },
    { type: 'selectHazard', index: '1' },
    { type: 'unknown' },
    '<script>alert(1)</script>',
  ];
  for (const message of bad) await panel.send(message);
  await panel.send({ type: 'revealResult', id: 1, ok: true, message: '' }); // a valid one after them, as a barrier
  await until(() => Promise.resolve(panel.warnings.length === bad.length));
  assert.equal(await page.innerHTML('#root'), before);
  assert.ok(panel.warnings.every((w) => w.includes('malformed message')), panel.warnings.join('\n'));
  await page.close();
});

test('the chosen hazard and step survive a reload through getState/setState', async () => {
  const first = await host(undefined);
  await first.send(update());
  await first.page.waitForSelector('.hazard-item');
  await first.page.click('.hazard-item[data-hazard="1"]');
  await first.page.click('[data-action="first"]');
  const saved = await first.state();
  assert.ok(isPanelState(saved), JSON.stringify(saved));
  assert.equal(saved.step, 0);
  assert.equal(saved.documentUri, 'file:///w/inventory.py');
  await first.page.close();

  // A new webview (after a reload) gets the saved state back and restores the selection.
  const second = await host(saved);
  await second.send(update());
  await second.page.waitForSelector('.hazard-item');
  assert.equal(await second.page.getAttribute('.hazard-item.is-selected', 'data-hazard'), '1');
  assert.equal(await second.page.getAttribute('.step-row.is-current', 'data-step'), '0');
  // The host can pick a hazard for it, as a lens does.
  await second.send({ type: 'selectHazard', index: 0 });
  await until(async () => (await second.page.getAttribute('.hazard-item.is-selected', 'data-hazard')) === '0');
  assert.deepEqual(second.warnings, []);
  await second.page.close();
});

test("in a high-contrast theme the panel takes VS Code's colours", async () => {
  const panel = await host(undefined, HIGH_CONTRAST);
  const { page } = panel;
  await panel.send(update());
  await page.waitForSelector('.hazard-item');
  const colours = await page.evaluate(`(() => {
    const css = (selector, property) => getComputedStyle(document.querySelector(selector)).getPropertyValue(property).trim();
    return {
      background: css('body', 'background-color'),
      text: css('body', 'color'),
      write: css('.diagram .mk-write .mk-shape', 'fill'),
      laneBorder: css('.lane', 'border-top-color'),
    };
  })()`);
  assert.deepEqual(colours, {
    background: 'rgb(0, 0, 0)',
    text: 'rgb(255, 255, 255)',
    write: 'rgb(241, 76, 76)',
    laneBorder: 'rgb(111, 195, 223)',
  });
  await page.screenshot({ path: join(OUT, 'inventory-high-contrast.png'), fullPage: true });
  assert.deepEqual(panel.warnings, []);
  await page.close();
});
