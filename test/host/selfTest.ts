// `npm run test:harness`: proves the harness can fail. A deliberately broken
// extension (its code action provider and its command throw) runs under the
// real runner; the harness must report exactly the two broken cases as
// failures and a non-zero exit, and the one sound case as passed.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { runExtensionTests, succeeded } from './extensionTests';
import { REPO } from './paths';
import { provision } from './provision';

async function main(): Promise<void> {
  provision();
  const here = join(REPO, 'test', 'host', 'selfTest');
  const run = await runExtensionTests({
    name: 'self-test',
    extensionPath: join(here, 'brokenExtension'),
    suiteDir: join(here, 'suite'),
  });
  assert.notEqual(run.exit, 0, 'the extension host reported success for a broken extension');
  assert.equal(succeeded(run), false);
  assert.deepEqual(run.passed.map((t) => t.title), ['broken fixture activates on a Python file']);
  assert.deepEqual(run.failed.map((t) => t.title).sort(), [
    'broken fixture offers a code action',
    'broken fixture runs its command',
  ]);
  assert.match(run.failed.find((t) => t.title.endsWith('command'))?.error ?? '', /broken fixture: command throws/);
  console.log(
    `harness self-test ok in ${run.seconds.toFixed(1)} s: the broken extension came back red ` +
      `(${String(run.failed.length)} failures, extension host exit ${String(run.exit)})`,
  );
}

main().catch((error: unknown) => {
  console.error('harness self-test FAILED:', error);
  process.exitCode = 1;
});
