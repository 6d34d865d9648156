"""Stock levels, reserved with Twisted inlineCallbacks coroutines.

Try "Convert to async/await" on reserve(): orders.py yields it from an
inlineCallbacks generator, which would receive the un-awaited coroutine object
instead of True or False once reserve() is `async def` — so converting it
alone is refused, naming that line of orders.py.
"""
from twisted.internet import defer

LEVELS = {"apple": 3, "pear": 1}


@defer.inlineCallbacks
def reserve(item, count):
    yield defer.succeed(None)  # stands in for a round trip to the stock service
    if LEVELS.get(item, 0) < count:
        return False
    LEVELS[item] -= count
    return True
