# Callers the module does not spell as calls: json calls the encoder's
# default(), Twisted calls a protocol's dataReceived(), and a dispatcher
# finds a handler by name. Each is refused; what only the module calls converts.
# to: cps
# expect-refused: Encoder.default=overrides-library, Echo.dataReceived=overrides-library, on_ping=used-as-value
# expect-converted: describe, main
import json

from twisted.internet.protocol import Protocol


class Encoder(json.JSONEncoder):
    def default(self, o):
        return sorted(o)


class Echo(Protocol):
    def dataReceived(self, data):
        print("echo", data)


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
    print(describe(3))


main()
