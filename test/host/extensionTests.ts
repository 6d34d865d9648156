// Runs an in-host mocha suite in code-server's real extension host: the
// workbench URL carries `extensionDevelopmentPath` and `extensionTestsPath`
// (honoured with the smoke-test driver on), and the workbench reports the
// suite's exit code through `window.codeAutomationExit`.
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Metrics, SuiteResults } from '../integration/results';
import { GREP_ENV, METRICS_ENV, RESULTS_ENV } from '../integration/results';
import { openBrowser } from './browser';
import { buildSuite } from './buildSuite';
import { newRunFolder, startCodeServer, workbenchUrl } from './codeServer';
import { EXTENSION_ID } from './paths';

export interface ExtensionTestOptions {
  /** Names the run folder under .test-host/runs. */
  readonly name: string;
  /** The folder with the extension's package.json. */
  readonly extensionPath: string;
  /** The folder of `*.test.ts` files, bundled into this run's folder. */
  readonly suiteDir: string;
  /** Only tests whose full title matches. */
  readonly grep?: string;
  readonly timeoutMs?: number;
}

export interface ExtensionTestRun extends SuiteResults {
  /** What the workbench reported: the suite's exit code, or why none came. */
  readonly exit: number | 'timeout' | 'no results';
  readonly metrics: Metrics;
  readonly seconds: number;
  readonly blocked: readonly string[];
  readonly runDir: string;
}

export async function runExtensionTests(options: ExtensionTestOptions): Promise<ExtensionTestRun> {
  const started = Date.now();
  const run = newRunFolder(options.name);
  const testsPath = await buildSuite(options.suiteDir, join(run.dir, 'tests'));
  const resultsFile = join(run.dir, 'results.json');
  const metricsFile = join(run.dir, 'metrics.json');
  const env = { [RESULTS_ENV]: resultsFile, [METRICS_ENV]: metricsFile, ...(options.grep ? { [GREP_ENV]: options.grep } : {}) };
  const server = await startCodeServer(run, { testDriver: true, env });
  try {
    const browser = await openBrowser(run);
    try {
      const url = workbenchUrl(server, run.workspace, { extensionPath: options.extensionPath, testsPath });
      const code = await runInWorkbench(browser.page, url, {
        log: join(run.dir, 'workbench.log'),
        timeoutMs: options.timeoutMs ?? 180_000,
      });
      const results = existsSync(resultsFile)
        ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResults)
        : { passed: [], failed: [] };
      const metrics = existsSync(metricsFile) ? (JSON.parse(readFileSync(metricsFile, 'utf8')) as Metrics) : {};
      return {
        ...results,
        exit: existsSync(resultsFile) || code === 'timeout' ? code : 'no results',
        metrics,
        seconds: (Date.now() - started) / 1000,
        blocked: browser.blocked,
        runDir: run.dir,
      };
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}

/** Opens the workbench and waits for the suite's exit code, which it reports through `window.codeAutomationExit`. */
/** What the extension host logged as a warning or error on behalf of this extension during a run. */
export function extensionHostComplaints(runDir: string): string[] {
  const logs = join(runDir, 'user-data', 'logs');
  if (!existsSync(logs)) return [];
  const files = readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => /exthost\d*\/remoteexthost\.log$/.test(f));
  const tag = new RegExp(`\\[(warning|error)\\] \\[${EXTENSION_ID.replace(/\./g, '\\.')}\\]`, 'i');
  return files.flatMap((f) => readFileSync(join(logs, f), 'utf8').split('\n').filter((line) => tag.test(line)));
}

async function runInWorkbench(page: Page, url: string, options: { log: string; timeoutMs: number }): Promise<number | 'timeout'> {
  let reportExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (reportExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    reportExit(code);
  });
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    appendFileSync(options.log, `[${type}] ${args.map(String).join(' ')}\n`);
  });
  await page.goto(url);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      resolve('timeout');
    }, options.timeoutMs);
  });
  const code = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  return code;
}

/** Green only when the suite ran, every test passed and the host said so. */
export function succeeded(run: ExtensionTestRun): boolean {
  return run.exit === 0 && run.failed.length === 0 && run.passed.length > 0;
}

export function report(label: string, run: ExtensionTestRun): void {
  for (const t of run.passed) console.log(`  ✔ ${t.title} (${String(t.ms)} ms)`);
  for (const t of run.failed) console.log(`  ✘ ${t.title}\n      ${t.error.split('\n').slice(0, 6).join('\n      ')}`);
  if (run.exit !== 0) console.log(`  the extension host reported: ${String(run.exit)} (logs in ${run.runDir})`);
  if (run.blocked.length > 0) {
    console.log(`  blocked ${String(run.blocked.length)} off-machine request(s), e.g. ${run.blocked[0] ?? ''}`);
  }
  console.log(`${label} took ${run.seconds.toFixed(1)} s`);
  console.log(`${label}: ${String(run.passed.length)} passed, ${String(run.failed.length)} failed`);
}
