# expected: 6
# The pre-3.9 lock spellings, `with (await lock):` in a coroutine and
# `with (yield from lock):` in a generator-based one, on a small lock that
# still supports them: both hold the lock across the await.
import asyncio
import types

total = 0


class CompatLock:
    """asyncio.Lock as it was before Python 3.9: awaiting it acquires it."""

    def __init__(self):
        self._inner = asyncio.Lock()

    def __await__(self):
        yield from self._inner.acquire().__await__()
        return self

    def __iter__(self):
        return self.__await__()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._inner.release()


lock = CompatLock()


async def add_native(n):
    global total
    with (await lock):
        current = total
        await asyncio.sleep(0)
        total = current + n


@types.coroutine
def add_generator(n):
    global total
    with (yield from lock):
        current = total
        yield from asyncio.sleep(0).__await__()
        total = current + n


async def main():
    await asyncio.gather(add_native(1), add_generator(2), add_native(3))
    print(total)


asyncio.run(main())
