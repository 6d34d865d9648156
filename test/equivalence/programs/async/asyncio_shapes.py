"""Generator-based asyncio coroutines in the shapes that trip converters up."""
# expect-refused: (none)
# reverse-refused: Reader.shout, main
import asyncio
import types
from asyncio import coroutine

LOG = []


@types.coroutine
def tick():
    # A primitive: the bare yield hands control to the event loop once.
    yield


@asyncio.coroutine
def double(n):
    yield from tick()
    return n * 2


@coroutine  # several return paths, one inside a loop
def first_over(limit, items):
    total = 0
    for item in items:
        total += yield from double(item)
        if total > limit:
            return item, total
    if total == 0:
        return None, 0
    return "none", total


@asyncio.coroutine
def guarded(step):
    try:
        LOG.append("try %d" % step)
        if step == 2:
            raise ValueError("step two")
        value = yield from double(step)
    except ValueError as error:
        LOG.append("caught %s" % error)
        value = -1
    finally:
        LOG.append("finally %d" % step)
    return value


@asyncio.coroutine
def outer(n):
    @asyncio.coroutine
    def inner(k):
        yield from tick()
        return k + 100

    a = yield from inner(n)
    b = (yield from inner(n + 1)) - 100  # parenthesised operand of a binary operator
    return [a, b]


class Reader:
    def __init__(self, data):
        self.data = data
        self.lock = asyncio.Lock()

    @asyncio.coroutine
    def read(self):
        yield from tick()
        return self.data

    @asyncio.coroutine
    def shout(self):
        with (yield from self.lock):
            text = (yield from self.read()).upper()
        return text + "!"

    @classmethod
    @asyncio.coroutine
    def make(cls, data):
        yield from tick()
        return cls(data)

    @staticmethod
    @asyncio.coroutine
    def pair():
        left, right = yield from gather_two()
        return left + right


@asyncio.coroutine
def gather_two():
    results = yield from asyncio.gather(double(1), double(2))
    return tuple(results)


def delegate(n):
    # Undecorated, but it only delegates to coroutines: a coroutine too.
    result = yield from double(n)
    return result + 1


@asyncio.coroutine
def forwarded(n):
    return double(n)


@asyncio.coroutine
def conditions(flag):
    if (yield from double(flag)) > 2:
        LOG.append("big")
    while (yield from double(flag)) < 0:
        pass
    print("arg", (yield from double(3)), sep="=")
    return not (yield from double(0))


@asyncio.coroutine
def main():
    print((yield from first_over(5, [1, 2, 3, 4])))
    print((yield from first_over(100, [])))
    print((yield from first_over(100, [1])))
    for step in (1, 2):
        print((yield from guarded(step)))
    print((yield from outer(5)))
    reader = yield from Reader.make("abc")
    print((yield from reader.shout()))
    print((yield from Reader.pair()))
    print((yield from delegate(20)))
    print((yield from forwarded(21)))
    print((yield from conditions(2)))
    print(LOG)


loop = asyncio.new_event_loop()
print(loop.run_until_complete(main()))
loop.close()
