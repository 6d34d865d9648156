# expected: 20
# Both withdrawals pass the balance check before either subtracts.
import asyncio


class Account:
    def __init__(self, balance):
        self.balance = balance

    async def withdraw(self, amount):
        if self.balance >= amount:
            await asyncio.sleep(0)  # talk to the payment provider
            self.balance -= amount


async def main():
    account = Account(100)
    await asyncio.gather(account.withdraw(80), account.withdraw(80))
    print(account.balance)


asyncio.run(main())
