"""A line protocol over a hand-written stream, in the way Tornado's IOStream
kept its callbacks: `read_line` keeps the reader's callback in an attribute
slot and clears the slot before calling what it held, so it calls back once
and `read_greeting` converts; `on_close` keeps its callback in a slot nothing
clears, and the stream calls it each time it is closed, so `closing_notice`,
which as a generator would hear only the first close, is refused; `read_chunks`
clears its slot too, but only after calling what it held once per chunk, so
`first_chunk` is refused as well."""
ready = []


def call_soon(fn, *args):
    ready.append((fn, args))


def run():
    while ready:
        fn, args = ready.pop(0)
        fn(*args)


class Stream:
    def __init__(self, chunks):
        self.chunks = list(chunks)
        self.buffer = ""
        self._read_callback = None
        self._close_callback = None
        self._chunk_callback = None

    def read_line(self, callback):
        self._read_callback = callback
        call_soon(self._fill)

    def _fill(self):
        while "\n" not in self.buffer and self.chunks:
            self.buffer += self.chunks.pop(0)
        line, _, self.buffer = self.buffer.partition("\n")
        callback = self._read_callback
        self._read_callback = None
        callback(line)

    def read_chunks(self, callback):
        self._chunk_callback = callback
        call_soon(self._drain)

    def _drain(self):
        for chunk in self.chunks:
            self._chunk_callback(chunk)
        self._chunk_callback = None

    def on_close(self, callback):
        self._close_callback = callback

    def close(self, reason):
        if self._close_callback is not None:
            self._close_callback(reason)


def read_greeting(stream, on_done):
    stream.read_line(lambda first: stream.read_line(lambda second: on_done(first.upper() + " / " + second)))


def closing_notice(stream, on_done):
    stream.on_close(lambda reason: on_done("closed: " + reason))


def first_chunk(stream, on_done):
    stream.read_chunks(lambda chunk: on_done("chunk " + repr(chunk)))


stream = Stream(["HELO mail", ".example\nSIZE 10", "24\n"])
read_greeting(stream, print)
closing_notice(stream, print)
run()
first_chunk(Stream(["abc", "def"]), print)
run()
stream.close("idle")
stream.close("shutdown")
