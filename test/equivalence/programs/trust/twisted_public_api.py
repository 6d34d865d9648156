"""A small Twisted client library: users outside it call fetch() and chain
callbacks on the Deferred it returns. Under the default public-API policy
(keep), fetch converts behind a wrapper that still returns a Deferred; the
public method cannot, so it is refused; the private helper converts."""
# to: async
# run: support/twisted_public_api_user.py
# expect-refused: Client.get=public-api
# expect-converted: fetch, _warm
from twisted.internet import defer

__all__ = ["fetch", "Client"]


@defer.inlineCallbacks
def fetch(key, default=None, *extra, upper=False, **options):
    value = yield defer.succeed(key * 2)
    if upper:
        value = value.upper()
    defer.returnValue((value, default, extra, sorted(options)))


class Client:
    @defer.inlineCallbacks
    def get(self, key):
        value = yield fetch(key)
        defer.returnValue(value[0])


@defer.inlineCallbacks
def _warm(keys):
    for key in keys:
        yield fetch(key)
    defer.returnValue(len(keys))
