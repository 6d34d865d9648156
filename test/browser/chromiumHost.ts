// What the browser tests share: Debian's headless Chromium, and a webview page
// opened the way VS Code hosts it (the shell with its CSP and nonce'd bundle,
// plus a stand-in for acquireVsCodeApi that records what the page posts and
// keeps its state). Needs `npm run build` and /usr/bin/chromium.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webviewShell } from '../../webview/render/document';
import { ROOT } from '../helpers/cli';

const ASSETS = pathToFileURL(join(ROOT, 'dist', 'webview')).href;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Writes the webview shell for the built `bundle` (its .css and .js) to `path`, as VS Code would serve it. */
export function writeShell(path: string, bundle: string, nonce: string, title?: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    webviewShell({
      cspSource: 'file:',
      styleUri: `${ASSETS}/${bundle}.css`,
      scriptUri: `${ASSETS}/${bundle}.js`,
      nonce,
      ...(title === undefined ? {} : { title }),
    }),
  );
}

export interface HostedPage<Message> {
  readonly page: Page;
  /** Console warnings and errors, page errors (CSP violations among them). */
  readonly problems: string[];
  posted(): Promise<Message[]>;
  state(): Promise<unknown>;
  send(message: unknown): Promise<void>;
}

export interface HostOptions<Message> {
  /** The protocol's check: every posted message must pass it. */
  readonly isMessage: (message: unknown) => message is Message;
  readonly page: NonNullable<Parameters<Browser['newPage']>[0]>;
  /** What getState() returns at start. */
  readonly state?: unknown;
  /** More script to run before the page's own. */
  readonly init?: string;
}

/** Opens the shell at `shellPath` under a fake VS Code API and waits for the page's 'ready'. */
export async function openHosted<Message extends { readonly type: string }>(
  browser: Browser,
  shellPath: string,
  options: HostOptions<Message>,
): Promise<HostedPage<Message>> {
  const page = await browser.newPage(options.page);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'log') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  // A string, not a function: tsx would wrap a function with helpers the page lacks.
  await page.addInitScript(`
    window.__posted = [];
    let current = ${options.state === undefined ? 'undefined' : JSON.stringify(options.state)};
    window.__state = () => current;
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__posted.push(m),
      getState: () => current,
      setState: (s) => { current = s; },
    });
    ${options.init ?? ''}
  `);
  await page.goto(pathToFileURL(shellPath).href);
  const posted = async (): Promise<Message[]> => {
    const all = await page.evaluate<unknown[]>('window.__posted');
    for (const m of all) assert.ok(options.isMessage(m), `the panel posted a malformed message: ${JSON.stringify(m)}`);
    return all as Message[];
  };
  await until(async () => (await posted()).some((m) => m.type === 'ready'));
  return {
    page,
    problems,
    posted,
    state: () => page.evaluate('window.__state()'),
    send: (message) => page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`),
  };
}

/** Polls `condition` (panels redraw and play on timers) for up to ten seconds. */
export async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the panel');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
