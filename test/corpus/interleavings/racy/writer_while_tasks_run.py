# expected: 4
# fix: refused (the reset is a plain function the loop calls back: a lock cannot guard it)
# The workers guard each other, but the reset is scheduled while they run: it
# lands between a worker's read and its write, and the worker writes back a
# count from before the reset.
import asyncio

counter = 10
lock = asyncio.Lock()


async def worker():
    global counter
    async with lock:
        seen = counter
        await asyncio.sleep(0)
        counter = seen + 1


def reset():
    global counter
    counter = 0


async def main():
    tasks = [asyncio.create_task(worker()) for _ in range(4)]
    asyncio.get_running_loop().call_soon(reset)
    await asyncio.gather(*tasks)
    print(counter)


asyncio.run(main())
