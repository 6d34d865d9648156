# expected: 4
# `if room in ROOMS` looks at the keys; the other tasks only append to the
# lists inside, which cannot remove the key.
import asyncio

ROOMS = {"lobby": []}


async def post(room, text):
    if room not in ROOMS:
        return
    await asyncio.sleep(0)
    ROOMS[room].append(text)


async def main():
    await asyncio.gather(*(post("lobby", f"m{i}") for i in range(4)))
    print(len(ROOMS["lobby"]))


asyncio.run(main())
