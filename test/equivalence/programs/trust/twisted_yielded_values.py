# Twisted's inlineCallbacks hands a yielded non-Deferred straight back: a
# transport's close() returning None, a response cache returning the value on
# a hit and a Deferred on a miss. The native form goes through maybeDeferred
# where the module does not show the value is a Deferred. A yielded plain
# value comes back at once, with no turn of the reactor in between: it
# becomes the value itself, and a yielded constant on its own goes.
# to: async
# expect-refused: (none)
# expect-converted: ResponseCache.fetch, main, report, tally
from twisted.internet import defer, task


class Pipe:
    def __init__(self, name):
        self.name = name

    def loseConnection(self):
        print("closing", self.name)


class ResponseCache:
    def __init__(self, reactor):
        self.reactor = reactor
        self.results = {}

    def lookup(self, key):
        if key in self.results:
            return self.results[key]
        d = task.deferLater(self.reactor, 0, lambda: "computed " + key)
        d.addCallback(self._remember, key)
        return d

    def _remember(self, value, key):
        self.results[key] = value
        return value

    @defer.inlineCallbacks
    def fetch(self, key):
        value = yield self.lookup(key)
        defer.returnValue(value.upper())


@defer.inlineCallbacks
def report(reactor, cache, keys):
    seen = []
    for key in keys:
        seen.append((yield cache.fetch(key)))
        yield task.deferLater(reactor, 0, lambda: None)
    defer.returnValue(seen)


@defer.inlineCallbacks
def tally(reactor, log):
    reactor.callLater(0, log.append, "reactor turned")
    first = yield 3
    yield None
    both = yield first, [log.append("built")]
    yield
    log.append("no turn yet: %r" % (both,))
    yield task.deferLater(reactor, 0, lambda: None)
    defer.returnValue((first, log))


@defer.inlineCallbacks
def main(reactor):
    cache = ResponseCache(reactor)
    print((yield report(reactor, cache, ["a", "b", "a"])))
    pipe = Pipe("upstream")
    result = yield pipe.loseConnection()
    print("closed with", result)
    print((yield tally(reactor, [])))


task.react(main)
