# expected: 10 10
# The limit is read before the await and used after it, but nothing ever changes it.
import asyncio

CONFIG = {"limit": 10}


class Worker:
    def __init__(self):
        self.limit = None

    async def start(self):
        limit = CONFIG["limit"]
        await asyncio.sleep(0)
        self.limit = limit


async def main():
    a, b = Worker(), Worker()
    await asyncio.gather(a.start(), b.start())
    print(a.limit, b.limit)


asyncio.run(main())
