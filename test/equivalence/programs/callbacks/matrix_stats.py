"""Statistics over rows of numbers, each step handing on two values (mean and spread) that the next unpacks."""


def mean_and_spread(values, cont):
    mean = sum(values) / len(values)
    spread = max(values) - min(values)
    cont(mean, spread)


def row_summary(row, cont):
    mean_and_spread(row, lambda mean, spread: cont(f"mean {mean:.2f} spread {spread}"))


def column(matrix, j, cont):
    cont([row[j] for row in matrix])


def column_stats(matrix, j, cont):
    def got(values):
        mean_and_spread(values, cont)

    column(matrix, j, got)


def report(matrix, cont):
    def stats(mean, spread):
        row_summary(matrix[0], lambda first: cont(f"first row {first}; column 0 mean {mean} spread {spread}"))

    column_stats(matrix, 0, stats)


grid = [[1, 2, 3], [4, 5, 6], [10, 20, 30]]
mean_and_spread([2, 4, 9], print)
column_stats(grid, 2, lambda m, s: print("column 2:", m, s))
report(grid, print)
