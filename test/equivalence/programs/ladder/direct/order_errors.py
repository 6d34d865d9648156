"""Pricing orders: lookups that fail, a try around a call of a function that
calls other functions, else and finally clauses, a handler that raises a new
error for the caller's own try, and an error raised after the try that no
handler of that try may catch."""

STOCK = {"apple": 3, "pear": 0, "plum": 7}
PRICES = {"apple": 40, "plum": 25, "fig": 90}
TAGS = {"apple": "A1"}
audit = []


class OutOfStock(Exception):
    pass


def price_of(item):
    return PRICES[item]


def stock_of(item):
    return STOCK[item]


def line_total(item, count):
    available = stock_of(item)
    if available < count:
        raise OutOfStock(item + ": only " + str(available))
    unit = price_of(item)
    return unit * count


def checked_total(item, count):
    try:
        total = line_total(item, count)
    except KeyError as missing:
        raise ValueError("unknown item " + str(missing))
    else:
        audit.append(item)
    finally:
        audit.append("checked " + item)
    return total


def describe(item, count):
    try:
        total = checked_total(item, count)
        text = item + " x" + str(count) + " = " + str(total)
    except OutOfStock as error:
        text = "sold out: " + str(error)
    except ValueError as error:
        text = "rejected: " + str(error)
    return text


def tag(item):
    try:
        total = line_total(item, 1)
    except KeyError:
        total = 0
    return TAGS[item] + ": " + str(total)


def main():
    for item, count in [("apple", 2), ("pear", 1), ("fig", 1), ("kiwi", 1), ("plum", 8)]:
        print(describe(item, count))
    print(audit)
    print(tag("apple"))
    try:
        print(tag("plum"))
    except KeyError as error:
        print("no tag for", error, "(raised after the try, so its handler did not take it)")


main()
