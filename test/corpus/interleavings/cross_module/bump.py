# The other writer: counts visits with an increment, which is safe on its own.
import asyncio

import state


async def bump_many(n):
    for _ in range(n):
        state.counter += 1
        await asyncio.sleep(0)
