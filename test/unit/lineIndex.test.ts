import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../extension/engine';
import { parse } from '../helpers/parser';

test('positions round-trip across \\n, \\r\\n and a lone \\r', () => {
  const text = 'a = 1\r\nb = 2\nc = 3\rd = 4';
  const lines = new LineIndex(text);
  assert.equal(lines.lineCount, 4);
  assert.deepEqual(lines.positionAt(text.indexOf('b')), { line: 1, character: 0 });
  assert.deepEqual(lines.positionAt(text.indexOf('d')), { line: 3, character: 0 });
  assert.deepEqual(lines.positionAt(text.indexOf('\r\n') + 1), { line: 0, character: 6 });
  for (let offset = 0; offset <= text.length; offset++) {
    if (text[offset - 1] === '\r' && text[offset] === '\n') continue; // inside a CRLF pair
    assert.equal(lines.offsetAt(lines.positionAt(offset)), offset, `offset ${String(offset)}`);
  }
  assert.equal(lines.lineText(0), 'a = 1');
  assert.equal(lines.lineText(2), 'c = 3');
  assert.equal(lines.eol, '\r\n');
});

test('tree-sitter offsets map to UTF-16 positions past emoji, non-ASCII names and tabs', async () => {
  const text = "def grüße(x):\n\ts = '😀🎉'; naïve = x\r\n\treturn naïve\n";
  const file = await parse(text);
  const idents = file.root.descendantsOfType('identifier').filter((n) => n !== null);
  const naive = idents.filter((n) => n.text === 'naïve');
  assert.equal(naive.length, 2);
  const [first, second] = naive;
  assert.ok(first && second);
  // 'naïve' on line 1 sits after a tab, a 4-unit emoji pair and other text.
  assert.deepEqual(file.positionAt(first.startIndex), { line: 1, character: "\ts = '😀🎉'; ".length });
  assert.deepEqual(file.positionAt(second.startIndex), { line: 2, character: '\treturn '.length });
  for (const node of idents) assert.equal(file.textOf(node), node.text);
  assert.equal(file.functions.all[0]?.name, 'grüße');
});

test('positions clamp at the ends of the text', () => {
  const lines = new LineIndex('ab\ncd');
  assert.deepEqual(lines.positionAt(-5), { line: 0, character: 0 });
  assert.deepEqual(lines.positionAt(99), { line: 1, character: 2 });
  assert.equal(lines.offsetAt({ line: 0, character: 40 }), 2);
  assert.equal(lines.offsetAt({ line: 9, character: 0 }), 5);
});
