// `npm run test:e2e`: the packaged .vsix installed into a fresh code-server as
// a user would, the workbench opened on a fresh copy of examples/, and every
// scenario of test/e2e/*.e2e.ts driven through Chromium in turn.
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser } from './browser';
import { installExtension, newRunFolder, startCodeServer, workbenchUrl } from './codeServer';
import { extensionHostComplaints } from './extensionTests';
import { REPO, TEST_OUTPUT } from './paths';
import { provision } from './provision';
import { Workbench, type Scenario } from '../e2e/workbench';
import { checkVsix } from './vsixContents';

const VSIX = join(REPO, 'dist', 'concept-lenses.vsix');
const SCENARIOS = join(REPO, 'test', 'e2e');
const SCREENSHOTS = join(TEST_OUTPUT, 'e2e');

async function loadScenarios(): Promise<Scenario[]> {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.e2e.ts')).sort();
  const loaded: Scenario[] = [];
  for (const file of files) {
    const module = (await import(join(SCENARIOS, file))) as { scenarios?: readonly Scenario[] };
    if (!module.scenarios?.length) throw new Error(`${file} exports no scenarios`);
    loaded.push(...module.scenarios);
  }
  // CONCEPT_LENSES_TEST_GREP runs only the scenarios whose name matches (as in the integration suite).
  const grep = process.env.CONCEPT_LENSES_TEST_GREP;
  return grep ? loaded.filter((s) => new RegExp(grep).test(s.name)) : loaded;
}

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

async function main(): Promise<void> {
  const started = Date.now();
  if (!existsSync(VSIX)) throw new Error('dist/concept-lenses.vsix is missing: run `npm run package` first');
  console.log(`package: ${checkVsix(VSIX)}`);
  provision();
  const scenarios = await loadScenarios();
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  const run = newRunFolder('e2e');
  const failed: string[] = [];
  // The user's own keybindings: one binds a key to "climb to async/await" (disabledReason.e2e.ts).
  copyFileSync(join(SCENARIOS, 'keybindings.json'), join(run.dir, 'user-data', 'User', 'keybindings.json'));
  installExtension(run, VSIX);
  const server = await startCodeServer(run);
  let blocked: readonly string[] = [];
  try {
    const browser = await openBrowser(run);
    try {
      blocked = browser.blocked;
      const { page } = browser;
      await page.goto(workbenchUrl(server, run.workspace));
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      const workbench = new Workbench(page, run.workspace, SCREENSHOTS);
      for (const scenario of scenarios) {
        const t0 = Date.now();
        try {
          await scenario.run(workbench);
          console.log(`  ✔ ${scenario.name} (${String(Date.now() - t0)} ms)`);
        } catch (error) {
          failed.push(scenario.name);
          const shot = await workbench.screenshot(`failure-${slug(scenario.name)}`).catch(() => 'no screenshot');
          const message = error instanceof Error ? error.message : String(error);
          console.log(`  ✘ ${scenario.name}\n      ${message.split('\n').slice(0, 6).join('\n      ')}\n      see ${shot}`);
          await workbench.reset().catch((e: unknown) => {
            console.log(`      (could not reset the workbench: ${e instanceof Error ? e.message : String(e)})`);
          });
        }
      }
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
  const complaints = extensionHostComplaints(run.dir);
  if (complaints.length > 0) {
    console.log(`  ✘ the extension host logged ${String(complaints.length)} warning(s) or error(s) from the extension, e.g.\n      ${complaints[0] ?? ''}`);
  }
  if (blocked.length > 0) console.log(`  blocked ${String(blocked.length)} off-machine request(s), e.g. ${blocked[0] ?? ''}`);
  console.log(`e2e took ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test-output/e2e; logs in ${run.dir}`);
  console.log(`e2e: ${String(scenarios.length - failed.length)} passed, ${String(failed.length)} failed`);
  process.exitCode = failed.length === 0 && complaints.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
