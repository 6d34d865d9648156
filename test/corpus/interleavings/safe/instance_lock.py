# expected: 150
# Every writer of the balance holds self._lock across its read and write.
import asyncio


class Wallet:
    def __init__(self):
        self._lock = asyncio.Lock()
        self.balance = 100

    async def withdraw(self, amount):
        async with self._lock:
            balance = self.balance
            await asyncio.sleep(0)
            self.balance = balance - amount

    async def deposit(self, amount):
        async with self._lock:
            self.balance += amount


async def main():
    wallet = Wallet()
    await asyncio.gather(wallet.withdraw(50), wallet.deposit(100))
    print(wallet.balance)


asyncio.run(main())
