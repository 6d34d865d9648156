"""A service monitor whose leaves call back through a local function, a
decorator, or a library that calls again and again. `sample` hands a local
`tick` to the ready queue once per sample, and `tick` calls back, so
`first_sample` is refused; `ping` is wrapped by a `retry` decorator that runs
it twice, so `check` is refused (the decorator, not the body, says how often
it calls back); `on_reload` hands its callback to `signal.signal`, which calls
it on every SIGUSR1, so `reloads` is refused; `lookup` calls back once
through a local leaf of its own, so `describe` converts."""
import functools
import os
import signal

ready = []
SERVICES = {"db": "postgres 15", "cache": "redis 7"}


def call_soon(fn, *args):
    ready.append((fn, args))


def run():
    while ready:
        fn, args = ready.pop(0)
        fn(*args)


def retry(times):
    def wrap(fn):
        @functools.wraps(fn)
        def attempt(*args):
            for _ in range(times):
                fn(*args)

        return attempt

    return wrap


@retry(2)
def ping(host, callback):
    call_soon(callback, host + " up")


def sample(n, callback):
    count = [0]

    def tick():
        count[0] += 1
        callback(count[0] * 10)

    for _ in range(n):
        call_soon(tick)


def on_reload(callback):
    signal.signal(signal.SIGUSR1, lambda signum, frame: callback("reload on " + signal.Signals(signum).name))


def lookup(name, on_done):
    def from_table(key, cb):
        call_soon(cb, SERVICES.get(key, "unknown"))

    from_table(name, lambda version: on_done(name + " runs " + version))


def check(host, on_done):
    ping(host, lambda status: on_done(status.upper()))


def first_sample(n, on_done):
    sample(n, lambda load: on_done("load " + str(load) + "%"))


def reloads(on_done):
    on_reload(lambda why: on_done("config: " + why))


def describe(a, b, on_done):
    lookup(a, lambda first: lookup(b, lambda second: on_done(first + "; " + second)))


check("db", print)
first_sample(3, print)
describe("db", "cache", print)
reloads(print)
run()
os.kill(os.getpid(), signal.SIGUSR1)
os.kill(os.getpid(), signal.SIGUSR1)
print("done")
