// The lens settings in package.json must list exactly the classifier's concept ids.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CONCEPT_IDS } from '../../../extension/engine/concepts';
import { ROOT } from '../../helpers/cli';

interface Property {
  readonly type: string;
  readonly default: unknown;
  readonly items?: { readonly enum: readonly string[] };
}

test('conceptLenses.lenses.* settings: enabled by default, and every concept offered and shown', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, Property | undefined> } };
  };
  const { properties } = manifest.contributes.configuration;
  assert.deepEqual(properties['conceptLenses.lenses.enabled']?.default, true);
  const concepts = properties['conceptLenses.lenses.concepts'];
  assert.deepEqual(concepts?.items?.enum, [...CONCEPT_IDS]);
  assert.deepEqual(concepts.default, [...CONCEPT_IDS]);
});
