# expected: 150
# Deposits take the lock, withdrawals forget to: the fix must reuse self._lock.
import asyncio


class Vault:
    def __init__(self):
        self._lock = asyncio.Lock()
        self.gold = 100

    async def deposit(self, amount):
        async with self._lock:
            gold = self.gold
            await asyncio.sleep(0)
            self.gold = gold + amount

    async def withdraw(self, amount):
        gold = self.gold
        await asyncio.sleep(0)
        self.gold = gold - amount


async def main():
    vault = Vault()
    await asyncio.gather(vault.withdraw(50), vault.deposit(100))
    print(vault.gold)


asyncio.run(main())
