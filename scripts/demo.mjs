// `npm run demo` (after the build): examples/ opened with the extension loaded
// from this checkout. In the desktop `code` when it is on PATH (as an
// Extension Development Host); otherwise in code-server's workbench on
// 127.0.0.1, provisioned into .test-host/ on first use, with its URL printed.
import { spawn } from 'node:child_process';
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

if (onPath('code') && !process.env.CONCEPT_LENSES_DEMO_WEB) {
  console.log('Opening examples/ in VS Code with the extension loaded from this checkout.');
  spawn('code', ['--new-window', `--extensionDevelopmentPath=${repo}`, examples], { stdio: 'inherit' });
} else {
  const { provision } = await tsImport('../test/host/provision.ts', import.meta.url);
  const { newRunFolder, startCodeServer, workbenchUrl } = await tsImport('../test/host/codeServer.ts', import.meta.url);
  provision();
  const run = newRunFolder('demo');
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const server = await startCodeServer(run, { testDriver: true, ...(port ? { port } : {}) });
  const url = workbenchUrl(server, examples, { extensionPath: repo });
  console.log('\nConcept Lenses demo: open this URL in a browser on this machine (open a .py file to activate):\n');
  console.log(`  ${url}\n`);
  console.log(`code-server log: ${server.log}\nPress Ctrl+C to stop.`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
