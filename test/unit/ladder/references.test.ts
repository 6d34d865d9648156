// A function's references are looked up where an ASCII text spells its name,
// and found by one search of every identifier in any other text: both ways
// find the same nodes in the same order (a method's accesses in the order of
// a walk of the tree, `a.f.f`'s outer access before the inner one).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { referencesTo } from '../../../extension/engine/ladder/references';
import { definition, parse } from '../../helpers/parser';

const SOURCE = `class Box:
    def f(self, k):
        return self.f.f(k) or self.f(k)

    def g(self):
        return self.f(self.g), Box().f(1, 2)


def square(x):
    return x * x


print(square(square(2)), [square], f"{square(3)}", squared, square_of)
`;

async function found(text: string, name: string): Promise<string[]> {
  const file = await parse(text);
  try {
    return referencesTo(file, definition(file, name)).map((r) => `${String(file.lineOf(r.node))}:${String(file.positionAt(r.node.startIndex).character)}:${r.node.type}:${r.call ? 'call' : 'value'}:${r.owner?.name ?? '-'}`);
  } finally {
    file.dispose();
  }
}

for (const name of ['square', 'Box.f']) {
  test(`${name}: the references found through the text's words are those of one search of every identifier`, async () => {
    const ascii = await found(SOURCE, name);
    // A comment outside ASCII sends the look-up down the other path; it sits on the last line, so no offset moves.
    const other = await found(`${SOURCE}# café\n`, name);
    assert.deepEqual(ascii, other);
    assert.ok(ascii.length >= 4, ascii.join(' '));
  });
}

test('square: every use as a call or a value, none inside longer names or its own def', async () => {
  assert.deepEqual(await found(SOURCE, 'square'), ['13:6:identifier:call:-', '13:13:identifier:call:-', '13:26:identifier:value:-', '13:38:identifier:call:-']);
});
