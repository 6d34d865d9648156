"""Pricing an order: if/elif/else chains where each branch ends by returning the continuation's call."""
PRICES = {"tea": 3.5, "cake": 4.0, "soup": 6.25}


def price_of(item, on_price):
    on_price(PRICES.get(item))


def discount(total, customer, cont):
    if customer == "staff":
        return cont(total * 0.5)
    elif customer == "member" and total > 10:
        return cont(total - 2)
    elif total == 0:
        cont(0)
        return
    else:
        return cont(total)


def order_total(items, customer, cont):
    if not items:
        return cont("empty order")
    total = 0

    def step(i, total):
        if i == len(items):
            return discount(total, customer, lambda final: cont(f"{customer}: {final:.2f}"))
        price_of(items[i], lambda price: step(i + 1, total + (price or 0)))

    step(0, total)


order_total(["tea", "cake"], "guest", print)
order_total(["tea", "cake", "soup"], "member", print)
order_total(["soup", "soup"], "staff", print)
order_total(["water"], "member", print)
order_total([], "guest", print)
