"""Downloads over a hand-written event loop: the leaf answers from the ready queue, callers are CPS, the driver runs the loop."""
from collections import deque

ready = deque()
PAGES = {"/": 512, "/docs": 2048, "/blog": 1024}


def call_soon(callback, *args):
    ready.append((callback, args))


def run():
    while ready:
        callback, args = ready.popleft()
        callback(*args)


def http_get(path, callback):
    # The leaf: it answers on a later turn of the loop.
    call_soon(callback, PAGES.get(path, 0))


def fetch_size(path, on_done):
    def got(size):
        print(f"fetched {path}: {size} bytes")
        on_done(size)

    http_get(path, got)


def fetch_all(paths, on_done):
    sizes = []

    def step(i):
        if i == len(paths):
            on_done(sizes)
            return
        fetch_size(paths[i], lambda size: (sizes.append(size), step(i + 1)))

    step(0)


fetch_all(["/", "/docs", "/missing", "/blog"], lambda sizes: print("total", sum(sizes), sizes))
print("queued")
run()
