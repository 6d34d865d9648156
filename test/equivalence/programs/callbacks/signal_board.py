"""A railway signal box with its own small dispatcher, kept in a name
`signal`: its `signal` method and its `add_reader` queue the callback once and
the box's loop takes each entry out, unlike the library's `signal.signal` or
`loop.add_reader`, which call again on every event. `clear_route` waits on
both through leaves that hand their callback to the dispatcher, and converts."""
from collections import deque


class Dispatcher:
    def __init__(self):
        self.queue = deque()

    def signal(self, name, callback):
        self.queue.append((callback, name + " cleared"))

    def add_reader(self, track, callback):
        self.queue.append((callback, "train on track " + str(track)))

    def run(self):
        while self.queue:
            callback, event = self.queue.popleft()
            callback(event)


signal = Dispatcher()


def await_signal(name, callback):
    signal.signal(name, callback)


def await_train(track, callback):
    signal.add_reader(track, callback)


def clear_route(name, track, on_done):
    await_signal(name, lambda cleared: await_train(track, lambda train: on_done(cleared + ", " + train)))


clear_route("north home", 4, print)
signal.run()
