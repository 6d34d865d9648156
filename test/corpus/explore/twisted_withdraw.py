# expected: 20
# Twisted inlineCallbacks on the asyncio reactor: the same check-then-act race.
from twisted.internet import defer, task

balance = 100


@defer.inlineCallbacks
def withdraw(reactor, amount):
    global balance
    yield task.deferLater(reactor, 0, lambda: None)
    if balance >= amount:
        yield task.deferLater(reactor, 0, lambda: None)
        balance -= amount


@defer.inlineCallbacks
def main(reactor):
    yield defer.gatherResults([withdraw(reactor, 80), withdraw(reactor, 80)])
    print(balance)


task.react(main)
