# Tornado takes a yielded None as one turn of the loop (`yield sem.release()`);
# await does not, so a dropped yield of something the module does not show to
# be a Future is refused. Yields the module shows are Futures convert, and so
# does a yield whose result is used (Tornado gives None only for a dropped one).
# to: async
# expect-refused: release_slot=not-awaitable
# expect-converted: fetch_page, main
from tornado import gen, ioloop, locks

LIMIT = locks.Semaphore(2)


@gen.coroutine
def fetch_page(url):
    yield gen.sleep(0)
    raise gen.Return("<%s>" % url)


@gen.coroutine
def release_slot(url):
    page = yield fetch_page(url)
    yield LIMIT.release()
    raise gen.Return(page)


@gen.coroutine
def main():
    pages = yield [fetch_page(u) for u in ("a", "b")]
    print(pages)
    slot = yield LIMIT.acquire()
    print((yield release_slot("c")), slot is not None)


ioloop.IOLoop.current().run_sync(main)
