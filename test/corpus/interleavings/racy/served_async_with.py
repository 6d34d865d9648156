# expected: 2
# Entering an async context manager suspends, between the copy and the write.
import asyncio

served = 0


class Session:
    async def __aenter__(self):
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, *exc):
        return False


async def handle():
    global served
    before = served
    async with Session():
        served = before + 1


async def main():
    await asyncio.gather(handle(), handle())
    print(served)


asyncio.run(main())
