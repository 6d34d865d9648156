"""Twisted coroutines whose conversion would change what the program does."""
# expect-refused: swallow, later_double

from twisted.internet import defer, task
from twisted.internet.defer import inlineCallbacks, returnValue


@inlineCallbacks
def later_double(reactor, n):
    value = yield task.deferLater(reactor, 0, lambda: n * 2)
    returnValue(value)


@inlineCallbacks
def swallow():
    yield defer.succeed(None)
    try:
        returnValue("early")
    except:  # noqa: E722 - a bare except catches returnValue's exception
        pass
    returnValue("late")


@inlineCallbacks
def plain():
    # @inlineCallbacks hands a non-Deferred straight back: this one converts, to `value = 5`.
    value = yield 5
    returnValue(value + 1)


@inlineCallbacks
def main(reactor):
    print((yield swallow()))
    print((yield plain()))
    d = defer.succeed(21)
    d.addCallback(lambda n: later_double(reactor, n))  # passed on inside a lambda: fine
    print((yield d))
    results = yield defer.gatherResults([later_double(reactor, 1), later_double(reactor, 2)])
    print(results)
    print((yield task.deferLater(reactor, 0, later_double, reactor, 3)))


task.react(main)
