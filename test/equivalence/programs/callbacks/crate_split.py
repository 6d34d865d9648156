"""Splitting crates between two trucks, written with continuations chosen by
conditional expressions (`k(x) if c else op(y, k)`), as one-line callback
code often is: a crate count that does not split evenly is reported as None,
a loop over the loads picks between finishing and the next split, and a
description picks between two continuation calls."""


def split(crates, k):
    return k(crates // 2) if crates % 2 == 0 else k(None)


def per_truck(loads, k):
    def step(i, total):
        return k(total) if i == len(loads) else split(loads[i], lambda half: step(i + 1, total + (half or 0)))

    return step(0, 0)


def describe(crates, k):
    return split(crates, lambda half: k(str(crates) + " crates: uneven") if half is None else k(str(crates) + " crates: " + str(half) + " per truck"))


per_truck([4, 7, 10], lambda n: print("per truck:", n))
describe(9, print)
describe(8, print)
