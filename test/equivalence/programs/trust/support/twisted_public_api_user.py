"""Code outside the library: it uses fetch()'s Deferred directly."""
from twisted.internet import task

import twisted_public_api as client


def main(reactor):
    d = client.fetch("ab", 1, 2, 3, upper=True, timeout=4)
    d.addCallback(print)
    d.addCallback(lambda _: client.Client().get("cd"))
    d.addCallback(print)
    return d


task.react(main)
