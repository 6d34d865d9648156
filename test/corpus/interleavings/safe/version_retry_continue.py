# expected: 30
# The same optimistic update, written with an early `continue` on conflict.
import asyncio


class Store:
    def __init__(self):
        self.value = 0
        self.version = 0

    async def add(self, amount):
        while True:
            version = self.version
            value = self.value
            await asyncio.sleep(0)
            if self.version != version:
                continue
            self.value = value + amount
            self.version += 1
            break


async def main():
    store = Store()
    await asyncio.gather(store.add(10), store.add(20))
    print(store.value)


asyncio.run(main())
