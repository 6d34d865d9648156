"""Coroutines that stay @types.coroutine generators around converted ones, and coroutines handed to asyncio.gather."""
# expect-refused: (none)
# reverse-refused: main

import asyncio
import types


@asyncio.coroutine
def double(x):
    yield from asyncio.sleep(0)
    return x * 2


@types.coroutine
def tick_then_double(x):
    # A bare yield hands control back to the loop, so this one stays a generator,
    # and a @types.coroutine generator can still `yield from` a native coroutine.
    yield
    return (yield from double(x))


@asyncio.coroutine
def main():
    pair = yield from asyncio.gather(double(1), tick_then_double(2))
    print(pair)
    print((yield from tick_then_double(21)))


asyncio.run(main())
