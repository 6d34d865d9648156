"""A weather station with a hand-written future and a sensor feed. A
`Reading` keeps the callbacks added to it in a list, and going through that
list once it has its value it calls each of them once and clears the list, so
`forecast`, waiting on one reading, converts. A `Feed` keeps its listeners
in a list that each publish goes through again, and only a reset clears it,
so `next_gust` would hear only the first gust as a generator: it is refused."""
from collections import deque

ready = deque()


def call_soon(fn, *args):
    ready.append((fn, args))


class Reading:
    def __init__(self):
        self._callbacks = []

    def add_done_callback(self, fn):
        self._callbacks.append(fn)

    def set_result(self, value):
        for fn in self._callbacks:
            fn(value)
        self._callbacks.clear()


class Feed:
    def __init__(self):
        self._listeners = []

    def subscribe(self, listener):
        self._listeners.append(listener)

    def reset(self):
        self._listeners.clear()

    def publish(self, value):
        for listener in self._listeners:
            listener(value)


TEMPERATURES = {"Oslo": 4, "Lima": 19}
wind = Feed()


def read_temperature(city, callback):
    reading = Reading()
    reading.add_done_callback(callback)
    call_soon(reading.set_result, TEMPERATURES[city])


def forecast(city, on_done):
    read_temperature(city, lambda degrees: on_done(city + ": " + ("mild" if degrees > 10 else "cold")))


def next_gust(on_done):
    wind.subscribe(lambda speed: on_done("gust of " + str(speed) + " km/h"))


forecast("Oslo", print)
forecast("Lima", print)
next_gust(print)
while ready:
    fn, args = ready.popleft()
    fn(*args)
wind.publish(40)
wind.publish(55)
