"""A 3.4-era link checker: every call passes the loop, and asyncio.wait gets
coroutines. Python 3.10 removed the loop= arguments and 3.11 refuses
coroutines in asyncio.wait, so converting to async/await respells both."""
# expect-refused: (none)
# reverse-refused: check, check_all, drain, fetch

import asyncio

PAGES = {"/": ["/a", "/b"], "/a": ["/b", "/c"], "/b": [], "/c": ["/"]}


@asyncio.coroutine
def fetch(path, limit, loop):
    with (yield from limit):
        yield from asyncio.sleep(0.001 * len(path), loop=loop)
        return PAGES.get(path, [])


@asyncio.coroutine
def check(path, limit, loop, seen):
    links = yield from asyncio.wait_for(fetch(path, limit, loop), 5, loop=loop)
    seen.add(path)
    return len(links)


@asyncio.coroutine
def check_all(paths, loop):
    limit = asyncio.Lock(loop=loop)
    seen = set()
    counts = yield from asyncio.gather(*[check(p, limit, loop, seen) for p in paths], loop=loop)
    done, pending = yield from asyncio.wait([check(p, limit, loop, seen) for p in reversed(paths)], loop=loop, timeout=5)
    return counts, len(done), len(pending), sorted(seen)


@asyncio.coroutine
def drain(queue, out):
    while not queue.empty():
        out.append((yield from queue.get()))


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(loop.run_until_complete(check_all(sorted(PAGES), loop)))
queue = asyncio.Queue(loop=loop)
for path in sorted(PAGES):
    queue.put_nowait(path)
out = []
jobs = [drain(queue, out), drain(queue, out)]
finished, _ = loop.run_until_complete(asyncio.wait(jobs, loop=loop))
print(len(finished), out)
loop.close()
