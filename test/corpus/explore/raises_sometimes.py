# One order ends with an exception: the outcome names it.
import asyncio

stock = {"apple": 1}


async def take(name):
    if name in stock:
        await asyncio.sleep(0)
        del stock[name]


async def main():
    await asyncio.gather(take("apple"), take("apple"))
    print(stock)


asyncio.run(main())
