# expected: 3
# The lock is released right after the read: the write after the await is unguarded.
import asyncio

stock = {"apples": 5}
lock = asyncio.Lock()


async def take(item):
    await lock.acquire()
    left = stock[item]
    lock.release()
    await asyncio.sleep(0)
    stock[item] = left - 1


async def main():
    await asyncio.gather(take("apples"), take("apples"))
    print(stock["apples"])


asyncio.run(main())
