from twisted.internet import task

import twisted_public_api_refuse as client


def main(reactor):
    d = client.fetch("ab")
    d.addCallback(print)
    d.addCallback(lambda _: client.fetch("cd"))
    d.addCallback(print)
    return d


task.react(main)
