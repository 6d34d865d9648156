"""A module with an inline_callbacks of its own that works differently, beside CPS functions."""


def inline_callbacks(generator_function):
    # This module's own helper: it collects what the generator yields.
    def collect(*args):
        return list(generator_function(*args))

    return collect


@inline_callbacks
def countdown(n):
    while n > 0:
        yield n
        n -= 1


def add(a, b, cont):
    return cont(a + b)


def total(xs, cont):
    if not xs:
        return cont(0)
    return total(xs[1:], lambda rest: add(xs[0], rest, cont))


def main(cont):
    return total(countdown(4), cont)


main(print)
