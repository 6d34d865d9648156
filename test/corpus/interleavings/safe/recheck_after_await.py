# expected: True
# The miss is checked again after the load, before the cache is filled.
import asyncio

CACHE = {}


async def load(key):
    await asyncio.sleep(0)
    return [key]


async def get(key):
    if key not in CACHE:
        value = await load(key)
        if key not in CACHE:
            CACHE[key] = value
    return CACHE[key]


async def main():
    a, b = await asyncio.gather(get("k"), get("k"))
    print(a is b)


asyncio.run(main())
