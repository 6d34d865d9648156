"""A chat room on a small event bus: `ask` sends a request whose one reply
comes back through the bus's ready queue (taken out entry by entry), so
`greet` converts; `follow` subscribes, and the bus calls every subscriber on
every post, so a generator, which takes one result, would see only the first
post: it is refused."""
from collections import deque


class Bus:
    def __init__(self):
        self.subscribers = []
        self.ready = deque()

    def subscribe(self, on_post):
        self.subscribers.append(on_post)

    def post(self, text):
        for on_post in self.subscribers:
            on_post(text)

    def ask(self, question, on_reply):
        self.ready.append((on_reply, "re: " + question))

    def run(self):
        while self.ready:
            on_reply, reply = self.ready.popleft()
            on_reply(reply)


def greet(bus, name, on_done):
    bus.ask("hello " + name, lambda reply: on_done(reply.title()))


def follow(bus, room, on_done):
    bus.subscribe(lambda text: on_done(room + ": " + text))


bus = Bus()
greet(bus, "ada", print)
follow(bus, "#general", print)
bus.post("first post")
bus.post("second post")
bus.run()
