"""The lecture's CPS slides, written again: add_10 with a continuation, Pythagoras through square/add/sqrt continuations, and long_running handing its result on."""
import math


def add_10(n, cont):
    cont(n + 10)


def square(x, cont):
    cont(x * x)


def add(a, b, cont):
    cont(a + b)


def sqrt(x, cont):
    cont(math.sqrt(x))


def pythagoras(a, b, cont):
    square(a, lambda a2: square(b, lambda b2: add(a2, b2, lambda total: sqrt(total, cont))))


def get_data():
    return {"temperature": 21.5}


def long_running(cont):
    result = get_data()
    cont(result)


def callback(result):
    print("long_running gave", result)


add_10(5, print)
pythagoras(3, 4, lambda c: print("hypotenuse", c))
pythagoras(5, 12, print)
long_running(callback)
