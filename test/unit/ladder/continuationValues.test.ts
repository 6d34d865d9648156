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

// An error-first leaf calls back with one value on failure and two on success;
// a continuation that takes the second with a default follows both, and one
// unpacking of the result would not (it raised ValueError on the failing path).
const ERROR_FIRST = `
ready = []


def load(name, callback):
    if name == "x":
        ready.append(lambda: callback(LookupError(name)))
    else:
        ready.append(lambda: callback(None, name.upper()))


def named(name, callback):
    def on_row(err, row=None):
        if err:
            callback("failed: " + str(err))
            return
        callback("row " + row)

    load(name, on_row)


def inline(name, callback):
    load(name, lambda err, row=None: callback("failed" if err else "row " + row))


def timer(name, callback):
    ready.append(lambda: callback(name))


def after_timer(name, callback):
    timer(name, lambda _=None: callback("timer for " + name))


named("a", print)
named("x", print)
inline("x", print)
after_timer("t", print)
while ready:
    ready.pop(0)()
`;

test('--to generator: a continuation whose later parameters have defaults is refused with continuation-arity; a lone default binds as before', async () => {
  const source = dedent(ERROR_FIRST);
  const file = await parse(source);
  try {
    const result = convertFile(file, 'generator');
    assert.deepEqual(Object.fromEntries(result.refused.map((r) => [r.function, [r.code, r.line]])), { named: ['continuation-arity', 18], inline: ['continuation-arity', 22] });
    assert.deepEqual(result.converted, ['after_timer']);
    assert.ok(result.text !== undefined);
    assert.equal(python(result.text.replace('after_timer("t", print)', 'after_timer("t")(print)')), python(source));
  } finally {
    file.dispose();
  }
});

test('a continuation called with one value on one path and two on another is refused at the second call, naming both', async () => {
  const file = await parse(
    dedent(`
    def price(name, callback):
        if not name:
            return callback(LookupError(name))
        callback(None, len(name))


    price("tea", print)
    price("", print)
    `),
  );
  try {
    for (const to of ['generator', 'direct'] as const) {
      const result = convertFile(file, to);
      assert.deepEqual(
        result.refused.map((r) => [r.function, r.code, r.line, r.message]),
        [['price', 'continuation-arity', 4, 'price calls its continuation `callback` with 1 value at line 3 and with 2 values at line 4; one result cannot stand for both']],
      );
    }
  } finally {
    file.dispose();
  }
});
