"""The same library under the public-API policy "refuse": every public
coroutine stays as it is; the private one converts."""
# to: async
# args: --public-api refuse
# run: support/twisted_public_api_refuse_user.py
# expect-refused: fetch=public-api
# expect-converted: _warm
from twisted.internet import defer


@defer.inlineCallbacks
def fetch(key):
    value = yield defer.succeed(key * 2)
    defer.returnValue(value)


@defer.inlineCallbacks
def _warm(keys):
    for key in keys:
        yield fetch(key)
    defer.returnValue(len(keys))
