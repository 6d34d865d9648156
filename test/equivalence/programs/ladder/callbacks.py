"""A tiny event loop with callback-based leaves, and CPS functions built on them."""
import heapq

queue = []
clock = [0]
order = [0]
STOCK = {"apples": 3, "pears": 0, "plums": 7}


def call_later(delay, callback, value=None):
    order[0] += 1
    heapq.heappush(queue, (clock[0] + delay, order[0], callback, value))


def run():
    while queue:
        when, _, callback, value = heapq.heappop(queue)
        clock[0] = when
        callback(value)


def fetch_stock(item, callback):
    # The leaf: it answers later, from the event loop.
    call_later(2, callback, STOCK.get(item, 0))


def log(message, cont):
    print(f"[t={clock[0]}] {message}")
    return cont(None)


def check(item, cont):
    return fetch_stock(item, lambda count: log(f"{item}: {count}", lambda _: cont(count)))


def check_all(items, cont):
    if not items:
        return cont(0)
    return check(items[0], lambda first: check_all(items[1:], lambda rest: cont(first + rest)))


def main(cont):
    return check_all(["apples", "pears", "plums"], lambda total: log(f"total {total}", cont))


main(lambda _: print("done"))
print("started")
run()
