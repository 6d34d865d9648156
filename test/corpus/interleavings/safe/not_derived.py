# expected: done 2
# The state read before the await is only logged; what is written after does not come from it.
import asyncio

status = "idle"
finished = 0


async def work(log):
    global status, finished
    log.append(status)
    await asyncio.sleep(0)
    status = "done"
    finished += 1


async def main():
    log = []
    await asyncio.gather(work(log), work(log))
    print(status, finished)


asyncio.run(main())
