"""CPS code over callback-based leaves that answer before they return."""
PRICES = {"tea": 3, "cake": 5, "jam": 4}


def price_of(item, callback):
    # The leaf: a lookup that calls back at once.
    callback(PRICES.get(item, 0))


def audit(message, callback):
    # A leaf that hands its callback on to a helper that answers at once.
    print("audit:", message)
    acknowledge(callback)


def acknowledge(done):
    done("ok")


def line_total(item, count, cont):
    return price_of(item, lambda price: cont(price * count))


def order_total(lines, cont):
    if not lines:
        return cont(0)
    item, count = lines[0]
    return line_total(item, count, lambda first: order_total(lines[1:], lambda rest: cont(first + rest)))


def main(cont):
    return order_total([("tea", 2), ("cake", 1), ("jam", 3)], lambda total: audit(f"total {total}", lambda ack: cont(print("acknowledged", ack))))


main(lambda _: print("done"))
