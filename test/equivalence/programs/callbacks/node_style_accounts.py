"""An account service written with error-first callbacks, as people port them
from Node: every operation calls back (err, result), a failure is passed on
with `return callback(err)` (one value) or callback(err, None), success is
callback(None, value), and a hand-written ready queue delivers the answers."""
from collections import deque

ready = deque()
ACCOUNTS = {"ada": {"plan": "pro", "owner": "Ada L."}, "bob": {"plan": "free", "owner": "Bob K."}}
PRICES = {"pro": 12, "free": 0}


def defer(fn, *args):
    ready.append((fn, args))


def drain():
    while ready:
        fn, args = ready.popleft()
        fn(*args)


def load_account(name, callback):
    # The leaf: answers on a later turn, an error first or the row second.
    if name not in ACCOUNTS:
        defer(callback, LookupError("no account " + name), None)
    else:
        defer(callback, None, ACCOUNTS[name])


def monthly_price(name, callback):
    def on_account(err, account):
        if err:
            return callback(err)
        callback(None, PRICES[account["plan"]])

    load_account(name, on_account)


def yearly_bill(name, callback):
    monthly_price(name, lambda err, price=None: callback(err, None) if err else callback(None, price * 12))


def invoice_line(name, callback):
    def on_bill(err, bill=None):
        if err is not None:
            callback(None, name + ": " + str(err))
            return
        load_account(name, lambda err, account: callback(None, account["owner"] + " owes " + str(bill)))

    yearly_bill(name, on_bill)


def invoices(names, callback):
    lines = []

    def step(i):
        if i == len(names):
            callback(None, lines)
            return
        invoice_line(names[i], lambda err, line: (lines.append(line), step(i + 1)))

    step(0)


def report(err, value=None):
    print("error:" if err else "ok:", err or value)


monthly_price("ada", report)
monthly_price("zed", report)
yearly_bill("bob", report)
invoices(["ada", "zed", "bob"], report)
drain()
