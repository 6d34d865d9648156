"""A helper defined inside the function that uses it, and a converted function beside it."""


def square(x):
    return x * x


def sum_of_squares(values):
    def describe(total):
        return "sum of squares: " + str(total)

    total = 0
    for value in values:
        total += square(value)
    return describe(total)


def main():
    print(sum_of_squares([1, 2, 3]))
    print(sum_of_squares([]))


main()
