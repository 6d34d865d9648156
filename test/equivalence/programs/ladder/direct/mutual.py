"""Mutual recursion over a nested list: flatten and depth."""


def flatten(item):
    if isinstance(item, list):
        return flatten_all(item)
    return [item]


def flatten_all(items):
    out = []
    for item in items:
        out = out + flatten(item)
    return out


def depth(item):
    if not isinstance(item, list):
        return 0
    deepest = 0
    for inner in item:
        d = depth(inner)
        if d > deepest:
            deepest = d
    return deepest + 1


def main():
    tree = [1, [2, [3, 4]], [[5]]]
    print(flatten(tree))
    print("depth", depth(tree))


main()
