# expected: 2
# Read, await and write all happen under one module-level lock.
import asyncio

counter = 0
counter_lock = asyncio.Lock()


async def bump():
    global counter
    async with counter_lock:
        seen = counter
        await asyncio.sleep(0)
        counter = seen + 1


async def main():
    global counter
    counter = 0
    await asyncio.gather(bump(), bump())
    print(counter)


asyncio.run(main())
