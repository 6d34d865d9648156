// `npm run test:integration`: the mocha suite of test/integration in the real
// extension host, with the extension loaded from this checkout (build first).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INTEGRATION_SUITE } from './buildSuite';
import { extensionHostComplaints, report, runExtensionTests, succeeded } from './extensionTests';
import { REPO } from './paths';
import { provision } from './provision';

async function main(): Promise<void> {
  if (!existsSync(join(REPO, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  provision();
  const grep = process.argv[2];
  const run = await runExtensionTests({
    name: 'integration',
    extensionPath: REPO,
    suiteDir: INTEGRATION_SUITE,
    ...(grep ? { grep } : {}),
  });
  report('integration', run);
  const complaints = extensionHostComplaints(run.runDir);
  if (complaints.length > 0) {
    console.log(`  ✘ the extension host logged ${String(complaints.length)} warning(s) or error(s) from the extension, e.g.\n      ${complaints[0] ?? ''}`);
  }
  const activation = run.metrics.activationMs;
  if (activation !== undefined) console.log(`activation in the extension host: ${activation.toFixed(0)} ms`);
  process.exitCode = succeeded(run) && complaints.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
