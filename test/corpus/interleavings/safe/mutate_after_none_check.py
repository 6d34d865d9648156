# expected: a=1 b=2
# `if self._data is None` is invalidated only by rebinding self._data; other
# tasks only add keys to it, which the check does not look at.
import asyncio


class Store:
    def __init__(self):
        self._data = {}

    async def put(self, key, value):
        if self._data is None:
            return
        await asyncio.sleep(0)
        self._data[key] = value


async def main():
    store = Store()
    await asyncio.gather(store.put("a", 1), store.put("b", 2))
    print(" ".join(f"{k}={v}" for k, v in sorted(store._data.items())))


asyncio.run(main())
