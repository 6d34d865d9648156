// Which functions code outside the project may call: the public-API policy's question.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayHaveUnseenUsers } from '../../../extension/engine/python/publicApi';
import { pythonName } from '../../../extension/engine/python/identifiers';
import { parse } from '../../helpers/parser';

async function unseen(text: string): Promise<string[]> {
  const file = await parse(text);
  try {
    return file.functions.all.filter((f) => mayHaveUnseenUsers(file, f)).map((f) => f.name);
  } finally {
    file.dispose();
  }
}

const LIBRARY = 'def fetch():\n    pass\n\n\ndef _helper():\n    pass\n\n\nclass Client:\n    def get(self):\n        def inner():\n            pass\n\n    def _cache(self):\n        pass\n\n\nclass _Hidden:\n    def get(self):\n        pass\n';

test('an importable module: public functions and methods of public classes, not private names or nested defs', async () => {
  assert.deepEqual(await unseen(LIBRARY), ['fetch', 'Client.get']);
  assert.deepEqual(await unseen(`${LIBRARY}\n\nif __name__ == "__main__":\n    fetch()\n`), ['fetch', 'Client.get']);
});

test('__all__ narrows the public names', async () => {
  assert.deepEqual(await unseen(`__all__ = ["Client"]\n\n${LIBRARY}`), ['Client.get']);
});

test('a script that runs its program on import has no unseen users', async () => {
  assert.deepEqual(await unseen(`${LIBRARY}\n\nfetch()\n`), []);
});

test('NFKC: the fullwidth spelling is the ASCII name; ASCII is returned as it is', () => {
  assert.equal(pythonName('ｓｑｕａｒｅ'), 'square');
  assert.equal(pythonName('ﬁle'), 'file');
  assert.equal(pythonName('plain_name'), 'plain_name');
});
