"""A shop's stock and price cache shared by concurrent orders. Two races:
- reserve() copies the stock level, awaits the warehouse, and writes back
  its copy minus the order, so two orders at once sell the same items;
- price() checks the cache, awaits the price service, then fills the cache,
  so two lookups of the same item both call the service."""
import asyncio

stock = 10
PRICES = {}
calls = 0


async def ask_warehouse(item):
    await asyncio.sleep(0.01)


async def reserve(item, count):
    global stock
    left = stock
    await ask_warehouse(item)
    stock = left - count


async def fetch_price(item):
    global calls
    calls += 1
    await asyncio.sleep(0.01)
    return 3


async def price(item):
    if item not in PRICES:
        PRICES[item] = await fetch_price(item)
    return PRICES[item]


async def main():
    await asyncio.gather(reserve("tea", 3), reserve("tea", 4))
    print(f"stock: expected {10 - 3 - 4}, got {stock}")
    await asyncio.gather(price("tea"), price("tea"))
    print(f"price service calls: expected 1, got {calls}")


if __name__ == "__main__":
    asyncio.run(main())
