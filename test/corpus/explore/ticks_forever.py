# Yields forever: virtual time runs on, and the step limit stops it.
import asyncio


async def main():
    ticks = 0
    while True:
        ticks += 1
        await asyncio.sleep(1)


asyncio.run(main())
