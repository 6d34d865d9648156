# expected: 3 3 3
# One Worker per task, made in the loop: self.done is never shared between tasks.
import asyncio


class Worker:
    def __init__(self, name):
        self.name = name
        self.done = 0

    async def run(self, jobs):
        for _ in range(jobs):
            seen = self.done
            await asyncio.sleep(0)
            self.done = seen + 1
        return self.done


async def main():
    tasks = []
    for i in range(3):
        worker = Worker(i)
        tasks.append(asyncio.create_task(worker.run(3)))
    print(*await asyncio.gather(*tasks))


asyncio.run(main())
