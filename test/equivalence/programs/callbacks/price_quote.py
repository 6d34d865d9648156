"""Currency quotes: an error continuation handed straight through two layers, handled only at the top."""


class RateUnavailable(Exception):
    pass


RATES = {("EUR", "USD"): 1.1, ("USD", "JPY"): 150.0}


def fetch_rate(source, target, callback, errback):
    rate = RATES.get((source, target))
    if rate is None:
        errback(RateUnavailable(f"{source}->{target}"))
    else:
        callback(rate)


def convert(amount, source, target, callback, errback):
    fetch_rate(source, target, lambda rate: callback(round(amount * rate, 2)), errback)


def convert_via(amount, source, middle, target, callback, errback):
    convert(amount, source, middle, lambda first: convert(first, middle, target, callback, errback), errback)


def quote(amount, source, middle, target, on_result):
    convert_via(amount, source, middle, target, lambda value: on_result(f"{amount} {source} = {value} {target}"), lambda error: on_result(f"no quote: {error}"))


quote(100, "EUR", "USD", "JPY", print)
quote(5, "USD", "EUR", "JPY", print)
convert(10, "EUR", "USD", print, lambda e: print("failed", e))
