"""Pythagorean triples the long way round: every step is a function call."""


def square(x):
    return x * x


def add(a, b):
    return a + b


def hypotenuse_squared(a, b):
    # Two calls nested in a third: each result feeds the next call.
    return add(square(a), square(b))


def is_triple(a, b, c):
    return hypotenuse_squared(a, b) == square(c)


def parity(n):
    if n % 2 == 0:
        kind = "even"
    else:
        kind = "odd"
    return kind


def main():
    found = 0
    for c in range(1, 8):
        for b in range(1, c):
            for a in range(1, b):
                if is_triple(a, b, c):
                    found += 1  # one more
                    print("triple", a, b, c, parity(c))
    print("found", found)
    print("6, 8, 10:", is_triple(6, 8, 10))
    print("sum of squares", add(square(2), square(3)))


main()
