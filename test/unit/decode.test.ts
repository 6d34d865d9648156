import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodePythonSource, MAX_SOURCE_BYTES } from '../../extension/engine';

const bytes = (s: string, encoding: 'utf8' | 'latin1' = 'utf8'): Uint8Array => Buffer.from(s, encoding);

test('UTF-8 by default, BOM dropped', () => {
  const plain = decodePythonSource(bytes('name = "é"\n'));
  assert.deepEqual(plain, { ok: true, text: 'name = "é"\n', encoding: 'utf-8' });
  const bom = decodePythonSource(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('x = 1\n')]));
  assert.ok(bom.ok);
  assert.equal(bom.text, 'x = 1\n');
});

test('a PEP 263 cookie on line 1 or 2 selects the encoding', () => {
  const line1 = decodePythonSource(bytes('# -*- coding: latin-1 -*-\ns = "caf\u00e9"\n', 'latin1'));
  assert.ok(line1.ok);
  assert.match(line1.text, /café/);
  const line2 = decodePythonSource(bytes('#!/usr/bin/env python\n# vim: set fileencoding=latin-1 :\ns = "\u00e9"\n', 'latin1'));
  assert.ok(line2.ok);
  assert.match(line2.text, /"é"/);
});

test('invalid bytes, unknown encodings and huge files are refused with a reason', () => {
  const invalid = decodePythonSource(bytes('s = "\u00e9"\n', 'latin1'));
  assert.match(invalid.ok ? '' : invalid.reason, /not valid utf-8/);
  const unknown = decodePythonSource(bytes('# coding: klingon\n'));
  assert.match(unknown.ok ? '' : unknown.reason, /unknown source encoding 'klingon'/);
  const huge = decodePythonSource(new Uint8Array(MAX_SOURCE_BYTES + 1));
  assert.match(huge.ok ? '' : huge.reason, /limit/);
});
