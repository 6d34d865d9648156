"""A desk answering from a callback-based lookup that reports a missing ticket to its error callback at once."""


class TicketMissing(Exception):
    pass


TICKETS = {101: "printer jam", 102: "password reset"}


def lookup(number, on_found, on_missing):
    # The leaf: it answers before returning, through one callback or the other.
    if number in TICKETS:
        on_found(TICKETS[number])
    else:
        on_missing(TicketMissing(f"no ticket {number}"))


def summary(number, callback, errback):
    lookup(number, lambda text: callback(f"#{number}: {text}"), errback)


def answer(number, callback):
    summary(number, lambda line: callback(f"answered {line}"), lambda error: callback(f"cannot answer: {error}"))


for number in [101, 999, 102]:
    answer(number, print)
summary(102, print, lambda error: print("failed", error))
summary(404, print, lambda error: print("failed", error))
