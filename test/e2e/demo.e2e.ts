// README's `npm run demo`, run as a newcomer runs it: the workbench it prints
// must be the product as users get it, so a command that refuses says so in a
// notification (a test driver in the demo would swallow it).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from '../host/paths';
import { Workbench, type Scenario } from './workbench';

interface Demo {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Starts `npm run demo` in its own process group and waits for the workbench URL it prints. */
async function startDemo(): Promise<Demo> {
  const child = spawn('npm', ['run', 'demo'], {
    cwd: REPO,
    env: { ...process.env, CONCEPT_LENSES_DEMO_WEB: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = (): Promise<void> => stopGroup(child);
  const deadline = Date.now() + 300_000;
  for (;;) {
    const url = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m.exec(output)?.[1];
    if (url) return { url, output: () => output, stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`npm run demo printed no workbench URL:\n${output.split('\n').slice(-20).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** npm, the demo script and code-server all share the group started above. */
function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const force = setTimeout(() => process.kill(-pid, 'SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    process.kill(-pid, 'SIGTERM');
  });
}

export const scenarios: readonly Scenario[] = [
  {
    name: 'npm run demo serves the installed extension, and a refusing command shows its notification',
    async run(wb) {
      const demo = await startDemo();
      const page = await wb.page.context().newPage();
      try {
        await page.goto(demo.url);
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        const bench = new Workbench(page, join(REPO, 'examples'), wb.screenshots);
        try {
          // The explorer listing the examples: the workbench is ready for keys.
          await page.getByRole('treeitem', { name: 'ladder.py', exact: true }).waitFor({ timeout: 60_000 });
          // No Python editor is open, so Go to Function refuses. An open palette does not pick up
          // commands registered after it opened, so it is reopened until the extension's are there.
          const title = 'Concept Lenses: Go to Function…';
          for (let attempt = 1; ; attempt++) {
            await page.keyboard.press('F1');
            await page.locator('.quick-input-widget input').fill(`>${title}`);
            const listed = await bench.quickPickRow(title).waitFor({ timeout: 5_000 }).then(() => true, () => false);
            if (listed) break;
            if (attempt === 12) throw new Error(`"${title}" never appeared in the command palette`);
            await page.keyboard.press('Escape');
          }
          await bench.pick(title, `>${title}`);
          const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Concept Lenses: open a Python file first.' });
          await toast.waitFor({ timeout: 30_000 });
          await bench.screenshot('demo-refusal-notification');
        } catch (error) {
          await bench.screenshot('failure-demo-page').catch(() => undefined);
          throw error;
        }
      } finally {
        await page.close();
        await demo.stop();
      }
    },
  },
];
