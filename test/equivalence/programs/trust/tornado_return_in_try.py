# `raise gen.Return(v)` inside a try whose handler catches it returns through
# the handler; a plain return would not, so each such coroutine is refused.
# to: async
# expect-refused: lenient=return-idiom, bare=return-idiom, base=return-idiom
# expect-converted: main, strict
from tornado import gen, ioloop


@gen.coroutine
def lenient(n):
    yield gen.moment
    try:
        raise gen.Return(n * 2)
    except Exception:
        print("lenient swallowed the return")
    raise gen.Return(-1)


@gen.coroutine
def bare(n):
    yield gen.moment
    try:
        raise gen.Return(n)
    except:  # noqa: E722
        print("bare swallowed the return")
    raise gen.Return(-2)


@gen.coroutine
def base(n):
    yield gen.moment
    try:
        raise gen.Return(n)
    except BaseException:
        print("base swallowed the return")
    raise gen.Return(-3)


@gen.coroutine
def strict(n):
    yield gen.moment
    try:
        value = int(n)
    except ValueError:
        value = 0
    raise gen.Return(value)


@gen.coroutine
def main():
    print((yield lenient(3)), (yield bare(4)), (yield base(5)), (yield strict("6")))


ioloop.IOLoop.current().run_sync(main)
