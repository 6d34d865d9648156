# expected: [1, 2]
# Compare-and-append: the list is compared with the snapshot after the await.
import asyncio

items = []


async def add(item):
    while True:
        snapshot = list(items)
        await asyncio.sleep(0)
        if items == snapshot:
            items.append(item)
            return


async def main():
    await asyncio.gather(add(1), add(2))
    print(sorted(items))


asyncio.run(main())
