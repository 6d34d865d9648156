"""Sending mail through a chain of steps whose continuations are
functools.partial objects, as Tornado 2 libraries wrote them: each step names
a module-level function to run next, with the caller's callback and the state
so far bound in front of the value the step delivers."""
import functools
from collections import deque

pending = deque()
MX = {"example.org": "mx1.example.org", "corp.test": "smtp.corp.test"}
ACCEPTS = {"mx1.example.org": True, "smtp.corp.test": False}


def later(fn, *args):
    pending.append(functools.partial(fn, *args))


def run():
    while pending:
        pending.popleft()()


def resolve_mx(domain, callback):
    later(callback, MX.get(domain))


def open_session(host, callback):
    later(callback, {"host": host, "accepts": ACCEPTS.get(host, False)})


def deliver(session, body, callback):
    later(callback, session["accepts"], len(body))


def _on_delivered(address, callback, accepted, size):
    callback(address + (" accepted " + str(size) + " bytes" if accepted else " rejected"))


def _on_session(address, body, callback, session):
    deliver(session, body, functools.partial(_on_delivered, address, callback))


def _on_mx(address, body, callback, host):
    if host is None:
        callback(address + " has no mail host")
        return
    open_session(host, functools.partial(_on_session, address, body, callback))


def send_mail(address, body, callback):
    resolve_mx(address.split("@")[1], functools.partial(_on_mx, address, body, callback))


def send_all(addresses, body, callback):
    results = []

    def step(i, outcome):
        results.append(outcome)
        if len(results) == len(addresses):
            callback(results)
            return
        send_mail(addresses[i + 1], body, functools.partial(step, i + 1))

    send_mail(addresses[0], body, functools.partial(step, 0))


send_mail("ann@example.org", "hello", print)
send_all(["bo@corp.test", "cy@nowhere.net", "di@example.org"], "weekly digest", print)
run()
