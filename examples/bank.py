"""A bank account that loses money: each withdrawal reads the balance, waits
for a (simulated) fraud check, then writes back what it read minus the amount.
While it waits, the other tasks change the balance, and their updates are lost."""
import asyncio


class Account:
    def __init__(self, balance):
        self.balance = balance
        self.history = []

    async def deposit(self, amount):
        await asyncio.sleep(0)  # the ledger service answers at once
        self.balance += amount
        self.history.append(("deposit", amount))

    async def withdraw(self, amount):
        balance = self.balance
        await fraud_check(amount)  # others run while this one waits
        self.balance = balance - amount
        self.history.append(("withdraw", amount))


async def fraud_check(amount):
    await asyncio.sleep(0.01 if amount < 1000 else 0.1)


async def main():
    account = Account(100)
    await asyncio.gather(account.withdraw(30), account.withdraw(20), account.deposit(50))
    print(f"expected balance: {100 - 30 - 20 + 50}")
    print(f"actual balance:   {account.balance}")


if __name__ == "__main__":
    asyncio.run(main())
