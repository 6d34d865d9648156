# expected: 2
# `async with cond:` on an asyncio.Condition holds its lock; the consumer waits inside it.
import asyncio

queue = []
taken = 0
cond = asyncio.Condition()


async def consume():
    global taken
    async with cond:
        while not queue:
            await cond.wait()
        seen = taken
        queue.pop()
        await asyncio.sleep(0)
        taken = seen + 1


async def produce():
    for n in range(2):
        async with cond:
            queue.append(n)
            cond.notify()
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(consume(), consume(), produce())
    print(taken)


asyncio.run(main())
