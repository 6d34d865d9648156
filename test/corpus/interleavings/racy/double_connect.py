# expected: 1
# Lazy connection: two callers both see no connection and both open one.
import asyncio

opened = 0


class Client:
    def __init__(self):
        self.conn = None

    async def connect(self):
        global opened
        opened += 1
        await asyncio.sleep(0)
        return object()

    async def query(self):
        if self.conn is None:
            self.conn = await self.connect()
        return self.conn


async def main():
    client = Client()
    await asyncio.gather(client.query(), client.query())
    print(opened)


asyncio.run(main())
