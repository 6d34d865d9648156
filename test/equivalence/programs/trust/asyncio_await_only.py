# An awaitable with only __await__ (no __iter__): `yield from` cannot take it,
# so the generator form awaits it through __await__(). main stays native, since
# asyncio.run takes only native coroutines from Python 3.12 on.
# to: generator
# expect-refused: main=needs-native-coroutine
# expect-converted: settle, twice
import asyncio


class Settled:
    def __init__(self, value):
        self.value = value

    def __await__(self):
        yield from asyncio.sleep(0).__await__()
        return self.value


async def settle(x):
    pending = Settled(x)
    return await pending


async def twice(x):
    first = await settle(x)
    return first + await Settled(x)


async def main():
    print(await twice(21))


asyncio.run(main())
