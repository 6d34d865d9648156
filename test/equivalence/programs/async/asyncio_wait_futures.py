"""A 3.4-era crawler that keeps its tasks in attributes and lists and hands
them to asyncio.wait: they are futures already, so converting leaves them
as they are, and wraps only what may be a coroutine."""
# expect-refused: (none)

import asyncio

PAGES = {"/": 3, "/a": 1, "/b": 4}


@asyncio.coroutine
def download(path):
    yield from asyncio.sleep(0.001 * PAGES[path])
    return (path, PAGES[path])


class Crawler:
    def __init__(self):
        self._root = asyncio.ensure_future(download("/"))
        self._pending = []

    @asyncio.coroutine
    def crawl(self, paths):
        for path in paths:
            self._pending.append(asyncio.Task(download(path)))
        finished, _ = yield from asyncio.wait([self._root] + self._pending)
        yield from asyncio.wait([self._root, download("/a")])
        return sorted(t.result() for t in finished)


@asyncio.coroutine
def sizes(paths):
    jobs = [asyncio.ensure_future(download(p)) for p in paths]
    finished, _ = yield from asyncio.wait(jobs)
    retries = []
    for p in paths:
        retries.append(asyncio.ensure_future(download(p)))
    retries.append(download("/"))
    yield from asyncio.wait(retries)
    return sum(size for _, size in (t.result() for t in finished))


@asyncio.coroutine
def main():
    print((yield from sizes(["/a", "/b"])))
    print((yield from Crawler().crawl(["/a", "/b"])))


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
loop.run_until_complete(main())
loop.close()
