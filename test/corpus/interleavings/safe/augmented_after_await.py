# expected: 2
# `+=` after the await reads the current value.
import asyncio

counter = 0


async def bump():
    global counter
    await asyncio.sleep(0)
    counter += 1


async def main():
    await asyncio.gather(bump(), bump())
    print(counter)


asyncio.run(main())
