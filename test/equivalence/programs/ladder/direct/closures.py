"""A counter kept in a closure with nonlocal, next to functions that convert."""


def make_counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count

    return bump


def double(x):
    return 2 * x


def run(steps):
    counter = make_counter()
    last = 0
    for _ in range(steps):
        last = double(counter())
    return last


def main():
    print("after 3 steps", run(3))
    print("after 5 steps", run(5))


main()
