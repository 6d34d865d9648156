"""Generators the converter must leave alone, beside ones it converts."""
# expect-refused: accumulator, double, echo

import asyncio


@asyncio.coroutine
def double(n):
    yield from asyncio.sleep(0)
    return n * 2


@asyncio.coroutine
def accumulator():
    # Yields plain values and is driven by hand with send(): a generator, not a coroutine.
    total = 0
    while True:
        step = yield total
        total += step


@asyncio.coroutine
def echo(value):
    # Returns its argument: @asyncio.coroutine would await it if it were awaitable.
    return value


def pump():
    # Delegates to double, then yields a plain value: it stays a generator,
    # so double must stay one too.
    got = yield from double(2)
    yield got


@asyncio.coroutine
def main():
    print((yield from double(4)))
    print((yield from echo("same")))


acc = accumulator()
next(acc)
print(acc.send(3), acc.send(4))
steps = pump()
print(next(steps) is None or "suspended")
loop = asyncio.new_event_loop()
print(loop.run_until_complete(main()))
loop.close()
