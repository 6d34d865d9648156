"""Weather stations read through Tornado's IOLoop, in the Tornado 2 style: the
leaf takes `callback=` and answers with io_loop.add_callback or after an
add_timeout, continuations are named inner functions passed by keyword, and
the report is driven from the loop with a counter that stops it."""
from tornado.ioloop import IOLoop

io_loop = IOLoop.current()
READINGS = {"harbour": 14, "airport": 11, "summit": -3}
SLOW = {"summit"}


def read_station(name, callback=None):
    # The leaf: the reading arrives on a later turn, later still for a slow station.
    value = READINGS.get(name)
    if name in SLOW:
        io_loop.add_timeout(io_loop.time() + 0.01, lambda: callback(value))
    else:
        io_loop.add_callback(callback, value)


def describe(name, callback):
    def on_reading(value):
        if value is None:
            callback(name + ": offline")
            return
        callback(name + ": " + str(value) + "C")

    read_station(name, callback=on_reading)


def coldest(names, callback):
    lowest = []

    def next_station(i):
        if i == len(names):
            return callback(min(lowest) if lowest else None)

        def on_reading(value):
            if value is not None:
                lowest.append(value)
            next_station(i + 1)

        read_station(names[i], callback=on_reading)

    next_station(0)


def spread(first, second, callback):
    read_station(first, callback=lambda a: read_station(second, callback=lambda b: callback(abs(a - b))))


pending = [4]


def show(*values):
    print(*values)
    pending[0] -= 1
    if pending[0] == 0:
        io_loop.stop()


describe("harbour", show)
describe("lighthouse", show)
coldest(["harbour", "summit", "airport"], lambda c: show("coldest:", c))
spread("harbour", "summit", lambda d: show("spread:", d))
io_loop.start()
