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
