# expected: 30
# `self.total += await ...` loads self.total before the await runs.
import asyncio


class Meter:
    def __init__(self):
        self.total = 0

    async def measure(self, amount):
        await asyncio.sleep(0)
        return amount

    async def add(self, amount):
        self.total += await self.measure(amount)


async def main():
    meter = Meter()
    await asyncio.gather(meter.add(10), meter.add(20))
    print(meter.total)


asyncio.run(main())
