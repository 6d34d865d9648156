"""A backup tool over a hand-written ready queue, with leaves that call back
from a loop, a `finally`, or one branch only. `list_changed` calls back once
per changed file, so `first_change` is refused; `upload` calls back from its
`finally` and again after it, so `upload_one` is refused; `checksum` calls
back on one path or the other, and `cached_size` never calls back for a file
it does not know (the original never hears of it either), so `verify` and
`size_report` convert."""
ready = []


def call_soon(fn, *args):
    ready.append((fn, args))


def run():
    while ready:
        fn, args = ready.pop(0)
        fn(*args)


FILES = {"notes.txt": "remember", "todo.txt": "buy milk", "empty.txt": ""}
SIZES = {"notes.txt": 8}


def list_changed(names, callback):
    for name in names:
        if FILES.get(name):
            call_soon(callback, name)


def upload(name, callback):
    try:
        if not FILES[name]:
            raise ValueError("nothing to upload in " + name)
        sent = len(FILES[name])
    except ValueError:
        sent = 0
    finally:
        call_soon(callback, "closed " + name)
    call_soon(callback, "sent " + str(sent))


def checksum(name, callback):
    text = FILES.get(name)
    if text is None:
        call_soon(callback, 0)
        return
    call_soon(callback, sum(ord(c) for c in text) % 251)


def cached_size(name, callback):
    if name in SIZES:
        call_soon(callback, SIZES[name])


def first_change(names, on_done):
    list_changed(names, lambda name: on_done("changed: " + name))


def upload_one(name, on_done):
    upload(name, lambda status: on_done(name + " -> " + status))


def verify(a, b, on_done):
    checksum(a, lambda x: checksum(b, lambda y: on_done(a + " and " + b + (" match" if x == y else " differ"))))


def size_report(name, on_done):
    cached_size(name, lambda size: on_done(name + " is " + str(size) + " bytes"))


first_change(["notes.txt", "empty.txt", "todo.txt"], print)
upload_one("empty.txt", print)
verify("notes.txt", "missing.txt", print)
size_report("notes.txt", print)
size_report("todo.txt", print)
run()
