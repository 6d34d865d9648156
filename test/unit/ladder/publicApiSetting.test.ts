// The public-API policy is one option with three names: the CLI's --public-api
// and the editor's conceptLenses.ladder.publicApi (per folder) offer the same.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PUBLIC_API_POLICIES } from '../../../extension/engine/ladder/conversion';
import { ROOT, runCli } from '../../helpers/cli';
import { convert } from './ladderHelpers';

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

test('steps that change how a function is called follow the policy: "refuse" keeps the public API of an importable module as it is, "keep" converts it', async () => {
  const library = `
    def _half(n):
        return n // 2


    def quarter(n):
        return _half(_half(n))
    `;
  const refused = await convert(library, 'cps', { publicApi: 'refuse', withCallers: true });
  assert.deepEqual(refused.converted, []);
  assert.deepEqual(refused.refused.map((r) => [r.function, r.code]).sort(), [['_half', 'public-api'], ['quarter', 'public-api']]);
  assert.match(refused.refused.find((r) => r.function === '_half')?.message ?? '', /its caller quarter would convert with it/);
  const kept = await convert(library, 'cps', { withCallers: true });
  assert.deepEqual([...kept.converted].sort(), ['_half', 'quarter']);
  // A script's functions have no users outside it: even "refuse" converts them.
  const script = await convert(`${library}\n\nquarter(8)\n`, 'cps', { publicApi: 'refuse', withCallers: true });
  assert.deepEqual([...script.converted].sort(), ['_half', 'quarter']);
});
