// Leaving CPS, each value a continuation is handed becomes a `return` value or
// one assignment of a local continuation's parameter. Values unpacked into it
// (`k(*pair)`), bound by name (`k(total=n)`) or not one per parameter have no
// such form: the function is refused with continuation-arity at that line,
// for the generator rung and for direct style alike (once they came out as
// `return *pair`, which CPython rejects, or dropped a parameter).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedent, parse } from '../../helpers/parser';
import { convertFile } from '../../../extension/engine/ladder/convertFile';
import { python } from './cpsHelpers';

const SOURCE = `
def spread(pair, k):
    k(*pair)


def by_name(n, k):
    k(total=n * 2)


def unpack_into_step(pair, k):
    def after(low, high):
        k(high - low)
    after(*pair)


def fewer_values(n, k):
    def after(value, scale=10):
        k(value * scale)
    after(n)


def plain(n, k):
    def after(value):
        k(value + 1)
    after(n)


spread((5,), print)
by_name(4, lambda total: print(total))
unpack_into_step((2, 9), print)
fewer_values(3, print)
plain(1, print)
`;

const BLOCKED: Readonly<Record<string, number>> = { spread: 2, by_name: 6, unpack_into_step: 12, fewer_values: 18 };

for (const to of ['generator', 'direct'] as const) {
  test(`--to ${to}: a continuation handed unpacked, by-name or mismatched values is refused with continuation-arity at that call`, async () => {
    const source = dedent(SOURCE);
    const file = await parse(source);
    try {
      const result = convertFile(file, to);
      assert.deepEqual(
        Object.fromEntries(result.refused.map((r) => [r.function, [r.code, r.line]])),
        Object.fromEntries(Object.entries(BLOCKED).map(([name, line]) => [name, ['continuation-arity', line]])),
      );
      assert.deepEqual(result.converted, ['plain']);
      assert.ok(result.text !== undefined);
      // What converts keeps what it prints; the refused functions stay as they were.
      const driver = to === 'generator' ? 'plain(1)(print)' : 'print(plain(1))';
      assert.equal(python(result.text.replace('plain(1, print)', driver)), python(source));
      for (const name of Object.keys(BLOCKED)) assert.ok(result.text.includes(source.slice(source.indexOf(`def ${name}(`), source.indexOf('\n\n\n', source.indexOf(`def ${name}(`)))), `${name} is unchanged`);
    } finally {
      file.dispose();
    }
  });
}
