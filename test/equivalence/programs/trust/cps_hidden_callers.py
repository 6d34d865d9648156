# Callers the module does not spell as calls: json calls the encoder's
# default(), Twisted calls a protocol's dataReceived(), property() calls the
# accessors its class body hands it, and a dispatcher finds a handler by name.
# Each is refused; what only the module calls converts.
# to: cps
# expect-refused: Encoder.default=overrides-library, Echo.dataReceived=overrides-library, Gauge.read=used-as-value, Gauge.write=used-as-value, on_ping=used-as-value
# expect-converted: describe, main
import json

from twisted.internet.protocol import Protocol


class Encoder(json.JSONEncoder):
    def default(self, o):
        return sorted(o)


class Echo(Protocol):
    def dataReceived(self, data):
        print("echo", data)


class Gauge:
    def __init__(self):
        self._level = 1

    def read(self):
        return self._level * 10

    def write(self, value):
        self._level = value // 10

    level = property(read, write)


def on_ping(payload):
    return "pong " + payload


def describe(x):
    return "value %r" % (x,)


def main():
    print(json.dumps({"tags": {"b", "a"}}, cls=Encoder))
    Echo().dataReceived(b"hi")
    handler = globals()["on_ping"]
    print(handler("x"))
    print(on_ping("y"))
    gauge = Gauge()
    gauge.level = 70
    print(gauge.level)
    print(describe(3))


main()
