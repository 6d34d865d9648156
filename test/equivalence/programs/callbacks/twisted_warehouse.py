"""A warehouse client on Twisted's reactor, in the shape code had before it
returned Deferreds: the leaf takes a callback and an errback and fires one of
them from a Deferred that deferLater makes, callers hand on the errback or
handle it in a named function, and a retry re-arms with reactor.callLater."""
from twisted.internet import reactor, task

STOCK = {"bolt": 120, "nut": 0, "washer": 35}
BUSY = {"washer": 1}


class OutOfStock(Exception):
    pass


def count_of(item, callback, errback):
    # The leaf: the count comes back from the reactor, or the errback fires.
    def look():
        if BUSY.get(item, 0) > 0:
            BUSY[item] -= 1
            raise RuntimeError(item + " shelf busy")
        if STOCK.get(item, 0) == 0:
            raise OutOfStock(item)
        return STOCK[item]

    task.deferLater(reactor, 0, look).addCallbacks(callback, lambda failure: errback(failure.value))


def boxes_of(item, per_box, callback, errback):
    count_of(item, lambda n: callback(n // per_box), errback)


def label(item, per_box, cont):
    def failed(error):
        cont(item + ": " + type(error).__name__)

    boxes_of(item, per_box, lambda boxes: cont(item + ": " + str(boxes) + " boxes"), failed)


def count_with_retry(item, tries, callback, errback):
    def attempt(left):
        def again(error):
            if left <= 1:
                errback(error)
            else:
                reactor.callLater(0.01, attempt, left - 1)

        count_of(item, callback, again)

    attempt(tries)


def both(first, second, cont):
    label(first, 10, lambda one: label(second, 10, lambda two: cont(one + "; " + two)))


pending = [3]


def show(line):
    print(line)
    pending[0] -= 1
    if pending[0] == 0:
        reactor.stop()


both("bolt", "nut", show)
count_with_retry("washer", 3, lambda n: show("washers: " + str(n)), lambda error: show("gave up: " + str(error)))
label("rivet", 5, show)
reactor.run()
