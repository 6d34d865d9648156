# expected: 2
# The new value comes from the awaited call, not from a copy taken before it.
import asyncio


class Feed:
    def __init__(self):
        self.latest = 0
        self.version = 0

    async def fetch(self):
        await asyncio.sleep(0)
        return 2

    async def refresh(self):
        old = self.latest
        self.latest = await self.fetch()
        self.version += 1
        return old


async def main():
    feed = Feed()
    await asyncio.gather(feed.refresh(), feed.refresh())
    print(feed.latest)


asyncio.run(main())
