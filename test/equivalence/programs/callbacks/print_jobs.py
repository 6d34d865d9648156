"""A print spooler whose callback leaves are classes and bound methods:
`Job(pages, callback)` queues itself in `__init__` and calls back once when
the spooler takes it out, so `print_report` converts; `spool = spooler.submit`
is a bound method that calls back once from the ready queue, so
`print_memo` converts through the alias; a `Progress(pages, callback)` calls
back once per page, so `watch_pages`, which as a generator would see the
first page only, is refused."""
from collections import deque

queue = deque()


class Spooler:
    def __init__(self):
        self.printed = 0

    def submit(self, text, callback):
        queue.append(lambda: self.finish(text, callback))

    def finish(self, text, callback):
        self.printed += 1
        callback("printed " + text + " as #" + str(self.printed))


spooler = Spooler()
spool = spooler.submit


class Job:
    def __init__(self, pages, callback):
        self.pages = pages
        queue.append(lambda: callback(str(self.pages) + " pages done"))


class Progress:
    def __init__(self, pages, callback):
        for page in range(1, pages + 1):
            queue.append(lambda page=page: callback("page " + str(page) + "/" + str(pages)))


def print_report(pages, on_done):
    Job(pages, lambda status: on_done("report: " + status))


def print_memo(text, on_done):
    spool(text, lambda receipt: on_done(receipt.upper()))


def watch_pages(pages, on_done):
    Progress(pages, lambda status: on_done("watching " + status))


print_report(3, print)
print_memo("memo", print)
watch_pages(2, print)
while queue:
    queue.popleft()()
