"""An elevator bank on a hand-written clock. A `Car` keeps the rider's
callback in a slot when it is called and schedules its arrival, which takes
the callback out before calling it. Its subclasses override what runs:
a `ServiceCar` arrives through its own `_arrive`, which takes the callback
out too, so `ride_service` converts, though a sibling's override calls the
slot at every floor; that `ExpressCar` calls it for each floor it passes, so
`ride_express` would hear only the first floor as a generator and is refused;
a `DoubleDeckCar` rings a chime that calls what the slot holds without taking
it out, once for each deck, so `ride_double` is refused too."""
import heapq

clock = []


def call_later(delay, fn, *args):
    heapq.heappush(clock, (delay, len(clock), fn, args))


def run():
    while clock:
        _, _, fn, args = heapq.heappop(clock)
        fn(*args)


class Car:
    def __init__(self, name):
        self.name = name
        self._on_arrive = None

    def call(self, floor, on_arrive):
        self._on_arrive = on_arrive
        call_later(floor, self._arrive, floor)

    def _arrive(self, floor):
        on_arrive, self._on_arrive = self._on_arrive, None
        on_arrive(self.name + " at floor " + str(floor))


class ServiceCar(Car):
    def _arrive(self, floor):
        on_arrive, self._on_arrive = self._on_arrive, None
        on_arrive(self.name + " (service) at floor " + str(floor))


class ExpressCar(Car):
    def _arrive(self, floor):
        for passed in range(1, floor + 1):
            self._on_arrive(self.name + " passing floor " + str(passed))


class DoubleDeckCar(Car):
    def call(self, floor, on_arrive):
        self._on_arrive = on_arrive
        call_later(floor, self._chime, "upper deck")
        call_later(floor, self._chime, "lower deck")

    def _chime(self, deck):
        self._on_arrive(self.name + " " + deck + " open")


def ride_service(floor, on_done):
    ServiceCar("S1").call(floor, lambda news: on_done("service: " + news))


def ride_express(floor, on_done):
    ExpressCar("E1").call(floor, lambda news: on_done("express: " + news))


def ride_double(floor, on_done):
    DoubleDeckCar("D1").call(floor, lambda news: on_done("double: " + news))


ride_service(2, print)
ride_express(3, print)
ride_double(1, print)
run()
