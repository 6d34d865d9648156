# A cache filled on a miss: two tasks missing the same key both load it (a lost
# update of the cache) unless a lock holds the check and the fill together.
import asyncio

cache = {}
loads = []
events = []


async def load(key):
    loads.append(key)
    events.append("start " + key)
    await asyncio.sleep(0)
    events.append("end " + key)
    return key.upper()


async def get(key):
    if key not in cache:
        cache[key] = await load(key)
    return cache[key]


async def main():
    await asyncio.gather(get("a"), get("a"), get("b"))
    overlapped = any(e.startswith("start") and n.startswith("start") for e, n in zip(events, events[1:]))
    print(sorted(loads), "overlapped" if overlapped else "one at a time")


if __name__ == "__main__":
    asyncio.run(main())
