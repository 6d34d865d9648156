// The public-API policy is one option with three names: the CLI's --public-api
// and the editor's conceptLenses.ladder.publicApi (per folder) offer the same.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PUBLIC_API_POLICIES } from '../../../extension/engine/ladder/conversion';
import { ROOT, runCli } from '../../helpers/cli';

test('the setting is resource-scoped, offers every policy, and defaults to keep', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { scope?: string; enum?: string[]; default?: unknown } | undefined> } };
  };
  const setting = manifest.contributes.configuration.properties['conceptLenses.ladder.publicApi'];
  assert.equal(setting?.scope, 'resource');
  assert.deepEqual(setting.enum, [...PUBLIC_API_POLICIES]);
  assert.equal(setting.default, 'keep');
});

test('the CLI names the same policies and refuses another value with exit 2', () => {
  const run = runCli(['refactor', join(ROOT, 'examples'), '--to', 'async', '--check', '--public-api', 'sometimes']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, new RegExp(`--public-api must be one of ${PUBLIC_API_POLICIES.join(', ')}`));
});
