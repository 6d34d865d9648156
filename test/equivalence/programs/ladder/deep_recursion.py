"""Recursion as deep as the first argument asks (150 by default)."""
import sys


def sum_to(n):
    if n == 0:
        return 0
    return n + sum_to(n - 1)


def main():
    depth = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    print("sum", sum_to(depth))


main()
