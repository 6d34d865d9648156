"""A Tornado library: its users may rely on the Future fetch() returns, which
starts running at the call. No native form keeps that, so under the default
public-API policy it is refused."""
# to: async
# run: support/tornado_public_api_user.py
# expect-refused: fetch=public-api
# expect-converted: (none)
from tornado import gen


@gen.coroutine
def fetch(name):
    print("fetch starts", name)
    yield gen.moment
    raise gen.Return(name.upper())
