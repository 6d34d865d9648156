"""Averaging sensor samples: a step function carrying two pieces of state, the index and the running total."""
SAMPLES = {"kitchen": [20.5, 21.0, 22.5], "cellar": [12.0, 11.5], "attic": []}


def read_sample(room, i, on_value):
    on_value(SAMPLES[room][i])


def average(room, on_done):
    count = len(SAMPLES[room])
    if count == 0:
        return on_done(None)

    def step(i, total):
        if i == count:
            on_done(round(total / count, 2))
            return
        read_sample(room, i, lambda value: step(i + 1, total + value))

    step(0, 0.0)


def all_averages(rooms, on_done):
    result = {}

    def step(i):
        if i == len(rooms):
            return on_done(result)
        average(rooms[i], lambda avg: (result.__setitem__(rooms[i], avg), step(i + 1)))

    step(0)


all_averages(["kitchen", "cellar", "attic"], print)
average("cellar", lambda avg: print("cellar average", avg))
