# expected: 2
# A one-slot semaphore is a lock too.
import asyncio

hits = {"home": 0}
gate = asyncio.Semaphore(1)


async def visit(page):
    async with gate:
        current = hits[page]
        await asyncio.sleep(0)
        hits[page] = current + 1


async def main():
    await asyncio.gather(visit("home"), visit("home"))
    print(hits["home"])


asyncio.run(main())
