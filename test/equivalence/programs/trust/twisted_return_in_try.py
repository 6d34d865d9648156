# returnValue() raises inside a try whose handler catches BaseException (or
# everything): the original returns through the handler, so it is refused.
# to: async
# expect-refused: guarded=return-idiom, everything=return-idiom
# expect-converted: main
from twisted.internet import defer, task


@defer.inlineCallbacks
def guarded(x):
    yield defer.succeed(None)
    try:
        defer.returnValue(x + 1)
    except BaseException:
        print("guarded caught it")
    defer.returnValue(0)


@defer.inlineCallbacks
def everything(x):
    yield defer.succeed(None)
    try:
        defer.returnValue(x + 2)
    except:  # noqa: E722
        print("everything caught it")
    defer.returnValue(0)


@defer.inlineCallbacks
def main(reactor):
    print((yield guarded(1)), (yield everything(1)))


task.react(main)
