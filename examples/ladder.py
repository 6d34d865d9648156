"""Direct-style functions to walk up the ladder: CPS, then generators, then back."""


def square(x):
    return x * x


def add(a, b):
    return a + b


def hypotenuse_squared(a, b):
    return add(square(a), square(b))


def classify(n):
    if n % 2 == 0:
        label = "even"
    else:
        label = "odd"
    return f"{n} is {label}"


if __name__ == "__main__":
    print(hypotenuse_squared(3, 4))
    print(classify(7))
