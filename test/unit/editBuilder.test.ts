import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EditBuilder } from '../../extension/engine';
import { parse } from '../helpers/parser';

test('edits apply against the original text and keep everything else byte for byte', async () => {
  const text = 'def f(x):\r\n    # keep me\r\n\treturn x  # and me\r\n';
  const file = await parse(text);
  const result = new EditBuilder(file)
    .replace(0, 3, 'async def')
    .insert(text.indexOf('return') + 'return '.length, 'await ')
    .apply();
  assert.ok(result.ok);
  assert.equal(result.file.text, 'async def f(x):\r\n    # keep me\r\n\treturn await x  # and me\r\n');
  assert.equal(result.edits.length, 2);
});

test('a result with a syntax error is refused with the place and nothing else happens', async () => {
  const file = await parse('x = (1 + 2)\n');
  const result = new EditBuilder(file).delete(10, 11).apply();
  assert.match(result.ok ? 'accepted' : result.reason, /would not parse \(\d+:\d+: .+\); nothing was changed/);
  assert.equal(file.text, 'x = (1 + 2)\n');
});

test('overlapping edits are rejected; touching edits and repeated insertions are fine', async () => {
  const file = await parse('abc = 1\n');
  assert.throws(() => new EditBuilder(file).replace(0, 2, 'x').replace(1, 3, 'y'), /overlaps/);
  assert.throws(() => new EditBuilder(file).replace(0, 3, 'x').insert(1, 'y'), /overlaps/);
  const ok = new EditBuilder(file).replace(0, 3, 'x').insert(3, 'y').insert(3, 'z').replace(3, 4, '_').apply();
  assert.ok(ok.ok);
  assert.equal(ok.file.text, 'xyz_= 1\n');
});

test('an insertion at the start of a replacement lands before it, whatever the order added', async () => {
  const file = await parse('value = compute()\n');
  const start = 'value = '.length;
  const end = 'value = compute()'.length;
  for (const build of [
    (b: EditBuilder) => b.replace(start, end, 'await compute()').insert(start, '('),
    (b: EditBuilder) => b.insert(start, '(').replace(start, end, 'await compute()'),
  ]) {
    const result = build(new EditBuilder(file)).insert(end, ')').apply();
    assert.ok(result.ok);
    assert.equal(result.file.text, 'value = (await compute())\n');
  }
});

test('no-op replacements are dropped', async () => {
  const file = await parse('a = 1\n');
  const builder = new EditBuilder(file).replace(0, 1, 'a');
  assert.equal(builder.isEmpty, true);
});

test('the re-parse of a result, made from the source tree, is the tree a fresh parse of its text gives', async () => {
  // Real programs, edited at random places (insertions, deletions, replacements, several per result).
  const dir = new URL('../../examples/', import.meta.url);
  const { readFileSync } = await import('node:fs');
  const names = ['bank.py', 'inventory.py', 'ladder.py', 'legacy_coroutines.py', 'shapes.py'];
  let seed = 17;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pieces = ['', 'x', ' ', '\n', '(', ')', ':', '\n    pass\n', 'await ', 'async ', '#', '"', 'def g():\n    return 1\n'];
  let compared = 0;
  for (const name of names) {
    const file = await parse(readFileSync(new URL(name, dir), 'utf8'));
    for (let round = 0; round < 20; round++) {
      const builder = new EditBuilder(file);
      // Non-overlapping edits: one per slice of the text.
      const count = 1 + random(3);
      const slice = Math.floor(file.text.length / count);
      for (let i = 0; i < count; i++) {
        const start = i * slice + random(slice);
        const end = Math.min(start + random(4), (i + 1) * slice);
        builder.replace(start, end, pieces[random(pieces.length)] ?? '');
      }
      const result = builder.apply();
      const text = result.ok ? result.file.text : undefined;
      if (!result.ok || text === undefined) continue; // refused: nothing to compare
      const fresh = await parse(text);
      assert.equal(result.file.root.toString(), fresh.root.toString(), `${name}, round ${String(round)}`);
      compared++;
      result.file.dispose();
      fresh.dispose();
    }
  }
  assert.ok(compared > 10, `only ${String(compared)} edited results parsed cleanly`);
});

test('edits added in any order come back in source order, and an overlap with one added long before is still found', async () => {
  const text = `${Array.from({ length: 40 }, (_, i) => `v${String(i).padStart(2, '0')} = ${String(i)}`).join('\n')}\n`;
  const file = await parse(text);
  const order = [17, 3, 29, 0, 38, 11, 24, 6];
  const builder = new EditBuilder(file);
  for (const i of order) {
    const at = text.indexOf(`v${String(i).padStart(2, '0')}`);
    builder.replace(at, at + 3, `w${String(i)}`);
  }
  assert.deepEqual(builder.sorted().map((e) => e.newText), [...order].sort((a, b) => a - b).map((i) => `w${String(i)}`));
  // The first edit added, now in the middle of the list, still blocks a replacement across it.
  const first = text.indexOf('v17');
  assert.throws(() => builder.replace(first - 2, first + 1, 'x'), /overlaps/);
  assert.throws(() => builder.insert(first + 1, 'x'), /overlaps/);
  builder.insert(first, '# ').insert(first + 3, '_');
  const result = builder.apply();
  assert.ok(result.ok);
  assert.match(result.file.text, /^# w17_ = 17$/m);
});
