"""A job queue with callback-first APIs: the operations take their callback
before their arguments (read(cb, path), op(cb, *args)), as some C libraries
and their Python bindings do, and a hand-written loop runs what call_soon queued."""

from collections import deque

queue = deque()
FILES = {"a.txt": "alpha beta", "b.txt": "gamma", "c.txt": ""}


def call_soon(fn, *args):
    queue.append(lambda: fn(*args))


def run():
    while queue:
        queue.popleft()()


def read(cb, path):
    # The leaf: the contents come back on the next turn of the loop.
    call_soon(cb, FILES.get(path, ""))


def add(cb, *numbers):
    cb(sum(numbers))


def word_count(cb, path):
    read(lambda text: cb(len(text.split())), path)


def total_words(cb, first, second):
    word_count(lambda one: word_count(lambda two: add(cb, one, two), second), first)


def report(done, paths):
    def step(i, acc):
        if i == len(paths):
            done(acc)
            return
        word_count(lambda n: step(i + 1, acc + [(paths[i], n)]), paths[i])

    step(0, [])


total_words(lambda n: print("a+b words:", n), "a.txt", "b.txt")
report(lambda rows: print("per file:", rows), ["a.txt", "b.txt", "c.txt"])
run()
