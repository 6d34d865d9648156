# expected: 30
# Optimistic update: compute from a snapshot, commit only if the version is unchanged.
import asyncio


class Store:
    def __init__(self):
        self.value = 0
        self.version = 0

    async def add(self, amount):
        while True:
            version = self.version
            value = self.value
            await asyncio.sleep(0)  # slow computation
            if self.version == version:
                self.value = value + amount
                self.version = version + 1
                return


async def main():
    store = Store()
    await asyncio.gather(store.add(10), store.add(20))
    print(store.value)


asyncio.run(main())
