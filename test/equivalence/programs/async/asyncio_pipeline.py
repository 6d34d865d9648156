"""A 3.4-era producer/consumer pipeline: queues, tasks, wait_for, futures."""
# expect-refused: (none)
# reverse-refused: main

import asyncio
import functools


@asyncio.coroutine
def produce(queue, items):
    for item in items:
        yield from queue.put(item)
        yield from asyncio.sleep(0)
    yield from queue.put(None)  # the end marker


@asyncio.coroutine
def consume(queue, results):
    while True:
        item = yield from queue.get()
        if item is None:
            return len(results)
        try:
            value = yield from asyncio.wait_for(square_later(item), timeout=1)
        except asyncio.TimeoutError:
            results.append("timeout")
        else:
            results.append(value)


@asyncio.coroutine
def square_later(n):
    future = asyncio.get_event_loop().create_future()
    asyncio.get_event_loop().call_soon(functools.partial(future.set_result, n * n))
    return (yield from future)


@asyncio.coroutine
def main():
    queue = asyncio.Queue()
    results = []
    producer = asyncio.ensure_future(produce(queue, [1, 2, 3]))
    count = yield from consume(queue, results)
    yield from producer
    done, pending = yield from asyncio.wait([asyncio.ensure_future(square_later(k)) for k in (4, 5)])
    print(count, results, sorted(t.result() for t in done), len(pending))


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
loop.run_until_complete(main())
loop.close()
