"""Walking a linked list made of pairs: length, sum and the largest element, each recursive."""


def length(cell):
    if cell is None:
        return 0
    return 1 + length(cell[1])


def total(cell):
    if cell is None:
        return 0
    return cell[0] + total(cell[1])


def largest(cell):
    if cell[1] is None:
        return cell[0]
    rest = largest(cell[1])
    if cell[0] > rest:
        return cell[0]
    return rest


def main():
    cells = None
    for value in [3, 9, 4, 1]:
        cells = (value, cells)
    print("length", length(cells))
    print("total", total(cells))
    print("largest", largest(cells))


main()
