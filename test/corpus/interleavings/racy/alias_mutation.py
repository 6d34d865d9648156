# expected: loads 1
# The cache is mutated through a local alias: `d = self.cache` … `d[k] = v`.
import asyncio

loads = 0


class Catalog:
    def __init__(self):
        self.cache = {}

    async def load(self, key):
        global loads
        loads += 1
        await asyncio.sleep(0)
        return key.upper()

    async def lookup(self, key):
        d = self.cache
        if key not in d:
            d[key] = await self.load(key)
        return d[key]


async def main():
    catalog = Catalog()
    await asyncio.gather(catalog.lookup("x"), catalog.lookup("x"))
    print("loads", loads)


asyncio.run(main())
