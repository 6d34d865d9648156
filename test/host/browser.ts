// Debian's Chromium driven by playwright-core, in a fresh profile, with every
// request that leaves the loopback interface aborted and counted.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from './paths';
import type { RunFolder } from './codeServer';

export interface Browser {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Off-machine URLs the workbench tried to reach (all were aborted). */
  readonly blocked: readonly string[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function openBrowser(run: RunFolder): Promise<Browser> {
  const profile = mkdtempSync(join(run.dir, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: { ...process.env, HOME: join(run.dir, 'home') },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-crash-reporter',
    ],
  });
  const blocked: string[] = [];
  await context.route(
    (url) => /^(https?|wss?):$/.test(url.protocol) && !LOOPBACK.has(url.hostname),
    (route) => {
      blocked.push(route.request().url());
      return route.abort();
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    context,
    blocked,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
