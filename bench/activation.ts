// Activation time in the real extension host (code-server's VS Code): from
// opening a Python document to the extension being active, measured by the
// integration suite's activation test in fresh hosts, median of three.
import { loadavg } from 'node:os';
import { INTEGRATION_SUITE } from '../test/host/buildSuite';
import { runExtensionTests, succeeded } from '../test/host/extensionTests';
import { CODE_SERVER_VERSION, REPO } from '../test/host/paths';
import { provision } from '../test/host/provision';

const RUNS = 3;

async function main(): Promise<void> {
  provision();
  const samples: number[] = [];
  const own: number[] = [];
  const beforeLoad: number[] = [];
  const beforeCall: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await runExtensionTests({
      name: 'bench-activation',
      extensionPath: REPO,
      suiteDir: INTEGRATION_SUITE,
      grep: '^activation ',
    });
    const ms = run.metrics.activationMs;
    if (!succeeded(run) || ms === undefined) throw new Error(`the activation test failed; see ${run.runDir}`);
    samples.push(ms);
    own.push(run.metrics.activationOwnMs ?? Number.NaN);
    beforeLoad.push(run.metrics.activationBeforeLoadMs ?? Number.NaN);
    beforeCall.push(run.metrics.activationBeforeCallMs ?? Number.NaN);
  }
  const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  console.log(
    `\nactivation in the real extension host (code-server ${CODE_SERVER_VERSION}): median ${median(samples).toFixed(0)} ms ` +
      `over ${String(RUNS)} fresh hosts (${samples.map((ms) => ms.toFixed(0)).join(', ')} ms), ` +
      'from opening a Python file to the extension being active. Medians of its parts: until the host runs the entry point ' +
      `${median(beforeLoad).toFixed(0)} ms, from there until it calls activate() ${median(beforeCall).toFixed(0)} ms, ` +
      `activate() itself ${median(own).toFixed(1)} ms (${own.map((ms) => ms.toFixed(1)).join(', ')}); load average ${loadavg()[0]?.toFixed(1) ?? '?'} at the end`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
