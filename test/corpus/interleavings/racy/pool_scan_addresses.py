# expected: opened 1
# A connection pool scans its addresses for an idle connection and returns
# early when it finds one; only after the loop does it open a new one. Two
# callers both scan, both find nothing, and both open a connection.
import asyncio

opened = 0


class Pool:
    def __init__(self, addresses):
        self.addresses = addresses
        self.idle = {}

    async def open(self, address):
        global opened
        opened += 1
        await asyncio.sleep(0)
        return f"conn-{address}"

    async def get(self):
        for address in self.addresses:
            if address in self.idle:
                return self.idle[address]
        address = self.addresses[0]
        conn = await self.open(address)
        self.idle[address] = conn
        return conn


async def main():
    pool = Pool(["db1", "db2"])
    await asyncio.gather(pool.get(), pool.get())
    print("opened", opened)


asyncio.run(main())
