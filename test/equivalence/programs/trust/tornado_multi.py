# gen.multi over a comprehension of coroutine calls: the calls are yielded
# together, so the callee converts with its callers.
# to: async
# expect-refused: (none)
# expect-converted: square, main
from tornado import gen, ioloop


@gen.coroutine
def square(x):
    yield gen.moment
    raise gen.Return(x * x)


@gen.coroutine
def main():
    xs = [1, 2, 3]
    print((yield gen.multi([square(x) for x in xs])))
    print((yield gen.multi({x: square(x) for x in xs})))


ioloop.IOLoop.current().run_sync(main)
