"""Tornado-style fetches over a hand-written event loop: the client takes its
callback before a timeout, answers later through call_soon, and a crawler
written in CPS follows links one page at a time."""

ready = []


def call_soon(callback, *args):
    ready.append((callback, args))


def run_loop():
    while ready:
        callback, args = ready.pop(0)
        callback(*args)


SITE = {
    "/": ["/docs", "/blog"],
    "/docs": ["/docs/api"],
    "/blog": [],
    "/docs/api": ["/"],
}


def fetch(url, callback, timeout):
    # The leaf: it answers later, from the loop.
    call_soon(callback, SITE.get(url, []) if timeout > 0 else [])


def count_links(url, callback, timeout):
    fetch(url, lambda links: callback(len(links)), timeout)


def crawl(start, limit, cont):
    seen = []

    def visit(queue):
        if not queue or len(seen) >= limit:
            cont(seen)
            return
        url = queue[0]
        if url in seen:
            visit(queue[1:])
            return
        seen.append(url)
        fetch(url, lambda links: visit(queue[1:] + links), 10)

    visit([start])


def summary(start, cont):
    crawl(start, 3, lambda pages: count_links(pages[-1], lambda n: cont(", ".join(pages) + " (last has " + str(n) + ")"), 10))


summary("/", print)
count_links("/blog", lambda n: print("blog links:", n), 10)
run_loop()
