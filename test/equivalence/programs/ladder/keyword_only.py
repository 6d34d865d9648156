"""Defaults, *args and **kwargs: the continuation is keyword-only."""


def greet(name, greeting="hello", *, punctuation="!"):
    return greeting + ", " + name + punctuation


def total(first, *rest):
    result = first
    for value in rest:
        result += value
    return result


def describe(kind, **fields):
    parts = [kind]
    for key in sorted(fields):
        parts.append(key + "=" + str(fields[key]))
    return " ".join(parts)


def main():
    print(greet("ada"))
    print(greet("bob", "hey", punctuation="?"))
    print(greet(name="cy", greeting="yo"))
    numbers = [4, 5, 6]
    print(total(1, 2, 3), total(*numbers), total(10))
    print(describe("point", x=1, y=2))
    options = {"color": "red"}
    print(describe("pen", **options))


main()
