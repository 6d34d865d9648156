# expected: 2
# A dict entry read with get(), written back after an await.
import asyncio

counts = {}


async def tally(word):
    current = counts.get(word, 0)
    await asyncio.sleep(0)
    counts[word] = current + 1


async def main():
    await asyncio.gather(tally("x"), tally("x"))
    print(counts["x"])


asyncio.run(main())
