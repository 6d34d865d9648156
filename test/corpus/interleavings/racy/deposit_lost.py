# expected: 150
# A deposit lands while a withdrawal is suspended, and the withdrawal overwrites it.
import asyncio


class Wallet:
    def __init__(self):
        self.balance = 100

    async def withdraw(self, amount):
        balance = self.balance
        await asyncio.sleep(0)  # fraud check
        self.balance = balance - amount

    async def deposit(self, amount):
        self.balance += amount


async def main():
    wallet = Wallet()
    await asyncio.gather(wallet.withdraw(50), wallet.deposit(100))
    print(wallet.balance)


asyncio.run(main())
