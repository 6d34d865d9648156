# expected: 2
# Nested coroutines share `total` through nonlocal.
import asyncio


async def main():
    total = 0

    async def add_one():
        nonlocal total
        before = total
        await asyncio.sleep(0)
        total = before + 1

    await asyncio.gather(add_one(), add_one())
    print(total)


asyncio.run(main())
