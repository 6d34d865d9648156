"""Sizes of a nested folder tree: recursion through CPS, with a loop over each folder's entries."""
TREE = {"src": {"main.py": 1200, "util.py": 300, "lib": {"a.py": 50, "b.py": 70}}, "README": 900, "empty": {}}


def size_of(node, cont):
    if isinstance(node, int):
        return cont(node)
    names = sorted(node)

    def step(i, total):
        if i == len(names):
            return cont(total)
        size_of(node[names[i]], lambda size: step(i + 1, total + size))

    step(0, 0)


def largest(tree, cont):
    best = [None, -1]

    def step(i):
        names = sorted(tree)
        if i == len(names):
            cont(tuple(best))
            return

        def sized(size):
            if size > best[1]:
                best[0], best[1] = names[i], size
            step(i + 1)

        size_of(tree[names[i]], sized)

    step(0)


size_of(TREE, lambda total: print("total bytes", total))
size_of(TREE["src"]["lib"], print)
largest(TREE, print)
