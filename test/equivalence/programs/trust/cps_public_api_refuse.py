"""A small pricing library under the public-API policy "refuse": a step to CPS
changes how every call is written, so the public functions, which code
outside the project may call, stay as they are; the private helpers convert."""
# to: cps
# args: --public-api refuse --with-callers
# run: support/cps_public_api_refuse_user.py
# expect-refused: price=public-api, Basket.total=public-api
# expect-converted: _discounted, _rounded, _summary, Basket._line


def _discounted(amount, percent):
    return amount - amount * percent // 100


def _rounded(amount):
    return (amount + 4) // 5 * 5


def _summary(items):
    total = 0
    for name, amount in items:
        total += _rounded(_discounted(amount, 10))
    return "%d items, %d" % (len(items), total)


def price(amount):
    return amount * 2


class Basket:
    def __init__(self, items):
        self.items = items

    def _line(self, name, amount):
        return "%s: %d" % (name, amount)

    def total(self):
        return sum(price(amount) for _, amount in self.items)
