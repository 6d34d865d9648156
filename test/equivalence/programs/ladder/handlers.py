"""Handlers around calls: what the call raises is caught, what comes after it is not."""


def parse_int(text):
    return int(text)


def checked_ratio(a, b):
    if b == 0:
        raise ZeroDivisionError("no ratio for " + str(a))
    return a / b


def lookup(table, key):
    return table[key]


def read_all(texts):
    total = 0
    for text in texts:
        try:
            value = parse_int(text)
        except ValueError as error:
            print("skip", repr(text), type(error).__name__)
        else:
            total += value
        finally:
            print("looked at", text)
    return total


def safe_ratio(a, b):
    try:
        return checked_ratio(a, b)
    except ZeroDivisionError as error:
        print("caught:", error)
        return 0.0


def must_find(table, key):
    try:
        found = lookup(table, key)
        print("found", key)
    except KeyError:
        print("missing", key)
        raise


def after_is_not_caught(text):
    try:
        number = parse_int(text)
    except ValueError:
        print("handler ran: wrong")
        number = -1
    if number > 5:
        raise ValueError("too big: " + str(number))
    return number


def main():
    print("sum", read_all(["1", "x", "3"]))
    print("ratio", safe_ratio(6, 3), safe_ratio(1, 0))
    must_find({"a": 1}, "a")
    print("small", after_is_not_caught("4"))


main()
try:
    must_find({"a": 1}, "b")
except KeyError as error:
    print("re-raised", error)
try:
    after_is_not_caught("9")
except ValueError as error:
    print("from after the try:", error)
