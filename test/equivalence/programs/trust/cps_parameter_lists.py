# Parameter lists written with a trailing comma, defaults, keyword-only
# parameters and an annotated **kwargs: each gets its continuation where
# Python takes one (after the last parameter, keyword-only after defaults,
# before **kwargs), and a function that builds and returns a generator
# function converts like any other.
# to: cps
# expect-refused: (none)
# expect-converted: scale, label, settings, make_counter, main
def scale(
    value,
    factor,
):
    return value * factor


def label(
    name,
    prefix="item",
    sep=":",
):
    return prefix + sep + name


def settings(*, width: int = 80, **extra: str,) -> str:
    return str(width) + "".join(sorted(extra))


def make_counter(
    start,
    step=1,
    limit=3,
):
    def count():
        n = start
        while n < start + limit * step:
            yield n
            n += step

    return count


def main():
    print(scale(3, 4))
    print(label("a"))
    print(label("b", prefix="box"))
    print(settings(width=10, a="1", b="2"))
    print(list(make_counter(5, step=2)()))


main()
