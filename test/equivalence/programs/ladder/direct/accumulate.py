"""A while loop carrying state across rounds, calling a converted function each round."""


def next_guess(guess, target):
    return (guess + target / guess) / 2


def square_root(target):
    guess = 1.0
    rounds = 0
    while abs(guess * guess - target) > 1e-9:
        guess = next_guess(guess, target)
        rounds += 1
    return round(guess, 6), rounds


def main():
    for target in [2, 9, 10]:
        print(target, square_root(target))


main()
