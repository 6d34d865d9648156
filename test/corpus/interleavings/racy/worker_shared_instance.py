# expected: 9
# One Worker made before the loop and given to three tasks: self.done is shared.
import asyncio


class Worker:
    def __init__(self):
        self.done = 0

    async def run(self, jobs):
        for _ in range(jobs):
            seen = self.done
            await asyncio.sleep(0)
            self.done = seen + 1


async def main():
    worker = Worker()
    tasks = []
    for _ in range(3):
        tasks.append(asyncio.create_task(worker.run(3)))
    await asyncio.gather(*tasks)
    print(worker.done)


asyncio.run(main())
