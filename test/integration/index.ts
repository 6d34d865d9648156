// Runs inside the VS Code extension host (loaded as `extensionTestsPath`), the
// same entry `@vscode/test-electron` expects: every `suite/*.test.js` beside
// this bundle is a mocha (tdd) file. `activation.test.js` runs first because it
// checks the state before any Python document is opened. The outcome goes to
// the file named by CONCEPT_LENSES_TEST_RESULTS for the harness to report.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { RESULTS_ENV, GREP_ENV, type SuiteResults } from './results';

const FIRST = 'activation.test.js';

function suiteFiles(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.js'));
  return files.sort((a, b) => Number(b === FIRST) - Number(a === FIRST) || a.localeCompare(b));
}

export function run(): Promise<void> {
  const grep = process.env[GREP_ENV];
  const mocha = new Mocha({ ui: 'tdd', timeout: 30_000, color: false, ...(grep ? { grep } : {}) });
  for (const file of suiteFiles(join(__dirname, 'suite'))) mocha.addFile(join(__dirname, 'suite', file));
  const results: SuiteResults = { passed: [], failed: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env[RESULTS_ENV];
      if (out) writeFileSync(out, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${String(failures)} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => {
      results.passed.push({ title: t.fullTitle(), ms: t.duration ?? 0 });
    });
    runner.on('fail', (t, error: unknown) => {
      results.failed.push({ title: t.fullTitle(), error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });
  });
}
