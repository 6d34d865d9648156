// The standalone interleavings page in headless Chromium: the examples'
// hazards drawn and stepped with DOM assertions, hostile source text shown as
// written without running, and light/dark screenshots in test-output/.
// Needs the built bundles (npm run build) and Debian's /usr/bin/chromium.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { analyzeInterleavings } from '../../extension/engine/interleave/model';
import type { InterleavingModel } from '../../extension/engine/interleave/model';
import { ROOT, runCli } from '../helpers/cli';
import { parse } from '../helpers/parser';
import { launchChromium, until } from './chromiumHost';

const OUT = join(ROOT, 'test-output', 'interleavings');
const EXAMPLES = join(ROOT, 'examples');

let browser: Browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser.close();
});

interface Written {
  readonly htmlPath: string;
  readonly model: InterleavingModel;
  readonly lines: readonly string[];
}

/** Writes the page of `relPath` (from the repository root) with the built CLI's `--html`. */
async function writePage(relPath: string, name: string): Promise<Written> {
  const source = readFileSync(join(ROOT, relPath), 'utf8');
  const file = await parse(source);
  const model = analyzeInterleavings(file);
  file.dispose();
  const htmlPath = join(OUT, `${name}.html`);
  const run = runCli(['interleavings', relPath, '--html', htmlPath]);
  assert.equal(run.status, model.hazards.length > 0 ? 1 : 0, run.stderr);
  return { htmlPath, model, lines: source.split(/\r\n|\n|\r/) };
}

/** A Python file of the test's own under test-output/, as a path from the repository root. */
function writeSource(name: string, source: string): string {
  mkdirSync(join(OUT, 'src'), { recursive: true });
  writeFileSync(join(OUT, 'src', name), source);
  return relative(ROOT, join(OUT, 'src', name));
}

interface Opened {
  readonly page: Page;
  /** Console errors, page errors and CSP reports, which must stay empty. */
  readonly problems: string[];
  /** Requests the page tried to make: an offline file makes none. */
  readonly requests: string[];
}

async function open(htmlPath: string, colorScheme: 'light' | 'dark', width = 1100): Promise<Opened> {
  const page = await browser.newPage({ colorScheme, viewport: { width, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') && url.endsWith('.html')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  await page.goto(`file://${htmlPath}`);
  await page.waitForSelector('#root .title');
  return { page, problems, requests };
}

const stepNow = (page: Page): Promise<string | null> => page.textContent('.step-now');
const currentRow = (page: Page): Promise<string | null> => page.getAttribute('.step-row.is-current', 'data-step');

function examplesWithCoroutines(): string[] {
  return readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.py'))
    .filter((name) => /\basync\s+def\b/.test(readFileSync(join(EXAMPLES, name), 'utf8')))
    .sort();
}

test('every example with coroutines: hazards listed, lanes and steps drawn, stepper and hover work', async () => {
  const names = examplesWithCoroutines();
  assert.ok(names.includes('bank.py'), 'examples/bank.py is among the examples');
  for (const name of names) {
    const { htmlPath, model, lines } = await writePage(`examples/${name}`, name.replace(/\.py$/, ''));
    for (const scheme of ['light', 'dark'] as const) {
      const { page, problems, requests } = await open(htmlPath, scheme);
      assert.equal(await page.locator('.lanes > .lane').count(), model.coroutines.length, name);
      assert.equal(await page.locator('.hazard-item').count(), model.hazards.length, name);
      const first = model.hazards[0];
      if (first) {
        const tasks = new Set(first.steps.map((s) => s.task));
        assert.equal(await page.locator('.diagram .lane-head').count(), tasks.size, `${name}: one lane per task`);
        assert.equal(await page.locator('.step-row').count(), first.steps.length, name);
        assert.equal(await page.locator('.diagram g.step').count(), first.steps.length, name);
        // Each row names its line and shows that line's code as written.
        for (const [i, step] of first.steps.entries()) {
          const row = page.locator(`.step-row[data-step="${String(i)}"]`);
          assert.equal(await row.locator('.step-line').textContent(), String(step.line));
          assert.equal(await row.locator('code').textContent(), lines[step.line - 1]?.trim());
        }
        // The whole interleaving shows first; Home, arrows and play walk it.
        assert.equal(await stepNow(page), String(first.steps.length));
        await page.keyboard.press('Home');
        assert.equal(await currentRow(page), '0');
        await page.keyboard.press('ArrowRight');
        assert.equal(await currentRow(page), '1');
        assert.equal(await stepNow(page), '2');
        assert.equal(await page.locator('.diagram g.step.is-future').count(), first.steps.length - 2);
        await page.click('[data-action="previous"]');
        assert.equal(await currentRow(page), '0');
        await page.click('[data-action="play"]');
        assert.equal(await page.getAttribute('[data-action="play"]', 'aria-pressed'), 'true');
        await until(async () => (await stepNow(page)) === String(first.steps.length));
        await until(async () => (await page.getAttribute('[data-action="play"]', 'aria-pressed')) === 'false');
        // Hovering a step's marker shows its code line.
        const read = first.steps[0]!;
        await page.hover('.diagram g.step[data-step="0"]');
        assert.equal(await page.locator('.hover-card').isVisible(), true);
        assert.equal(await page.textContent('.hover-card code'), lines[read.line - 1]?.trim());
        assert.equal(await page.textContent('.hover-card .hover-line'), `line ${String(read.line)}`);
        await page.mouse.move(0, 0);
      }
      if (model.hazards.length > 1) {
        await page.focus('.hazard-item.is-selected');
        await page.keyboard.press('ArrowDown');
        assert.equal(await page.getAttribute('.hazard-item.is-selected', 'data-hazard'), '1');
        assert.equal(await page.getAttribute('.hazard-item:focus', 'data-hazard'), '1');
        assert.equal(await page.locator('.step-row').count(), model.hazards[1]!.steps.length);
        await page.keyboard.press('ArrowUp');
      }
      await page.screenshot({ path: join(OUT, `${name.replace(/\.py$/, '')}-${scheme}.png`), fullPage: true });
      assert.deepEqual(problems, [], name);
      assert.deepEqual(requests, [], `${name} reached for the network`);
      await page.close();
    }
  }
});

test('a file without hazards or without coroutines shows a clear empty state', async () => {
  const safe = await writePage(
    writeSource('safe.py', 'import asyncio\n\nasync def tick(n):\n    await asyncio.sleep(0)\n    return n + 1\n'),
    'empty-safe',
  );
  const none = await writePage(writeSource('plain.py', 'def plain(x):\n    return x * 2\n'), 'empty-plain');
  for (const [written, heading] of [
    [safe, 'No interleaving hazards'],
    [none, 'No coroutines here'],
  ] as const) {
    const { page, problems } = await open(written.htmlPath, 'light', 800);
    assert.equal(await page.textContent('.empty h2'), heading);
    assert.equal(await page.locator('.diagram').count(), 0);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(OUT, `${written.htmlPath.endsWith('empty-safe.html') ? 'empty-safe' : 'empty-plain'}-light.png`) });
    await page.close();
  }
});

test('code with </script>, quotes, tags and bidi controls shows as written and runs nothing', async () => {
  const hostile = '</script><script>window.__pwned = 1</script> "double" \'single\' <b>bold</b> <img src=x onerror="window.__pwned = 2">';
  const bidi = 'access \u202e nimda \u2066 hidden \u2069 end';
  const source = [
    'import asyncio',
    '',
    'PAGES = {}',
    '',
    '',
    'async def render(key):',
    `    page = PAGES.get(key)  # ${hostile}`,
    `    await asyncio.sleep(0)  # ${bidi}`,
    `    PAGES[key] = (page or "") + "${hostile.replace(/"/g, '\\"')}"`,
    '',
  ].join('\n');
  // The file name is hostile too: the page names the file as the command was given it.
  const displayPath = writeSource('q"<img src=x onerror=alert(1)> &amp;\u202e.py', source);
  const { htmlPath, model, lines } = await writePage(displayPath, 'hostile');
  assert.ok(model.hazards.length > 0, 'the hostile file has a hazard to draw');
  const { page, problems, requests } = await open(htmlPath, 'light');
  assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined');
  // Only the page's own two script elements (data and bundle), no element from user text.
  assert.equal(await page.locator('script').count(), 2);
  assert.equal(await page.locator('#root img, #root script, #root b:not(.step-now)').count(), 0);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp ?? '', /^default-src 'none'; style-src 'nonce-[^']+'; script-src 'nonce-[^']+';$/);
  // The file name and every code line read exactly as written, bidi controls made visible.
  const shown = (text: string): string => text.replace(/[\u202e\u2066\u2069]/g, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase()}⟩`);
  assert.equal(await page.textContent('.title .file'), shown(displayPath));
  const steps = model.hazards[0]!.steps;
  for (const [i, step] of steps.entries()) {
    const code = await page.textContent(`.step-row[data-step="${String(i)}"] code`);
    assert.equal(code, shown(lines[step.line - 1]!.trim()));
  }
  assert.ok(steps.some((s) => s.line === 7), 'the read on the </script> line is a step');
  const body = await page.locator('body').innerText();
  assert.ok(body.includes('</script><script>window.__pwned = 1</script>'));
  assert.ok(body.includes('⟨U+202E⟩'));
  assert.doesNotMatch(body, /[\u202a-\u202e\u2066-\u2069]/);
  await page.hover('.diagram g.step[data-step="0"]');
  assert.equal(await page.textContent('.hover-card code'), shown(lines[steps[0]!.line - 1]!.trim()));
  await page.screenshot({ path: join(OUT, 'hostile-light.png'), fullPage: true });
  assert.deepEqual(problems, []);
  assert.deepEqual(requests, []);
  await page.close();
});
