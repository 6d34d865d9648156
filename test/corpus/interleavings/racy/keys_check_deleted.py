# expected: rooms 0
# The key checked before the await is deleted by another task meanwhile, and
# the post brings the closed room back.
import asyncio

ROOMS = {"lobby": []}


async def post(room, text):
    if room not in ROOMS:
        return
    await asyncio.sleep(0)
    ROOMS[room] = ROOMS.get(room, []) + [text]


async def close(room):
    ROOMS.pop(room, None)


async def main():
    await asyncio.gather(post("lobby", "a"), close("lobby"), post("lobby", "b"))
    print("rooms", len(ROOMS))


asyncio.run(main())
