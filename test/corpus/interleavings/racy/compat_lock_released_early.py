# expected: 6
# The pre-3.9 spelling again, but the lock is let go before the await: the
# read and the write are no longer under it.
import asyncio

total = 0


class CompatLock:
    """asyncio.Lock as it was before Python 3.9: awaiting it acquires it."""

    def __init__(self):
        self._inner = asyncio.Lock()

    def __await__(self):
        yield from self._inner.acquire().__await__()
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._inner.release()


lock = CompatLock()


async def add(n):
    global total
    with (await lock):
        current = total
    await asyncio.sleep(0)
    total = current + n


async def main():
    await asyncio.gather(add(1), add(2), add(3))
    print(total)


asyncio.run(main())
