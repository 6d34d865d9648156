// One esbuild script for every bundle: the extension (node, cjs, `vscode`
// external: a small entry point and its features), the engine's worker thread (node), the CLI (node) and the webview (browser). The grammar wasm files
// are copied beside the bundles, where both the extension and the CLI load them.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const production = process.argv.includes('--production');

// web-tree-sitter's ESM build reads import.meta.url, which a cjs bundle lacks.
const nodeCjs = {
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  define: { 'import.meta.url': '__importMetaUrl' },
};
const importMetaShim = "const __importMetaUrl = require('url').pathToFileURL(__filename).href;";

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
};
const version_ = { CONCEPT_LENSES_VERSION: JSON.stringify(version) };

mkdirSync('dist', { recursive: true });
await Promise.all([
  // The entry point VS Code loads on activation: small, it loads features.js just after.
  build({
    ...common,
    entryPoints: ['extension/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    ...nodeCjs,
    external: ['vscode'],
  }),
  build({
    ...common,
    entryPoints: ['extension/vscode/features.ts'],
    outfile: 'dist/features.js',
    ...nodeCjs,
    define: { ...nodeCjs.define, ...version_ },
    banner: { js: importMetaShim },
    external: ['vscode'],
  }),
  // The engine's worker thread, started by the extension on its first question.
  build({
    ...common,
    entryPoints: ['extension/vscode/worker/main.ts'],
    outfile: 'dist/engineWorker.js',
    ...nodeCjs,
    banner: { js: importMetaShim },
  }),
  build({
    ...common,
    entryPoints: ['extension/cli/main.ts'],
    outfile: 'dist/cli.js',
    ...nodeCjs,
    define: { ...nodeCjs.define, ...version_ },
    banner: { js: `#!/usr/bin/env node\n${importMetaShim}` },
  }),
  build({
    ...common,
    entryPoints: ['webview/panel.ts'],
    outfile: 'dist/webview/panel.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
  build({
    ...common,
    entryPoints: ['webview/explore.ts'],
    outfile: 'dist/webview/explore.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
  build({
    ...common,
    entryPoints: ['webview/ladder.ts'],
    outfile: 'dist/webview/ladder.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
]);
chmodSync('dist/cli.js', 0o755);
copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), 'dist/tree-sitter.wasm');
copyFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'), 'dist/tree-sitter-python.wasm');
copyFileSync('webview/panel.css', 'dist/webview/panel.css');
// The schedule explorer runs in the user's Python, so it ships as source beside the bundles.
mkdirSync('dist/runtime', { recursive: true });
copyFileSync('extension/runtime/explore.py', 'dist/runtime/explore.py');
copyFileSync('webview/ladder.css', 'dist/webview/ladder.css');
copyFileSync('webview/explore.css', 'dist/webview/explore.css');
