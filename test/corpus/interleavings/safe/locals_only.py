# expected: 60
# Running totals in locals are private to each task.
import asyncio


async def measure(n):
    await asyncio.sleep(0)
    return n


async def total(values):
    running = 0
    for v in values:
        seen = running
        await asyncio.sleep(0)
        running = seen + await measure(v)
    return running


async def main():
    a, b = await asyncio.gather(total([10, 20]), total([30]))
    print(a + b)


asyncio.run(main())
