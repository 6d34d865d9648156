# expected: [0, 1]
# Ticket numbers come from the length of the list taken before an await.
import asyncio

tickets = []


async def issue():
    number = len(tickets)
    await asyncio.sleep(0)
    tickets.append(number)


async def main():
    await asyncio.gather(issue(), issue())
    print(sorted(tickets))


asyncio.run(main())
