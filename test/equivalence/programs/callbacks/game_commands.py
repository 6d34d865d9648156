"""A text adventure's command console. Commands are methods named `do_<verb>`,
found by name (`getattr`) or through a table keyed by verb, as dispatchers
are often written; `do_walk` calls back once per step. The module cannot show
which command a verb picks, so `run_verb` and `run_table` are refused as
unreadable leaves, and `look_around`, which calls `do_look` by name, converts."""
ready = []


def call_soon(fn, *args):
    ready.append((fn, args))


def run():
    while ready:
        fn, args = ready.pop(0)
        fn(*args)


class Console:
    def __init__(self):
        self.table = {"look": self.do_look, "walk": self.do_walk}

    def do_look(self, place, callback):
        call_soon(callback, "you see " + place)

    def do_walk(self, place, callback):
        for step in range(1, 4):
            call_soon(callback, "step " + str(step) + " towards " + place)


def run_verb(console, verb, place, on_done):
    getattr(console, "do_" + verb)(place, lambda line: on_done("> " + line))


def run_table(console, verb, place, on_done):
    command = console.table[verb]
    command(place, lambda line: on_done(">> " + line))


def look_around(console, on_done):
    console.do_look("a cave", lambda line: on_done(line.capitalize()))


console = Console()
run_verb(console, "walk", "the river", print)
run_table(console, "walk", "the hills", print)
look_around(console, print)
run()
