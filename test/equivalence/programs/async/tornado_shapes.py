"""Tornado @gen.coroutine code: gen.Return, yielded lists and dicts, gen.moment."""
# expect-refused: (none)
from tornado import gen
from tornado.ioloop import IOLoop

EVENTS = []


@gen.coroutine
def square(n):
    yield gen.moment
    EVENTS.append("square %d" % n)
    raise gen.Return(n * n)


@gen.coroutine
def sum_until(limit):
    total = 0
    for n in range(10):
        total += yield square(n)
        if total >= limit:
            raise gen.Return((n, total))  # returns from inside the loop
    raise gen.Return(None)


@gen.coroutine
def shapes():
    as_list = yield [square(2), square(3)]
    as_dict = yield {"four": square(4), "five": square(5)}
    many = yield [square(k) for k in (6, 7)]
    pauses = [gen.sleep(0), gen.sleep(0)]
    done = yield pauses  # a name holding a list: still a multi-wait
    raise gen.Return((as_list, sorted(as_dict.items()), many, done))


class Account:
    def __init__(self):
        self.balance = 0

    @gen.coroutine
    def deposit(self, amount):
        yield gen.sleep(0)
        try:
            if amount < 0:
                raise ValueError("negative")
            self.balance += amount
        except ValueError:
            EVENTS.append("refused %d" % amount)
        finally:
            EVENTS.append("balance %d" % self.balance)
        raise gen.Return(self.balance)


@gen.coroutine
def plain_value():
    # No yield at all: still a coroutine for its callers.
    raise gen.Return("plain")


@gen.coroutine
def main():
    print((yield sum_until(20)))
    print((yield sum_until(1000)))
    print((yield shapes()))
    account = Account()
    for amount in (5, -1, 7):
        print((yield account.deposit(amount)))
    print((yield plain_value()))
    yield
    print(EVENTS)


IOLoop.current().run_sync(main)
