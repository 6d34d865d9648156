# Callers that are not coroutines: a plain function returning the Deferred to
# its own callers and a chain of callbacks on the result keep getting a
# Deferred (ensureDeferred); maybeDeferred(f) would call f itself later, so
# that function is refused.
# to: async
# expect-refused: lookup=used-as-value
# expect-converted: Job.go, compute, main
from twisted.internet import defer, task


class Job:
    @defer.inlineCallbacks
    def go(self, n):
        yield defer.succeed(None)
        defer.returnValue(n + 1)


@defer.inlineCallbacks
def compute(n):
    yield defer.succeed(None)
    defer.returnValue(n * 2)


@defer.inlineCallbacks
def lookup(key):
    yield defer.succeed(None)
    defer.returnValue(key.upper())


def compute_later(n):
    return compute(n)


@defer.inlineCallbacks
def main(reactor):
    d = defer.maybeDeferred(lookup, "k")
    d.addCallback(print)
    yield d
    compute(3).addCallback(print)
    print((yield compute_later(4)))
    print((yield Job().go(1)))


task.react(main)
