"""Tornado coroutines whose conversion would change what the program does."""
# expect-refused: note, guarded

from tornado import gen
from tornado.ioloop import IOLoop

SEEN = []


@gen.coroutine
def note(text):
    # Runs up to its first yield as soon as it is called.
    SEEN.append("start " + text)
    yield gen.moment
    SEEN.append("end " + text)


@gen.coroutine
def guarded():
    try:
        raise gen.Return("returned")
    except Exception as caught:
        # gen.Return is an Exception: this handler catches the return.
        SEEN.append("caught %r" % caught.value)
    raise gen.Return("fell through")


@gen.coroutine
def main():
    note("background")  # not yielded: only the decorator starts it
    SEEN.append("after call")
    print((yield guarded()))
    yield note("waited")
    print(SEEN)


IOLoop.current().run_sync(main)
