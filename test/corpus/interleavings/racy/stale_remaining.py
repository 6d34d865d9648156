# expected: 8
# The stock itself is updated correctly, but the figure derived from the copy is stale.
import asyncio


class Shelf:
    def __init__(self):
        self.stock = 10
        self.remaining = None

    async def take(self):
        available = self.stock
        await asyncio.sleep(0)  # check the customer's credit
        self.remaining = available - 1
        self.stock -= 1


async def main():
    shelf = Shelf()
    await asyncio.gather(shelf.take(), shelf.take())
    print(shelf.remaining)


asyncio.run(main())
