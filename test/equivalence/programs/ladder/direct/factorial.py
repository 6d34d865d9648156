"""Factorial the way the CPS slides start from it: one recursive call, used in an expression."""


def factorial(n):
    if n == 0:
        return 1
    return n * factorial(n - 1)


def main():
    for n in [0, 1, 5, 10]:
        print(n, factorial(n))


main()
