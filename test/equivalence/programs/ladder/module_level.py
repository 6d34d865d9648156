"""Module-level code that uses results: assignments, tuple targets, augmented assignment, a main guard."""


def area(w, h=2):
    return w * h


def scale(x):
    return x * 10


size = area(5)
print(size + 1)
a, b = scale(1), 3
total = 0
total += scale(size)
if __name__ == "__main__":
    report = "size=" + str(area(2, h=3))
    print(report, a, b, total)
