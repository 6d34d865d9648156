"""Fibonacci with two recursive calls in one expression."""


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    for n in range(10):
        print(n, fib(n))
    print("fib(10) =", fib(10))


main()
