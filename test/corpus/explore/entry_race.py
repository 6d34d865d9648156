# The __main__ block runs one task alone; `--entry race` explores the racy pair.
import asyncio

count = 0


async def bump():
    global count
    seen = count
    await asyncio.sleep(0)
    count = seen + 1


async def race():
    await asyncio.gather(bump(), bump())
    print(count)


async def main():
    await bump()
    print(count)


if __name__ == "__main__":
    asyncio.run(main())
