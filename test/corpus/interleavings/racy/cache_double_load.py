# expected: 1
# A cache filled on a miss: both tasks miss, both load.
import asyncio

CACHE = {}
loads = 0


async def load(key):
    global loads
    loads += 1
    await asyncio.sleep(0)
    return key.upper()


async def get(key):
    if key not in CACHE:
        CACHE[key] = await load(key)
    return CACHE[key]


async def main():
    await asyncio.gather(get("a"), get("a"))
    print(loads)


asyncio.run(main())
