"""A serial console on a selector loop of its own. Its `add_reader` is
one-shot (the loop drops the reader once it has run), and its `call_later`
takes the function first and the delay after it, unlike the library's
`call_later(delay, fn)`: both are read as the module defines them. `prompt`
waits on one line read through `add_reader` and converts. A `Command` answers by handing the
callback in its slot to `call_later` without taking it out, and its timeout
takes it out and calls it too, so `ask` would hear only the reply as a
generator: it is refused. A `FirmCommand` overrides the reply with one that
takes the callback out before handing it on, so the later timeout finds the
slot empty and `ask_firmly` converts."""
import heapq

LINES = {3: " ok> ", 4: " temp 21C "}


class Selector:
    def __init__(self):
        self.now = 0
        self.timers = []
        self.scheduled = 0
        self.readers = {}

    def add_reader(self, fd, callback):
        self.readers[fd] = callback

    def call_later(self, callback, delay, *args):
        self.scheduled += 1
        heapq.heappush(self.timers, (self.now + delay, self.scheduled, callback, args))

    def run(self):
        while self.readers or self.timers:
            for fd in sorted(self.readers):
                self.readers.pop(fd)(LINES[fd])
            if self.timers:
                self.now, _, callback, args = heapq.heappop(self.timers)
                callback(*args)


sel = Selector()


class Command:
    def __init__(self, text):
        self.text = text
        self._on_reply = None

    def send(self, on_reply):
        self._on_reply = on_reply
        sel.call_later(self._reply, 1)
        sel.call_later(self._timeout, 5)

    def _reply(self):
        sel.call_later(self._on_reply, 0, self.text + ": done")

    def _timeout(self):
        on_reply, self._on_reply = self._on_reply, None
        if on_reply is not None:
            on_reply(self.text + ": timed out")


class FirmCommand(Command):
    def _reply(self):
        on_reply, self._on_reply = self._on_reply, None
        sel.call_later(on_reply, 0, self.text + ": done")


def read_line(port, on_done):
    sel.add_reader(port, lambda line: on_done(line.strip()))


def prompt(port, on_done):
    read_line(port, lambda line: on_done("[" + line + "]"))


def ask(text, on_done):
    Command(text).send(lambda reply: on_done("> " + reply))


def ask_firmly(text, on_done):
    FirmCommand(text).send(lambda reply: on_done(">> " + reply))


prompt(3, print)
prompt(4, print)
ask("reset", print)
ask_firmly("status", print)
sel.run()
