// `npm run demo`: examples/ opened with the extension loaded. In the desktop
// `code` when it is on PATH (as an Extension Development Host, from a fresh
// build); otherwise in code-server's workbench on 127.0.0.1, provisioned into
// .test-host/ on first use, with the packaged .vsix installed as a user
// installs it — no test driver, so notifications and dialogs show as they do
// for users — and its URL printed.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const repo = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const examples = join(repo, 'examples');

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function npmRun(script) {
  const result = spawnSync('npm', ['run', script], { cwd: repo, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (onPath('code') && !process.env.CONCEPT_LENSES_DEMO_WEB) {
  npmRun('build');
  console.log('Opening examples/ in VS Code with the extension loaded from this checkout.');
  spawn('code', ['--new-window', `--extensionDevelopmentPath=${repo}`, examples], { stdio: 'inherit' });
} else {
  const { provision } = await tsImport('../test/host/provision.ts', import.meta.url);
  const { installExtension, newRunFolder, startCodeServer, workbenchUrl } = await tsImport('../test/host/codeServer.ts', import.meta.url);
  provision();
  npmRun('package');
  const run = newRunFolder('demo');
  installExtension(run, join(repo, 'dist', 'concept-lenses.vsix'));
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const server = await startCodeServer(run, port ? { port } : {});
  const url = workbenchUrl(server, examples);
  console.log('\nConcept Lenses demo: open this URL in a browser on this machine (open a .py file to activate):\n');
  console.log(`  ${url}\n`);
  console.log(`code-server log: ${server.log}\nPress Ctrl+C to stop.`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
