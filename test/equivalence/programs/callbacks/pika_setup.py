"""Opening a message broker the way pika's SelectConnection is driven: the
connection, the channel and the queue declaration each take an
`on_open_callback=` or `callback=` keyword, the setup is a chain of named
functions each starting the next stage, and a consumer gets (channel, frame)
delivered together."""
from collections import deque

events = deque()
QUEUES = {"orders": 3, "audit": 0}


class Channel:
    def __init__(self, number):
        self.number = number

    def queue_declare(self, queue, callback=None):
        events.append(lambda: callback({"queue": queue, "messages": QUEUES.get(queue, 0)}))

    def basic_get(self, queue, callback):
        left = QUEUES.get(queue, 0)
        if left:
            QUEUES[queue] = left - 1
        events.append(lambda: callback(self, "msg-" + str(left) if left else None))


class Connection:
    def __init__(self, host, on_open_callback=None):
        self.host = host
        self.opened = 0
        events.append(lambda: on_open_callback(self))

    def channel(self, on_open_callback=None):
        self.opened += 1
        events.append(lambda: on_open_callback(Channel(self.opened)))


def ioloop_start():
    while events:
        events.popleft()()


def open_channel(host, on_open):
    def on_connection_open(connection):
        connection.channel(on_open_callback=on_open)

    Connection(host, on_open_callback=on_connection_open)


def declare(host, queue, on_declared):
    def on_channel_open(channel):
        channel.queue_declare(queue, callback=lambda frame: on_declared(channel, frame))

    open_channel(host, on_channel_open)


def depth(host, queue, on_depth):
    declare(host, queue, lambda channel, frame: on_depth("channel " + str(channel.number) + ": " + frame["queue"] + " has " + str(frame["messages"])))


def take_two(host, queue, on_taken):
    def on_declared(channel, frame):
        channel.basic_get(queue, lambda ch, first: ch.basic_get(queue, lambda ch2, second: on_taken([first, second])))

    declare(host, queue, on_declared)


depth("broker.local", "orders", print)
depth("broker.local", "audit", print)
take_two("broker.local", "orders", print)
ioloop_start()
