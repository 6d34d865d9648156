"""The lecture's first callback slide, written again with a terminal that already has its lines typed, so it climbs all the way to async/await."""
lines = ["7", "ada"]


def input_async(callback):
    # A stand-in terminal: the next typed line is ready, so it calls back at once.
    callback(lines.pop(0))


def add_10(n, cont):
    cont(n + 10)


def greet(cont):
    input_async(lambda number: add_10(int(number), lambda bigger: input_async(lambda name: cont(f"hello {name}, {number} + 10 = {bigger}"))))


def callback(result):
    """Called later when result is ready."""
    print(result)


greet(callback)
print("lines left:", lines)
