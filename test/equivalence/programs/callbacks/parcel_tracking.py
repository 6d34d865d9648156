"""A courier's tracking desk: a query waits for the depot's reply or for its
deadline, whichever comes first, and keeps the caller's callback in a slot
of the query. `Query.ask` hands the slot to the reply and to the deadline; the
reply calls what the slot holds without taking it out, so when the deadline
comes too the callback runs twice, and `track`, which as a generator would
hear only the first answer, is refused. `FirmQuery` answers through one method that
takes the callback out of the slot before calling it, so the later answer
finds it empty: it calls back once and `track_firmly` converts."""
ready = []


def call_later(delay, fn, *args):
    ready.append((delay, len(ready), fn, args))


def run():
    while ready:
        ready.sort()
        _, _, fn, args = ready.pop(0)
        fn(*args)


class Query:
    def __init__(self, parcel):
        self.parcel = parcel
        self._on_answer = None

    def ask(self, on_answer):
        self._on_answer = on_answer
        call_later(1, self._reply)
        call_later(2, self._deadline)

    def _reply(self):
        self._on_answer(self.parcel + " is at the depot")

    def _deadline(self):
        on_answer = self._on_answer
        self._on_answer = None
        if on_answer is not None:
            on_answer(self.parcel + " timed out")


class FirmQuery:
    def __init__(self, parcel):
        self.parcel = parcel
        self._on_answer = None

    def ask(self, on_answer):
        self._on_answer = on_answer
        call_later(1, self._answer, "is at the depot")
        call_later(2, self._answer, "timed out")

    def _answer(self, news):
        on_answer, self._on_answer = self._on_answer, None
        if on_answer is not None:
            on_answer(self.parcel + " " + news)


def track(parcel, on_done):
    Query(parcel).ask(lambda answer: on_done("tracking: " + answer))


def track_firmly(parcel, on_done):
    FirmQuery(parcel).ask(lambda answer: on_done("firmly: " + answer))


track("PX-1", print)
track_firmly("PX-2", print)
run()
