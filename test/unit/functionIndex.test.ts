import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedent, parse } from '../helpers/parser';

test('dotted names cover classes, methods, nested functions and decorated definitions', async () => {
  const file = await parse(
    dedent(`
      import functools

      def outer():
          def inner():
              class Local:
                  def m(self):
                      pass
              return Local
          return inner

      class Shop:
          @staticmethod
          @functools.lru_cache(maxsize=None)
          def price(item):
              return 1

          async def fetch(self):
              async def helper():
                  pass
              await helper()

      if True:
          def conditional():
              pass
      lam = lambda: 0
    `),
  );
  const rows = file.functions.all.map((f) => [f.name, f.kind, f.line, f.endLine, f.isAsync, f.decorators]);
  assert.deepEqual(rows, [
    ['outer', 'function', 3, 9, false, []],
    ['outer.inner', 'function', 4, 8, false, []],
    ['outer.inner.Local', 'class', 5, 7, false, []],
    ['outer.inner.Local.m', 'function', 6, 7, false, []],
    ['Shop', 'class', 11, 20, false, []],
    ['Shop.price', 'function', 14, 15, false, ['staticmethod', 'functools.lru_cache(maxsize=None)']],
    ['Shop.fetch', 'function', 17, 20, true, []],
    ['Shop.fetch.helper', 'function', 18, 19, true, []],
    ['conditional', 'function', 23, 24, false, []],
  ]);
});

test('at() finds the innermost definition around an offset, decorators included', async () => {
  const text = dedent(`
    class A:
        @property
        def b(self):
            return 1
  `);
  const file = await parse(text);
  assert.equal(file.functions.at(text.indexOf('@property'))?.name, 'A.b');
  assert.equal(file.functions.at(text.indexOf('return'))?.name, 'A.b');
  assert.equal(file.functions.at(text.indexOf('class'))?.name, 'A');
  assert.deepEqual(file.functions.named('A.b').map((f) => f.line), [3]);
});

test('of() gives the entry of a definition node, decorated or nested, and none for other nodes', async () => {
  const text = dedent(`
    @wraps
    def outer():
        @log
        def inner():
            return 1
        return inner

    class C:
        def m(self):
            pass
  `);
  const file = await parse(text);
  for (const fn of file.functions.all) assert.equal(file.functions.of(fn.node), fn);
  const inner = file.functions.named('outer.inner')[0];
  const body = inner?.node.childForFieldName('body');
  assert.ok(inner && body);
  assert.equal(file.functions.of(body), undefined);
  assert.equal(file.functions.of(inner.decorated ?? inner.node), undefined);
});

test('a name defined twice is listed twice, in source order', async () => {
  const file = await parse('def f():\n    return 1\n\ndef f():\n    return 2\n');
  assert.deepEqual(file.functions.named('f').map((f) => f.line), [1, 4]);
});
