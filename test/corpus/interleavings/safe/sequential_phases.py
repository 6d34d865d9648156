# expected: 4 reset
# The setup coroutine runs before the workers start and the report after they
# are all awaited: neither can interleave with a worker's read and write.
import asyncio

counter = 0
lock = asyncio.Lock()


async def fill():
    global counter
    counter = 0
    await asyncio.sleep(0)


async def worker():
    global counter
    async with lock:
        seen = counter
        await asyncio.sleep(0)
        counter = seen + 1


def report():
    global counter
    print(counter, end=" ")
    counter = 0
    print("reset")


async def main():
    await fill()
    await asyncio.gather(*(worker() for _ in range(4)))
    report()


asyncio.run(main())
