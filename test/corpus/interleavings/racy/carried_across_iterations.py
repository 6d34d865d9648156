# expected: 6
# fix: refused (the value crosses iterations: a lock around one iteration cannot span it)
# A value read in one iteration is written back in the next: the await at the
# end of the loop body sits between them.
import asyncio

ticks = 0


async def ticker(rounds):
    global ticks
    last = None
    for _ in range(rounds + 1):
        if last is not None:
            ticks = last + 1
        last = ticks
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(ticker(3), ticker(3))
    print(ticks)


asyncio.run(main())
