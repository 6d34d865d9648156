// Leaving CPS changes how a function is called (no continuation argument), so
// a caller the module does not spell as a call refuses it, as it does on the
// way up: a method stored in its class body's dispatch table (a packer calls
// it as `self.dispatch[type(v)](self, v, write)`), one that a base class from
// outside the module calls. Once the dispatched method lost its writer and
// the packer packed nothing, exit 0.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convert } from './ladderHelpers';

const SOURCE = `
import json


class Packer:
    dispatch = {}

    def pack(self, value, write):
        self.dispatch[type(value)](self, value, write)

    def pack_none(self, value, write):
        write("<nil/>")
    dispatch[type(None)] = pack_none


class Encoder(json.JSONEncoder):
    def iterencode(self, o, _one_shot, k):
        k(str(o))


def tagged(value, k):
    k("<" + value + ">")
`;

for (const to of ['generator', 'direct'] as const) {
  test(`--to ${to}: a CPS method in its class body's dispatch table, or overriding a library class, is refused and left as it is`, async () => {
    const result = await convert(SOURCE, to, { functions: ['Packer.pack_none', 'Encoder.iterencode', 'tagged'] });
    assert.deepEqual(
      result.refused.map((r) => [r.function, r.code, r.line]),
      [
        ['Packer.pack_none', 'used-as-value', 12],
        ['Encoder.iterencode', 'overrides-library', 15],
      ],
    );
    assert.deepEqual(result.converted, ['tagged']);
    assert.match(result.text ?? '', /def pack_none\(self, value, write\):\n {8}write\("<nil\/>"\)/);
    assert.match(result.text ?? '', /def iterencode\(self, o, _one_shot, k\):/);
  });
}
