"""Waiting for CI builds by polling: the check is re-armed with call_later
until the status settles, written three ways people write it (a conditional
expression in a lambda, an early return in a named check, and a poll with a
deadline that gives up), on a hand-written timer heap."""
import heapq

timers = []
now = [0]
seq = [0]
TIMELINE = {"web": ["queued", "running", "running", "passed"], "api": ["queued", "failed"], "docs": ["queued"] * 10}
polls = {}


def call_later(delay, fn, *args):
    seq[0] += 1
    heapq.heappush(timers, (now[0] + delay, seq[0], fn, args))


def run_timers():
    while timers:
        when, _, fn, args = heapq.heappop(timers)
        now[0] = when
        fn(*args)


def status(build, callback):
    # The leaf: each poll moves one step along the build's timeline.
    steps = TIMELINE[build]
    i = polls.get(build, 0)
    polls[build] = i + 1
    call_later(1, callback, steps[min(i, len(steps) - 1)])


def settled(state):
    return state in ("passed", "failed")


def wait_quick(build, on_done):
    def check():
        status(build, lambda state: on_done(build + " " + state + " at t=" + str(now[0])) if settled(state) else call_later(2, check))

    check()


def wait_named(build, on_done):
    def check():
        def on_status(state):
            if not settled(state):
                call_later(2, check)
                return
            on_done(build + " " + state + " at t=" + str(now[0]))

        status(build, on_status)

    check()


def wait_deadline(build, deadline, on_done):
    def check(tries):
        def on_status(state):
            if settled(state):
                on_done(build + " " + state)
            elif now[0] >= deadline:
                on_done(build + " still " + state + " after " + str(tries) + " polls")
            else:
                call_later(2, check, tries + 1)

        status(build, on_status)

    check(1)


wait_quick("web", print)
wait_named("api", print)
wait_deadline("docs", 8, print)
run_timers()
