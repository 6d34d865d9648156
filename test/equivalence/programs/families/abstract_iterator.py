"""An async iterator base in collections.abc's shape: the base __anext__
only raises StopAsyncIteration (it never awaits), the readers' await. The
readers move to @types.coroutine; `async for` and `await` take both forms."""
# generator-converts: Countdown.__anext__, Lines.__anext__, total
# generator-refuses: Source.__anext__ never-suspends, main no-generator-form
import asyncio


class Source:
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise StopAsyncIteration


class Lines(Source):
    def __init__(self, text):
        self.lines = text.splitlines()

    async def __anext__(self):
        await asyncio.sleep(0)
        if not self.lines:
            raise StopAsyncIteration
        return self.lines.pop(0)


class Countdown(Source):
    def __init__(self, start):
        self.left = start

    async def __anext__(self):
        await asyncio.sleep(0)
        if self.left == 0:
            raise StopAsyncIteration
        self.left -= 1
        return self.left + 1


async def total(source):
    first = await source.__anext__()
    return first


async def main():
    for source in [Source(), Lines("alpha\nbeta"), Countdown(3)]:
        items = []
        async for item in source:
            items.append(item)
        print(type(source).__name__, items)
    print("first line:", await total(Lines("one\ntwo")))


asyncio.run(main())
