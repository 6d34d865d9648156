# An @asyncio.coroutine without yield that returns a future was awaited by the
# decorator: the native form says `return await`. A bare yield let other tasks
# run, which asyncio.sleep(0) does.
# to: async
# expect-refused: (none)
# expect-converted: doubled, both, offloaded, polite, main
import asyncio


@asyncio.coroutine
def doubled(x):
    loop = asyncio.get_event_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, x * 2)
    return fut


@asyncio.coroutine
def both():
    return asyncio.gather(doubled(1), doubled(2))


def blocking_sum(n):
    return sum(range(n))


@asyncio.coroutine
def offloaded(n):
    return asyncio.get_event_loop().run_in_executor(None, blocking_sum, n)


@asyncio.coroutine
def polite(tag):
    print(tag, "before")
    yield
    print(tag, "after")
    return tag


@asyncio.coroutine
def main():
    print((yield from doubled(3)))
    print((yield from both()))
    print((yield from offloaded(10)))
    print((yield from asyncio.gather(polite("a"), polite("b"))))


asyncio.get_event_loop().run_until_complete(main())
