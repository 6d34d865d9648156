"""Early returns on several paths, around calls."""


def sign(x):
    if x < 0:
        return -1
    if x == 0:
        return 0
    return 1


def classify(x):
    s = sign(x)
    if s < 0:
        return "negative"
    if s == 0:
        return "zero"
    return "positive"


def main():
    for x in [-5, 0, 7]:
        print(x, classify(x))


main()
