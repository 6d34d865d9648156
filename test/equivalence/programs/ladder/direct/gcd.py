"""Euclid's algorithm, recursive and iterative, and a fraction reduced with it."""


def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)


def gcd_loop(a, b):
    while b != 0:
        a, b = b, a % b
    return a


def reduce_fraction(top, bottom):
    common = gcd(top, bottom)
    return top // common, bottom // common


def main():
    for a, b in [(12, 18), (35, 64), (100, 75)]:
        print(a, b, gcd(a, b), gcd_loop(a, b))
    print("reduced", reduce_fraction(42, 56))


main()
