# expected: saved 2
# The None check is broken by another task rebinding the store to None while
# the writer is suspended: the write is lost.
import asyncio


class Store:
    def __init__(self):
        self._data = {}
        self.saved = 0

    async def put(self, key, value):
        if self._data is None:
            return
        await asyncio.sleep(0)
        try:
            self._data[key] = value
            self.saved += 1
        except TypeError:
            pass

    async def close(self):
        self._data = None


async def main():
    store = Store()
    await asyncio.gather(store.put("a", 1), store.put("b", 2), store.close())
    print("saved", store.saved)


asyncio.run(main())
