# expected: 3
# `await lock.acquire()` … `finally: lock.release()` holds the lock across the await.
import asyncio

stock = {"apples": 5}
lock = asyncio.Lock()


async def take(item):
    await lock.acquire()
    try:
        left = stock[item]
        await asyncio.sleep(0)
        stock[item] = left - 1
    finally:
        lock.release()


async def main():
    await asyncio.gather(take("apples"), take("apples"))
    print(stock["apples"])


asyncio.run(main())
