# expected: 2
# The counter is read after the await, so each task sees the other's write.
import asyncio

counter = 0


async def bump():
    global counter
    await asyncio.sleep(0)
    seen = counter
    counter = seen + 1


async def main():
    await asyncio.gather(bump(), bump())
    print(counter)


asyncio.run(main())
