# Python reads identifiers in NFKC form: ｓｑｕａｒｅ is square. Both spellings
# are calls of the one function and both get its continuation.
# to: cps
# expect-refused: (none)
# expect-converted: square, main


def square(x):
    return x * x


def main():
    print(ｓｑｕａｒｅ(3))
    print(square(4))


main()
