"""An RPC client that files each request's callback in a dict under its
message id: `reply` pops the callback out before calling it, so `call` calls
back once and `add_then_double` converts; `subscribe` files a topic's callback
in a dict nothing takes it out of, and every `publish` calls it again, so
`first_price`, which as a generator would see one price only, is refused."""
import functools

ready = []


def call_soon(fn, *args):
    ready.append((fn, args))


def run():
    while ready:
        fn, args = ready.pop(0)
        fn(*args)


class Client:
    def __init__(self):
        self.pending = {}
        self.topics = {}
        self.next_id = 0

    def call(self, method, args, callback):
        self.next_id += 1
        self.pending[self.next_id] = callback
        call_soon(self.reply, self.next_id, {"add": sum, "double": lambda xs: xs[0] * 2}[method](args))

    def reply(self, msg_id, result):
        self.pending.pop(msg_id)(result)

    def subscribe(self, topic, callback):
        self.topics[topic] = functools.partial(callback, topic)

    def publish(self, topic, message):
        call_soon(self.topics[topic], message)


def add_then_double(client, a, b, on_done):
    client.call("add", [a, b], lambda total: client.call("double", [total], lambda doubled: on_done(doubled)))


def first_price(client, symbol, on_done):
    client.subscribe(symbol, lambda topic, price: on_done(topic + " at " + str(price)))


client = Client()
add_then_double(client, 3, 4, print)
first_price(client, "ACME", print)
client.publish("ACME", 101)
client.publish("ACME", 99)
run()
