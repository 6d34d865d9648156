# Recursion among converted functions: the plain CPS form keeps a frame for
# every pending continuation as well as every call, twice the depth the
# direct form needed, so a recursion that fitted the limit would not. These
# return thunks for the inserted trampoline and print the same.
# to: cps
# args: --with-callers
# expect-refused: (none)
# expect-converted: sum_to, fact, count_a, count_b, main
import sys

sys.setrecursionlimit(3500)


def sum_to(n):
    if n == 0:
        return 0
    return n + sum_to(n - 1)


def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


def count_a(n):
    if n == 0:
        return 0
    return 1 + count_b(n - 1)


def count_b(n):
    if n == 0:
        return 0
    return 1 + count_a(n - 1)


def main():
    print("sum", sum_to(3000))
    print("fact mod", fact(3000) % 1000003)
    print("mutual", count_a(3000))


main()
total = sum_to(3000)
print("module-level", total)
