"""A memcache-like client on Tornado's IOLoop written as Tornado 2 libraries
wrote them: methods take `callback`, replies come back through
io_loop.add_callback(functools.partial(callback, value)), a lookup that misses
falls back to the database with a partial naming the next step, and the
callers chain their steps as lambdas and named inner functions."""
import functools

from tornado.ioloop import IOLoop

io_loop = IOLoop.current()
DATABASE = {"user:1": "ada", "user:2": "grace", "user:3": "linus"}


class CacheClient:
    def __init__(self):
        self.store = {"user:1": "ada"}

    def get(self, key, callback):
        io_loop.add_callback(functools.partial(callback, self.store.get(key)))

    def set(self, key, value, callback):
        self.store[key] = value
        io_loop.add_callback(functools.partial(callback, True))


cache = CacheClient()


def query_db(key, callback):
    io_loop.add_timeout(io_loop.time() + 0.005, functools.partial(callback, DATABASE.get(key)))


def fetch_user(key, callback):
    def on_cached(value):
        if value is not None:
            callback(value + " (cache)")
            return

        def on_row(row):
            if row is None:
                return callback("nobody")
            cache.set(key, row, lambda stored: callback(row + " (db)"))

        query_db(key, on_row)

    cache.get(key, on_cached)


def greet(key, callback):
    fetch_user(key, lambda name: callback("hello, " + name))


def greet_twice(key, callback):
    greet(key, lambda first: greet(key, lambda second: callback(first + " / " + second)))


pending = [3]


def show(line):
    print(line)
    pending[0] -= 1
    if pending[0] == 0:
        io_loop.stop()


greet("user:1", show)
greet_twice("user:2", show)
fetch_user("user:9", lambda name: show(str(name)))
io_loop.start()
