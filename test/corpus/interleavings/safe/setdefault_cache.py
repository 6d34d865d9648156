# expected: True
# On a miss both tasks load, but setdefault keeps the first value, so callers share one object.
import asyncio

CACHE = {}


async def load(key):
    await asyncio.sleep(0)
    return [key]


async def get(key):
    if key not in CACHE:
        value = await load(key)
        return CACHE.setdefault(key, value)
    return CACHE[key]


async def main():
    a, b = await asyncio.gather(get("k"), get("k"))
    print(a is b)


asyncio.run(main())
