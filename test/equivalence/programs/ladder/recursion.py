"""Recursion: one call, two calls in one expression, mutual recursion, a loop over a call."""


def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


def next_collatz(n):
    if n % 2 == 0:
        return n // 2
    return 3 * n + 1


def collatz_steps(n):
    steps = 0
    while n != 1:
        n = next_collatz(n)
        steps += 1
    return steps


def main():
    for n in range(7):
        print(n, factorial(n), fib(n), is_even(n), is_odd(n))
    print("collatz", collatz_steps(27))


main()
