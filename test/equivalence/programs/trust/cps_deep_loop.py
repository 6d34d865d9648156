# A loop over a converted call: in plain CPS each round is one more nested
# continuation call, so 5,000 rounds would stop with RecursionError. The
# functions whose rounds are not known to be few return thunks for the
# inserted trampoline; a loop over a small literal range stays plain.
# to: cps
# args: --with-callers
# expect-refused: (none)
# expect-converted: bump, count_up, tally, three_rounds, report
def bump(total, step):
    return total + step


def count_up(n):
    total = 0
    for i in range(n):
        total = bump(total, 1)
    return total


def tally(words):
    seen = 0
    for word in words:
        if word:
            seen = bump(seen, len(word))
    return seen


def three_rounds():
    total = 0
    for i in range(3):
        total = bump(total, i)
    return total


def report():
    print("count", count_up(5000))
    print("letters", tally(["ab", "", "cde"] * 2000))
    print("small", three_rounds())


report()
