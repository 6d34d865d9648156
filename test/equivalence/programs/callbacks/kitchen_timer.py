"""Kitchen timers on a hand-written clock. A `Timer` keeps the callback of
its one start in a slot that only `__init__` sets up empty and nothing clears:
each call makes its own timer and fires it once, so `boil_egg` converts. An
`Order` is a one-shot object whose `__init__` keeps the callback and
schedules the method that calls it, once, so `serve` converts too. The
`wall_clock` is one timer shared by every `remind` and fired again and again:
`remind` is refused."""
import heapq

clock = []


def call_later(delay, fn):
    heapq.heappush(clock, (delay, len(clock), fn))


def run():
    while clock:
        _, _, fn = heapq.heappop(clock)
        fn()


class Timer:
    def __init__(self, label):
        self.label = label
        self._on_ring = None

    def start(self, minutes, on_ring):
        self._on_ring = on_ring
        call_later(minutes, self._ring)

    def _ring(self):
        self._on_ring(self.label + " rings")


class Order:
    def __init__(self, dish, on_ready):
        self.dish = dish
        self.on_ready = on_ready
        call_later(3, self.plate)

    def plate(self):
        self.on_ready(self.dish + " is plated")


class WallClock:
    def __init__(self):
        self._on_hour = None

    def every_hour(self, on_hour):
        self._on_hour = on_hour

    def tick(self, hour):
        self._on_hour(hour)


wall_clock = WallClock()


def boil_egg(minutes, on_done):
    Timer("egg").start(minutes, lambda message: on_done(message + " after " + str(minutes) + " minutes"))


def serve(dish, on_done):
    Order(dish, lambda message: on_done(message.upper()))


def remind(task, on_done):
    wall_clock.every_hour(lambda hour: on_done(task + " at " + str(hour)))


boil_egg(7, print)
serve("soup", print)
remind("stir the stock", print)
run()
wall_clock.tick(1)
wall_clock.tick(2)
