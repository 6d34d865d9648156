"""Generator-based coroutines in the 3.4 style: try "Convert to async/await" on each."""
import asyncio
import types


@types.coroutine
def pause():
    # A primitive: a bare yield hands control back to the event loop once.
    yield


@types.coroutine
def fetch(name, delay):
    for _ in range(delay):
        yield from pause()
    return f"{name} after {delay} ticks"


@types.coroutine
def fetch_both():
    first = yield from fetch("config", 2)
    second = (yield from fetch("users", 1)).upper()
    return [first, second]


async def main():
    print(await fetch_both())


if __name__ == "__main__":
    asyncio.run(main())
