"""Twisted @inlineCallbacks code: returnValue, Deferreds, and a caller that needs a Deferred."""
# expect-refused: (none)
from twisted.internet import defer, task
from twisted.internet.defer import inlineCallbacks, returnValue

TRAIL = []


def later(reactor, value):
    return task.deferLater(reactor, 0, lambda: value)


@inlineCallbacks
def fetch(reactor, key):
    value = yield later(reactor, key.upper())
    TRAIL.append("fetched %s" % key)
    returnValue(value)


@defer.inlineCallbacks
def fetch_all(reactor, keys):
    found = []
    for key in keys:
        value = yield fetch(reactor, key)
        if value == "STOP":
            defer.returnValue(found)  # leaves the loop early
        found.append(value)
    defer.returnValue(found)


class Cache:
    def __init__(self, reactor):
        self.reactor = reactor
        self.hits = 0

    @inlineCallbacks
    def get(self, key):
        try:
            if key == "bad":
                raise KeyError(key)
            value = yield fetch(self.reactor, key)
        except KeyError:
            value = None
        finally:
            self.hits += 1
        returnValue((key, value))


@inlineCallbacks
def main(reactor):
    print((yield fetch_all(reactor, ["a", "b"])))
    print((yield fetch_all(reactor, ["c", "stop", "d"])))
    cache = Cache(reactor)
    for key in ("x", "bad"):
        print((yield cache.get(key)))
    print("hits", cache.hits)
    # A caller that wants a Deferred: the coroutine starts at the call in both forms.
    d = fetch(reactor, "eager")
    TRAIL.append("called")
    d.addCallback(lambda v: TRAIL.append("callback %s" % v))
    yield d
    print(TRAIL)


task.react(main)
