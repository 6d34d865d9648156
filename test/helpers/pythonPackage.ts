// A small Python package `pkg` written to a folder and run as `python3 -m
// pkg.main` with Debian's python3 (which has Tornado and Twisted), for tests
// that convert a project and compare what it prints before and after.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SYSTEM_PYTHON = '/usr/bin/python3';

/** Writes `files` as package `pkg` under `root` (an empty `__init__.py` unless given) and returns `root`. */
export function writePackage(root: string, files: Readonly<Record<string, string>>): string {
  mkdirSync(join(root, 'pkg'), { recursive: true });
  writeFileSync(join(root, 'pkg', '__init__.py'), '');
  for (const [file, text] of Object.entries(files)) writeFileSync(join(root, 'pkg', file), text);
  return root;
}

/** What `pkg.main` prints; it must exit 0 and raise no RuntimeWarning (a coroutine never awaited). */
export function runPackage(root: string): string {
  const result = spawnSync(SYSTEM_PYTHON, ['-W', 'error::RuntimeWarning', '-m', 'pkg.main'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}
