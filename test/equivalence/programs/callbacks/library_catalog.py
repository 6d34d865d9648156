"""A library catalogue searched shelf by shelf. `find_shelf` hands the first
match to the callback and breaks, and its loop's `else` reports no match:
either way it calls back once, so `locate` converts. `every_shelf` calls back
on each match and again from the `else`, so `all_copies`, which as a generator
would see the first match only, is refused."""
ready = []


def call_soon(fn, *args):
    ready.append((fn, args))


def run():
    while ready:
        fn, args = ready.pop(0)
        fn(*args)


SHELVES = {"A": ["Dune", "Emma"], "B": ["Ulysses", "Dune"], "C": ["Beloved"]}


def find_shelf(title, callback):
    for shelf, books in sorted(SHELVES.items()):
        if title in books:
            call_soon(callback, shelf)
            break
    else:
        call_soon(callback, None)


def every_shelf(title, callback):
    for shelf, books in sorted(SHELVES.items()):
        if title in books:
            call_soon(callback, shelf)
    else:
        call_soon(callback, "end")


def locate(title, on_done):
    find_shelf(title, lambda shelf: on_done(title + ": " + (shelf or "not held")))


def all_copies(title, on_done):
    every_shelf(title, lambda shelf: on_done(title + " copy on " + shelf))


locate("Dune", print)
locate("Persuasion", print)
all_copies("Dune", print)
run()
