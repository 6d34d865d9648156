# expected: 20
# Tornado generator coroutines: both withdrawals pass the check before either subtracts.
from tornado import gen, ioloop

balance = 100


@gen.coroutine
def withdraw(amount):
    global balance
    yield gen.sleep(0)
    if balance >= amount:
        yield gen.sleep(0)
        balance -= amount


@gen.coroutine
def main():
    yield [withdraw(80), withdraw(80)]
    print(balance)


ioloop.IOLoop.current().run_sync(main)
