"""A laundromat whose machines are run by the attendant's rounds, not by the
machines themselves. A `Washer` keeps the customer's callback in a slot and
joins the queue; the round calls what that slot holds through the machine
it takes off the queue, after the wash and again after the spin, so `wash`
would hear only the wash as a generator: it is refused, though the washer's
own `unload` clears the slot. A `Dryer` is finished through its own method,
which takes the callback out before calling it, so `dry` converts."""
from collections import deque

queue = deque()


class Washer:
    def __init__(self, number):
        self.number = number
        self._on_washed = None

    def load(self, clothes, on_washed):
        self.clothes = clothes
        self._on_washed = on_washed
        queue.append(self)

    def unload(self):
        self._on_washed = None


class Dryer:
    def __init__(self, number):
        self.number = number
        self._on_dried = None

    def load(self, clothes, on_dried):
        self.clothes = clothes
        self._on_dried = on_dried
        queue.append(self)

    def finish(self, minutes):
        on_dried, self._on_dried = self._on_dried, None
        on_dried(self.clothes + " dried in " + str(minutes) + " minutes")


def attendant_round():
    while queue:
        machine = queue.popleft()
        if isinstance(machine, Dryer):
            machine.finish(40)
        else:
            machine._on_washed(machine.clothes + " washed")
            machine._on_washed(machine.clothes + " spun")


def wash(clothes, on_done):
    Washer(1).load(clothes, lambda news: on_done("washer 1: " + news))


def dry(clothes, on_done):
    Dryer(2).load(clothes, lambda news: on_done("dryer 2: " + news))


wash("shirts", print)
dry("towels", print)
attendant_round()
