# Twisted's LineReceiver calls lineReceived() for each line and drops what it
# returns: an @inlineCallbacks override ran at once, a native one would never
# run. An override of a base class outside the module is refused.
# to: async
# expect-refused: Echo.lineReceived=overrides-library
# expect-converted: main
from twisted.internet import defer, task
from twisted.protocols.basic import LineReceiver


class Echo(LineReceiver):
    @defer.inlineCallbacks
    def lineReceived(self, line):
        yield defer.succeed(None)
        print("got", line)


@defer.inlineCallbacks
def main(reactor):
    protocol = Echo()
    protocol.dataReceived(b"hi\r\nthere\r\n")
    yield defer.succeed(None)
    print("done")


task.react(main)
