# expected: 1
# The hit is returned early, so everything after the `if` runs under "not cached":
# both tasks get past it before either fills the cache.
import asyncio

CACHE = {}
loads = 0


async def load(key):
    global loads
    loads += 1
    await asyncio.sleep(0)
    return key


async def get(key):
    if key in CACHE:
        return CACHE[key]
    value = await load(key)
    CACHE[key] = value
    return value


async def main():
    await asyncio.gather(get("a"), get("a"))
    print(loads)


asyncio.run(main())
