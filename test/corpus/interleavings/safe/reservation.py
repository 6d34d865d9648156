# expected: 20
# The amount is reserved before the await, so the check still holds afterwards.
import asyncio


class Account:
    def __init__(self, balance):
        self.balance = balance
        self.pending = 0

    async def withdraw(self, amount):
        if self.balance >= amount:
            self.balance -= amount
            self.pending += 1
            await asyncio.sleep(0)  # talk to the payment provider
            self.pending -= 1


async def main():
    account = Account(100)
    await asyncio.gather(account.withdraw(80), account.withdraw(80))
    print(account.balance)


asyncio.run(main())
