"""A Twisted-style callback/errback pair: a quote service that answers through
one of two callbacks, and callers that pass a handler as the errback."""


class UnknownSymbol(Exception):
    pass


QUOTES = {"ACME": 120, "GLOBEX": 87}


def get_quote(symbol, callback, errback):
    if symbol not in QUOTES:
        return errback(UnknownSymbol(symbol))
    return callback(QUOTES[symbol])


def quote_in_cents(symbol, callback, errback):
    return get_quote(symbol, lambda price: callback(price * 100), errback)


def describe(symbol, cont):
    def on_error(failure):
        return cont(symbol + ": no quote (" + type(failure).__name__ + ")")
    return quote_in_cents(symbol, lambda cents: cont(symbol + ": " + str(cents) + " cents"), on_error)


def portfolio(first, second, cont):
    return describe(first, lambda one: describe(second, lambda two: cont(one + "; " + two)))


portfolio("ACME", "INITECH", print)
portfolio("GLOBEX", "ACME", print)
quote_in_cents("INITECH", print, lambda failure: print("errback got", repr(failure)))
