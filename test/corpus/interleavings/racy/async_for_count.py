# expected: 6
# The count is copied before an async for and stored after it.
import asyncio


async def items():
    for i in range(3):
        await asyncio.sleep(0)
        yield i


class Stats:
    def __init__(self):
        self.seen = 0

    async def consume(self):
        seen = self.seen
        async for _ in items():
            seen += 1
        self.seen = seen


async def main():
    stats = Stats()
    await asyncio.gather(stats.consume(), stats.consume())
    print(stats.seen)


asyncio.run(main())
