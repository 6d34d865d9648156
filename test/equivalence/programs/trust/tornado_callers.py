# Uses a native coroutine would change: gen.maybe_future() takes a coroutine
# object as a finished result, and a fire-and-forget call no longer starts.
# Both are refused, naming the call; a method reached through a fresh
# instance (Job().go()) is a use like any other.
# to: async
# expect-refused: Job.go=unawaited-call, compute=unawaited-call
# expect-converted: main
from tornado import gen, ioloop


class Job:
    @gen.coroutine
    def go(self, n):
        yield gen.moment
        raise gen.Return(n + 1)


@gen.coroutine
def compute(n):
    print("compute starts", n)
    yield gen.moment
    raise gen.Return(n * 2)


@gen.coroutine
def main():
    future = gen.maybe_future(Job().go(1))
    print((yield future))
    compute(5)
    print("after fire")
    yield gen.moment
    print((yield compute(2)))


ioloop.IOLoop.current().run_sync(main)
