"""A thermostat that polls a sensor until it is warm enough, re-arming itself with call_later on its own loop."""
import heapq

timers = []
now = [0]
READINGS = [15, 16, 18, 19, 21, 22]


def call_later(delay, callback):
    heapq.heappush(timers, (now[0] + delay, len(timers), callback))


def run():
    while timers:
        when, _, callback = heapq.heappop(timers)
        now[0] = when
        callback()


def read_sensor(on_done):
    reading = READINGS[min(now[0] // 5, len(READINGS) - 1)]
    on_done(reading)


def wait_until_warm(target, on_done):
    def poll():
        read_sensor(lambda degrees: check(degrees))

    def check(degrees):
        print(f"t={now[0]}: {degrees} degrees")
        if degrees >= target:
            on_done(now[0])
        else:
            call_later(5, poll)

    poll()


wait_until_warm(20, lambda t: print("warm at", t))
run()
