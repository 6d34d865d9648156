"""Retrying a flaky job on a hand-written timer loop: the error callback re-arms an attempt with call_later until attempts run out."""
import heapq

timers = []
clock = [0]
order = [0]
FAILURES = {"build": 2, "deploy": 5}
tries = {}


def call_later(delay, callback, *args):
    order[0] += 1
    heapq.heappush(timers, (clock[0] + delay, order[0], callback, args))


def run():
    while timers:
        when, _, callback, args = heapq.heappop(timers)
        clock[0] = when
        callback(*args)


def flaky_job(name, on_done, on_error):
    # The leaf: it answers a tick later, failing the first few times.
    tries[name] = tries.get(name, 0) + 1
    if tries[name] <= FAILURES.get(name, 0):
        call_later(1, on_error, RuntimeError(f"{name} attempt {tries[name]} failed"))
    else:
        call_later(1, on_done, f"{name} ok after {tries[name]} tries")


def with_retry(name, attempts, on_done, on_error):
    def attempt(n):
        flaky_job(name, on_done, lambda error: retry(n, error))

    def retry(n, error):
        print(f"t={clock[0]}: {error}")
        if n >= attempts:
            on_error(error)
        else:
            call_later(2, lambda: attempt(n + 1))

    attempt(1)


def report(name, on_result):
    with_retry(name, 3, lambda message: on_result(message), lambda error: on_result(f"gave up on {name}: {error}"))


report("build", print)
report("deploy", print)
report("lint", print)
run()
