"""A loop of 100,000 calls: fine in direct style, a stack of continuations in CPS."""


def step(total, i):
    return total + i % 7


def main():
    total = 0
    for i in range(100000):
        total = step(total, i)
    print("total", total)


main()
