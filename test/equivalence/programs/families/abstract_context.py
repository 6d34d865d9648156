"""A context-manager base in contextlib's shape: the base __aexit__ never
awaits (an abstract default), the subclasses' do. --to generator leaves the
base native and moves the overrides; `async with` awaits either form."""
# generator-converts: Pooled.__aenter__, Pooled.__aexit__, Session.__aexit__
# generator-refuses: Closing.__aenter__ never-suspends, Closing.__aexit__ never-suspends, main no-generator-form
import asyncio


class Closing:
    async def __aenter__(self):
        return self

    async def __aexit__(self, kind, error, trace):
        return None


class Session(Closing):
    def __init__(self, user):
        self.user = user

    async def __aexit__(self, kind, error, trace):
        await asyncio.sleep(0)
        print("session closed for", self.user)
        return False


class Pooled(Session):
    def __init__(self, user, pool):
        super().__init__(user)
        self.pool = pool

    async def __aenter__(self):
        await asyncio.sleep(0)
        self.pool.append(self.user)
        return self

    async def __aexit__(self, kind, error, trace):
        await super().__aexit__(kind, error, trace)
        self.pool.remove(self.user)
        print("pool now", self.pool)
        return kind is KeyError


async def main():
    pool = []
    for manager in [Closing(), Session("ann"), Pooled("bob", pool)]:
        async with manager as entered:
            print("inside", type(entered).__name__, pool)
    async with Pooled("cy", pool):
        raise KeyError("swallowed by Pooled")
    print("after", pool)


asyncio.run(main())
