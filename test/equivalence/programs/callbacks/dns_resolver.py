"""A resolver with a cache: early returns from the cache, a lookup that answers through the loop, and a chain of aliases."""
from collections import deque

ready = deque()
ZONE = {"www.example.org": "alias:example.org", "example.org": "93.184.216.34", "mail.example.org": "alias:mx.example.org", "mx.example.org": "10.0.0.25"}
cache = {}


def call_soon(callback, value):
    ready.append((callback, value))


def query_server(name, callback):
    call_soon(callback, ZONE.get(name))


def resolve(name, on_done, depth=0):
    if name in cache:
        on_done(cache[name])
        return
    if depth > 3:
        return on_done(None)

    def answered(record):
        if record is None:
            on_done(None)
        elif record.startswith("alias:"):
            resolve(record[len("alias:"):], lambda address: (cache.__setitem__(name, address), on_done(address)), depth + 1)
        else:
            cache[name] = record
            on_done(record)

    query_server(name, answered)


def report(names, on_done):
    lines = []

    def step(i):
        if i == len(names):
            on_done(lines)
            return
        resolve(names[i], lambda address: (lines.append(f"{names[i]} -> {address}"), step(i + 1)))

    step(0)


report(["www.example.org", "mail.example.org", "nowhere.test", "www.example.org"], lambda lines: print("\n".join(lines)))
while ready:
    callback, value = ready.popleft()
    callback(value)
print("cache", sorted(cache))
