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

test('an ASCII text indexed after many questions gives the answers of its text search, digits and underscores within words', () => {
  const text = 'def f_1(x2, _y):\n    return x2+_y*f_1(x2, 3)  # f_1x2\nf_1(1,2); x2=f_12\n';
  const words = ['f_1', 'x2', '_y', 'f_12', 'f', 'x', '3', 'return'];
  const searched = words.map((w) => new WordFinder(text).startsOf(w));
  const indexed = new WordFinder(text);
  for (const name of ['a', 'b', 'c', 'd', 'e', 'g', 'h', 'i', 'j']) indexed.startsOf(name);
  assert.deepEqual(words.map((w) => indexed.startsOf(w)), searched);
  assert.deepEqual(searched[0], [...text.matchAll(/\bf_1\b/g)].map((m) => m.index), 'f_1 three times, not inside f_1x2 or f_12');
  assert.equal(searched[0].length, 3);
  assert.deepEqual(searched[4], [], 'f only inside longer words');
});

test('the first start a question accepts is the first of those the index gives it accepts, in ASCII text and in text with other spellings', () => {
  const texts = [
    TEXT,
    'from a import square\nprint(ｓｑｕａｒｅ(3), square(4), ｓｑｕａｒｅs, größe, xsquare, square_)\nsquare = größe\n',
    // Outside the basic plane, combining marks, and characters that are not a word's.
    'get😀get = 𝔤et + ge\u0301t + get—get + ｇｅｔ\u0301 + 𝔤𝔢𝔱\n# squaré — square\n',
  ];
  for (const text of texts) {
    const indexed = new WordFinder(text);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) indexed.startsOf(name);
    for (const name of ['get', 'größe', 'square', 'ｓｑｕａｒｅ', 'squares', 'target', 'missing', 'squaré', 'ge\u0301t']) {
      const all = indexed.startsOf(name);
      // Every start, then each start but the first, then none: the search must go on past a refused start.
      for (const skip of [-1, ...all]) {
        const accept = (at: number): boolean => at !== skip && at !== all[0];
        const expected = skip === -1 ? all[0] : all.find(accept);
        const anyStart = skip === -1 ? (): boolean => true : accept;
        assert.equal(new WordFinder(text).firstOf(name, anyStart), expected, `${name} skipping ${String(skip)}`);
        assert.equal(indexed.firstOf(name, anyStart), expected, `${name} indexed`);
      }
    }
  }
});
