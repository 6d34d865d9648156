// Where a name is spelled as a whole word: the same answers from a text search
// (a few questions) and from the word index (many questions).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WordFinder } from '../../../extension/engine/python/wordFinder';

const TEXT = 'def get(table, key):\n    target = table.get(key)\n    return größe + get_all(target) + get\n';

test('a name counts only as a whole word, before and after the module is indexed', () => {
  const words = new WordFinder(TEXT);
  const expected = [...TEXT.matchAll(/\bget\b(?!_)/g)].map((m) => m.index);
  assert.deepEqual(words.startsOf('get'), expected, 'text search');
  assert.equal(words.mentions('arg'), false, 'inside `target` is not a mention');
  assert.deepEqual(words.startsOf('größe'), [TEXT.indexOf('größe')]);
  for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) words.startsOf(name);
  assert.deepEqual(words.startsOf('get'), expected, 'word index');
  assert.equal(words.mentions('arg'), false);
  assert.deepEqual(words.startsOf('größe'), [TEXT.indexOf('größe')], 'non-ASCII names are words too');
  assert.deepEqual(words.startsOf('get_all'), [TEXT.indexOf('get_all')]);
});

test('a name is found however Python lets it be spelled (NFKC), and ASCII text keeps the plain search', () => {
  const text = 'from a import square\nprint(ｓｑｕａｒｅ(3), square(4), ｓｑｕａｒｅs)\n';
  const words = new WordFinder(text);
  assert.deepEqual(words.startsOf('square'), [text.indexOf('square'), text.indexOf('ｓｑｕａｒｅ('), text.indexOf('square(4')]);
  assert.deepEqual(words.startsOf('ｓｑｕａｒｅ'), words.startsOf('square'), 'the question is NFKC-read too');
  assert.equal(words.mentions('squares'), true, 'ｓｑｕａｒｅs is squares');
  assert.equal(words.mentions('quare'), false);
  const ascii = new WordFinder('print(square(4))\n');
  assert.deepEqual(ascii.startsOf('ｓｑｕａｒｅ'), [6]);
});
