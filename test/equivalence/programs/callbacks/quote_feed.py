"""A stock quote feed in the Twisted style, with a result and an error
callback. `fetch_quote` reports a stale quote through the errback and then
delivers it through the callback as well, so `quote_line`, which as a
generator would take only the first, is refused; `ticks` hands the callback
on twice through `functools.partial`, so `last_tick` is refused; `fetch_name`
calls back once through a local alias and a lambda, so `describe` converts;
`watch` keeps a lambda around its callback in a slot nothing clears, which
`alert` calls on every crossing, so `first_alert` is refused."""
import functools

ready = []


def call_soon(fn, *args):
    ready.append((fn, args))


def run():
    while ready:
        fn, args = ready.pop(0)
        fn(*args)


PRICES = {"ACME": (101.5, True), "GLOBEX": (42.0, False)}
NAMES = {"ACME": "Acme Corp", "GLOBEX": "Globex"}


class StaleQuote(Exception):
    pass


def fetch_quote(symbol, callback, errback):
    price, stale = PRICES[symbol]
    if stale:
        call_soon(errback, StaleQuote(symbol))
    call_soon(callback, price)


def ticks(symbol, callback):
    price, _ = PRICES[symbol]
    call_soon(functools.partial(callback, price - 1))
    call_soon(functools.partial(callback, price))


def fetch_name(symbol, callback):
    deliver = callback
    call_soon(lambda: deliver(NAMES[symbol]))


class Watcher:
    def __init__(self):
        self.on_cross = None

    def watch(self, limit, callback):
        self.on_cross = lambda price: callback(price) if price > limit else None

    def alert(self, price):
        self.on_cross(price)


watcher = Watcher()


def quote_line(symbol, on_done, on_error):
    fetch_quote(symbol, lambda price: on_done(symbol + " " + str(price)), lambda error: on_error(error))


def last_tick(symbol, on_done):
    ticks(symbol, lambda price: on_done("tick " + str(price)))


def describe(symbol, on_done):
    fetch_name(symbol, lambda name: on_done(name + " (" + symbol + ")"))


def first_alert(limit, on_done):
    watcher.watch(limit, lambda price: on_done("crossed at " + str(price)))


quote_line("ACME", print, lambda error: print("error:", repr(error)))
last_tick("GLOBEX", print)
describe("GLOBEX", print)
first_alert(100, print)
run()
watcher.alert(99)
watcher.alert(101)
watcher.alert(102)
