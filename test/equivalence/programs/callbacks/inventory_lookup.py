"""A warehouse stock check: early exits (`on_done(v); return`, `return on_done(v)`) and a named inner continuation."""
STOCK = {"bolts": 120, "nuts": 0, "washers": 35}
RESERVED = {"bolts": 20, "washers": 40}


def stock_of(item, on_done):
    on_done(STOCK.get(item))


def reserved_of(item, on_done):
    on_done(RESERVED.get(item, 0))


def available(item, on_done):
    if not item:
        on_done("no item")
        return

    def got_stock(count):
        if count is None:
            return on_done(f"{item}: unknown")
        if count == 0:
            on_done(f"{item}: sold out")
            return

        def got_reserved(held):
            free = count - held
            if free <= 0:
                on_done(f"{item}: all {count} reserved")
            else:
                on_done(f"{item}: {free} free")

        reserved_of(item, got_reserved)

    stock_of(item, got_stock)


for name in ["bolts", "nuts", "washers", "rivets", ""]:
    available(name, print)
