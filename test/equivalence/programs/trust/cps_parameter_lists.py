# Parameter lists written with a trailing comma, defaults, keyword-only
# parameters and an annotated **kwargs: each gets its continuation where
# Python takes one (after the last parameter, keyword-only after defaults,
# before **kwargs), and a function that builds and returns a generator
# function converts like any other.
# to: cps
# expect-refused: (none)
# expect-converted: area, greeting, columns, make_counter, main
def area(
    width,
    height,
):
    return width * height


def greeting(
    who,
    word="hello",
    end="!",
):
    return word + " " + who + end


def columns(*names: str, gap: int = 2, **widths: int,) -> str:
    return (" " * gap).join(n.ljust(widths.get(n, 0)) for n in names)


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
    print(area(3, 4))
    print(greeting("ada"))
    print(greeting("bob", word="hi", end="."))
    print(repr(columns("id", "name", gap=1, name=6)))
    print(list(make_counter(5, step=2)()))


main()
