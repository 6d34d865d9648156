"""Orders placed against shop.stock; run with `python3 -m shop.orders` from examples/."""
from twisted.internet import defer

from .stock import reserve


@defer.inlineCallbacks
def place(order):
    done = []
    for item, count in order:
        ok = yield reserve(item, count)
        done.append(f"{item} x{count}: {'reserved' if ok else 'out of stock'}")
    return done


def main():
    place([("apple", 2), ("pear", 2), ("apple", 1)]).addCallback(lambda lines: print("\n".join(lines)))


if __name__ == "__main__":
    main()
