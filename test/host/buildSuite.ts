// Bundles an in-host mocha suite: `test/integration/index.ts` plus every
// `<suiteDir>/*.test.(ts|js)`, one CommonJS file each, into `<outDir>/suite/`.
// `vscode` comes from the extension host; mocha from the repo's node_modules,
// so `outDir` must lie inside the repo.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { REPO } from './paths';

export const INTEGRATION_SUITE = join(REPO, 'test', 'integration', 'suite');

export async function buildSuite(suiteDir: string, outDir: string): Promise<string> {
  const tests = readdirSync(suiteDir).filter((f) => /\.test\.[jt]s$/.test(f));
  if (tests.length === 0) throw new Error(`no *.test.ts file in ${suiteDir}`);
  rmSync(outDir, { recursive: true, force: true });
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
    // web-tree-sitter's ESM build reads import.meta.url (the latency bench loads a parser in the host).
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  };
  await Promise.all([
    build({ ...common, entryPoints: [join(REPO, 'test', 'integration', 'index.ts')], outfile: join(outDir, 'index.js') }),
    build({ ...common, entryPoints: tests.map((f) => join(suiteDir, f)), outdir: join(outDir, 'suite') }),
  ]);
  return join(outDir, 'index.js');
}
