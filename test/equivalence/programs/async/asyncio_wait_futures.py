"""A 3.4-era crawler that keeps its tasks in attributes and lists and hands
them to asyncio.wait: they are futures already, so converting leaves them
as they are, and wraps only what may be a coroutine."""
# expect-refused: (none)

import asyncio


@asyncio.coroutine
def one(n):
    yield from asyncio.sleep(0)
    return n


class Worker:
    def __init__(self):
        self._task = asyncio.ensure_future(one(1))
        self._tasks = []

    @asyncio.coroutine
    def run(self, names):
        self._tasks.append(asyncio.ensure_future(one(2)))
        done, _ = yield from asyncio.wait([self._task] + self._tasks)
        yield from asyncio.wait([self._task, one(3)])
        yield from asyncio.wait(self._tasks)
        return sorted(t.result() for t in done)


@asyncio.coroutine
def many(names):
    tasks = [asyncio.ensure_future(one(n)) for n in names]
    done, _ = yield from asyncio.wait(tasks)
    later = []
    for n in names:
        later.append(asyncio.ensure_future(one(n)))
    yield from asyncio.wait(later)
    mixed = [asyncio.ensure_future(one(0))]
    mixed.append(one(5))
    yield from asyncio.wait(mixed)
    handed = [asyncio.ensure_future(one(0))]
    print(len(handed))
    yield from asyncio.wait(handed)
    made = {asyncio.Task(one(n)) for n in names}
    yield from asyncio.wait(made)
    return sorted(t.result() for t in done)


@asyncio.coroutine
def main():
    print((yield from many([1, 2])))
    print((yield from Worker().run([3])))


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
loop.run_until_complete(main())
loop.close()
