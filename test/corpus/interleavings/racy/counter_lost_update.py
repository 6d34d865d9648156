# expected: 2
# Two tasks bump a module counter; each copies it, yields, and writes the copy back.
import asyncio

counter = 0


async def bump():
    global counter
    seen = counter
    await asyncio.sleep(0)
    counter = seen + 1


async def main():
    await asyncio.gather(bump(), bump())
    print(counter)


asyncio.run(main())
