# Never returns control to the loop: only the wall-clock timeout stops it.
import asyncio


async def main():
    while True:
        pass


asyncio.run(main())
