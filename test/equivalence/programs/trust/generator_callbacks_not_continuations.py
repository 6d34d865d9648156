# Parameters called last that are not continuations, and continuations handed
# values no return can carry. A checker's writer `out` gets text (its callers
# pass sys.stdout.write); run_later runs what it is given with its caller's own
# arguments; a serializer's methods sit in a dispatch table in its class body,
# which calls them with the writer; spread hands its continuation a sequence
# unpacked. None of them moves; the one real CPS function does.
# to: generator
# expect-refused: Serializer.emit_bool=used-as-value, spread=continuation-arity
# expect-converted: doubled
import sys


class Checker:
    def __init__(self, verbose):
        self.verbose = verbose

    def report_miss(self, out, name, got):
        out("miss " + name + ": got " + repr(got) + "\n")

    def check(self, cases, out=None):
        if out is None:
            out = sys.stdout.write
        for name, got, want in cases:
            if got != want:
                self.report_miss(out, name, got)


def run_later(callback, *args, **kwargs):
    callback(*args, **kwargs)


class Serializer:
    handlers = {}

    def emit(self, value, sink):
        self.handlers[type(value)](self, value, sink)

    def emit_bool(self, value, sink):
        sink("<true/>" if value else "<false/>")

    handlers[bool] = emit_bool


def spread(pair, k):
    k(*pair)


def doubled(n, k):
    k(n * 2)


Checker(True).check([("a", 1, 1), ("b", 2, 3)])
run_later(print, "cleaned", "up", sep=": ")
parts = []
Serializer().emit(True, parts.append)
print(parts)
spread((4, 5), lambda a, b: print("spread", a, b))
doubled(21, lambda n: print("doubled", n))
