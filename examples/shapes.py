"""A small tour: a class with methods, a nested function and a decorator."""
import functools


def logged(func):
    @functools.wraps(func)
    def wrapper(*args):
        result = func(*args)
        print(f"{func.__name__}{args} -> {result}")
        return result
    return wrapper


class Counter:
    def __init__(self):
        self.count = 0

    @logged
    def bump(self, by):
        self.count += by
        return self.count

    def __repr__(self):
        return f"Counter({self.count})"


def countdown(n):
    while n > 0:
        yield n
        n -= 1


if __name__ == "__main__":
    c = Counter()
    c.bump(2)
    c.bump(3)
    print(list(countdown(3)))
