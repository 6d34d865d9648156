# expected: 200
# Run from this directory: python3 app.py. add_slowly copies the counter,
# awaits, then writes the copy back plus one, undoing bump.py's increments.
import asyncio

import state
from bump import bump_many


async def add_slowly(n):
    for _ in range(n):
        seen = state.counter
        await asyncio.sleep(0)
        state.counter = seen + 1


async def main():
    await asyncio.gather(add_slowly(100), bump_many(100))
    print(state.counter)


if __name__ == '__main__':
    asyncio.run(main())
