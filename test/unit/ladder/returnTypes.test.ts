// A coroutine's return type stays true at every rung: `R` on the native
// coroutine, `Generator[Any, Any, R]` on the generator forms, a
// `Callable[[R], None]` continuation on the CPS function. Each step's header
// is checked, and python3 prints the same before and after.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import type { Rung } from '../../../extension/engine/ladder/conversion';
import { dedent } from '../../helpers/parser';
import { converted, python, typedCallbacks } from './cpsHelpers';

/** Each rung in turn from `source`: the headers it must show, and the same output. */
async function climb(source: string, rungs: readonly (readonly [Rung, readonly RegExp[]])[], run = python, functions?: string[]): Promise<string> {
  let text = dedent(source);
  const printed = run(text);
  assert.notEqual(printed, '');
  for (const [rung, headers] of rungs) {
    text = await converted(text, rung, functions ? { functions } : {});
    for (const header of headers) assert.match(text, header, `after --to ${rung}`);
    assert.equal(run(text), printed, `after --to ${rung}`);
  }
  return text;
}

const TYPED_CALLBACKS = typedCallbacks('Any, Callable, Generator');

test('typed callbacks climb with their result type: Generator[Any, Any, int] on the generator form, int on the async def', async () => {
  await climb(TYPED_CALLBACKS, [
    ['generator', [/^def fetch\(key: int\) -> Generator\[Any, Any, int\]:$/m, /^def lookup\(key: int\) -> Generator\[Any, Any, int\]:$/m]],
    ['async', [/^async def fetch\(key: int\) -> int:$/m, /^async def lookup\(key: int\) -> int:$/m]],
  ]);
});

test('the generator form goes back to CPS with its continuation typed again', async () => {
  await climb(TYPED_CALLBACKS, [
    ['generator', [/-> Generator\[Any, Any, int\]:$/m]],
    ['cps', [/^def fetch\(key: int, \w+: Callable\[\[int\], None\]\) -> None:$/m, /^def lookup\(key: int, \w+: Callable\[\[int\], None\]\) -> None:$/m]],
    ['direct', [/^def fetch\(key: int\) -> int:$/m, /^def lookup\(key: int\) -> int:$/m]],
  ]);
});

test('async → generator → async gives the return type back, through the module\'s `typing` import', async () => {
  const source = `
    import asyncio
    import typing

    SCALE: typing.Final = 2


    async def double(x: int) -> int:
        await asyncio.sleep(0)
        return x * SCALE


    async def main() -> None:
        print(await double(21))


    asyncio.run(main())
`;
  const back = await climb(source, [
    ['generator', [/^def double\(x: int\) -> typing\.Generator\[typing\.Any, typing\.Any, int\]:$/m]],
    ['async', [/^async def double\(x: int\) -> int:$/m]],
  ], python, ['double']);
  assert.equal(back, dedent(source));
});

test('without Generator and Any bound, the generator form keeps the native return type, as before', async () => {
  const text = await climb(
    `
    import asyncio


    async def double(x: int) -> int:
        await asyncio.sleep(0)
        return x * 2


    async def main() -> None:
        print(await double(21))


    asyncio.run(main())
`,
    [['generator', [/^def double\(x: int\) -> int:$/m]]],
    python,
    ['double'],
  );
  assert.doesNotMatch(text, /Generator/);
});

test('a Tornado coroutine annotated the way Tornado annotates its own becomes an async def returning the result, still quoted', async () => {
  const tornado = (source: string): string => {
    const run = spawnSync('/usr/bin/python3', ['-'], { input: source, encoding: 'utf8', timeout: 20_000 });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout;
  };
  await climb(
    `
    import typing
    from typing import Any, List

    from tornado import gen, ioloop

    if typing.TYPE_CHECKING:
        from typing import Generator


    @gen.coroutine
    def _squares(n: int) -> "Generator[Any, Any, List[int]]":
        out = []
        for i in range(n):
            yield gen.sleep(0)
            out.append(i * i)
        return out


    async def _main() -> None:
        print(await _squares(4))


    ioloop.IOLoop.current().run_sync(_main)
`,
    [['async', [/^async def _squares\(n: int\) -> "List\[int\]":$/m]]],
    tornado,
  );
});

test('a Callable imported only for the type checker is not written into a def, where it would raise NameError', async () => {
  await climb(
    `
    from typing import TYPE_CHECKING
    if TYPE_CHECKING:
        from typing import Callable


    def area(w: int, h: int) -> int:
        return w * h


    def show() -> None:
        print(area(3, 4))


    show()
`,
    [['cps', [/^def area\(w: int, h: int, \w+\)/m]]],
  );
});
