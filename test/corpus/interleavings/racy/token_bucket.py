# expected: 0
# The loop condition is checked, then the task suspends before taking a token.
import asyncio


class Bucket:
    def __init__(self, tokens):
        self.tokens = tokens

    async def drain(self):
        while self.tokens > 0:
            await asyncio.sleep(0)
            self.tokens -= 1


async def main():
    bucket = Bucket(3)
    await asyncio.gather(bucket.drain(), bucket.drain())
    print(bucket.tokens)


asyncio.run(main())
