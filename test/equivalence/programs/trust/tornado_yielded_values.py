# Tornado takes a yielded None as one turn of the loop (`yield sem.release()`)
# and a list of Futures as all of them; await takes neither. A yield the module
# shows to be a Future becomes a plain await; any other value goes through the
# inserted tornado_yield adapter, whether its result is used or dropped.
# to: async
# expect-refused: (none)
# expect-converted: fetch_page, release_slot, main, tick, lookup
from tornado import gen, ioloop, locks

LIMIT = locks.Semaphore(2)
order = []


class Cache:
    """A hit hands back the value itself, a miss a Future."""

    def __init__(self):
        self.data = {}

    def get(self, key):
        if key in self.data:
            return self.data[key]
        self.data[key] = None
        return gen.sleep(0)


def pending(n):
    return [gen.sleep(0) for _ in range(n)]


@gen.coroutine
def tick(name):
    for i in range(3):
        order.append((name, i))
        yield None


@gen.coroutine
def lookup(cache, key):
    value = yield cache.get(key)
    order.append(("lookup", key, value))
    done = yield pending(2)
    order.append(("multi", len(done)))


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
    cache = Cache()
    yield [tick("a"), tick("b"), lookup(cache, "k"), lookup(cache, "k")]
    print(order)


ioloop.IOLoop.current().run_sync(main)
