"""A chat relay on asyncio's own loop: leaves answer through loop.call_soon, continuations are passed by keyword."""
import asyncio

loop = asyncio.new_event_loop()
ROOMS = {"general": ["ana", "ben"], "ops": ["cy"]}


def members_of(room, callback):
    loop.call_soon(callback, ROOMS.get(room, []))


def deliver(user, text, callback):
    loop.call_soon(callback, f"{user} <- {text}")


def relay(room, text, on_done):
    def got_members(users):
        if not users:
            on_done([f"{room}: nobody to tell"])
            return
        receipts = []

        def step(i):
            if i == len(users):
                on_done(receipts)
                return
            deliver(users[i], text, callback=lambda receipt: (receipts.append(receipt), step(i + 1)))

        step(0)

    members_of(room, callback=got_members)


relay("general", "deploy at noon", on_done=lambda receipts: print(receipts))
relay("ops", "pager test", lambda receipts: print(receipts))
relay("empty", "hello?", print)


def stop_after(turns):
    # A fixed number of the loop's turns, not wall time: the relays need about
    # ten, and a loaded machine cannot make them run out first.
    if turns == 0:
        loop.stop()
    else:
        loop.call_soon(stop_after, turns - 1)


stop_after(200)
loop.run_forever()
loop.close()
