// One isolated code-server per run: a fresh run folder holding user data,
// extensions, XDG dirs, a HOME of its own and a fresh copy of `examples/`;
// bound to 127.0.0.1 on a free port; telemetry, updates and the gallery off.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CODE_SERVER_BIN, NODE_BIN_DIR, REPO, RUNS } from './paths';
import { hostEnv } from './provision';

/** Settings for a quiet, deterministic workbench. */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.reduceMotion': 'on',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'github.gitAuthentication': false,
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
};

export interface RunFolder {
  readonly dir: string;
  /** The fresh copy of `examples/` the workbench opens. */
  readonly workspace: string;
  readonly extensionsDir: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A fresh folder for one run. Earlier runs of the same name are removed once
 * the process that made them has ended (the last one stays for post-mortems;
 * runs going on in parallel are left alone).
 */
export function newRunFolder(name: string): RunFolder {
  mkdirSync(RUNS, { recursive: true });
  for (const old of readdirSync(RUNS).filter((f) => f.startsWith(`${name}-`))) {
    const owner = join(RUNS, old, 'owner.pid');
    const pid = existsSync(owner) ? Number(readFileSync(owner, 'utf8')) : Number.NaN;
    if (!alive(pid)) rmSync(join(RUNS, old), { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(RUNS, `${name}-`));
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  const workspace = join(dir, 'workspace');
  cpSync(join(REPO, 'examples'), workspace, { recursive: true });
  const extensionsDir = join(dir, 'extensions');
  mkdirSync(extensionsDir);
  mkdirSync(join(dir, 'user-data', 'User'), { recursive: true });
  writeFileSync(join(dir, 'user-data', 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  return { dir, workspace, extensionsDir };
}

/** code-server's environment: node 24, and XDG dirs and HOME inside the run folder. */
function serverEnv(run: RunFolder, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...hostEnv(),
    HOME: join(run.dir, 'home'),
    XDG_CONFIG_HOME: join(run.dir, 'xdg', 'config'),
    XDG_DATA_HOME: join(run.dir, 'xdg', 'data'),
    XDG_CACHE_HOME: join(run.dir, 'xdg', 'cache'),
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

function commonArgs(run: RunFolder): string[] {
  return [
    '--user-data-dir', join(run.dir, 'user-data'),
    '--extensions-dir', run.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
  ];
}

/** Installs a .vsix the way a user does, into this run's extensions folder. */
export function installExtension(run: RunFolder, vsix: string): void {
  const result = spawnSync(join(NODE_BIN_DIR, 'node'), [CODE_SERVER_BIN, ...commonArgs(run), '--install-extension', vsix], {
    env: serverEnv(run, {}),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`installing ${vsix} failed:\n${result.stdout}${result.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export interface CodeServer {
  readonly url: string;
  readonly log: string;
  stop(): Promise<void>;
}

export interface Development {
  /** The folder with the extension's package.json, loaded from source. */
  readonly extensionPath: string;
  /** A bundle exporting `run()`, run in the extension host as the test suite. */
  readonly testsPath?: string;
}

/**
 * The workbench on `folder`; with `development`, the extension is loaded from
 * source as in an Extension Development Host (needs `testDriver`).
 */
export function workbenchUrl(server: CodeServer, folder: string, development?: Development): string {
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (development) {
    const remote = (path: string): string => `vscode-remote://${new URL(server.url).host}${path}`;
    const payload = [['extensionDevelopmentPath', remote(development.extensionPath)]];
    if (development.testsPath) payload.push(['extensionTestsPath', remote(development.testsPath)]);
    url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  }
  return url;
}

export interface StartOptions {
  /** Lets the workbench URL load an extension from source and run its tests (see workbenchUrl). */
  readonly testDriver?: boolean;
  /** Passed to the extension host, which inherits code-server's environment. */
  readonly env?: NodeJS.ProcessEnv;
  readonly port?: number;
}

export async function startCodeServer(run: RunFolder, options: StartOptions = {}): Promise<CodeServer> {
  const port = options.port ?? (await freePort());
  const log = join(run.dir, 'code-server.log');
  const out = openSync(log, 'a');
  const args = [CODE_SERVER_BIN, ...commonArgs(run), '--bind-addr', `127.0.0.1:${String(port)}`, '--auth', 'none'];
  if (options.testDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(join(NODE_BIN_DIR, 'node'), args, {
    env: serverEnv(run, options.env ?? {}),
    stdio: ['ignore', out, out],
  });
  const url = `http://127.0.0.1:${String(port)}`;
  await waitHealthy(url, child, log);
  return { url, log, stop: () => stop(child) };
}

async function waitHealthy(url: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${String(child.exitCode)}; see ${log}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop(child);
  throw new Error(`code-server did not answer on ${url} within 60 s; see ${log}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
