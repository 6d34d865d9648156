"""Reconnecting to a flaky database on asyncio's loop, in the 3.4 style that
wires callbacks with loop.call_soon and loop.call_later: the connect leaf
answers through a success and a failure callback, the backoff re-arms the next
attempt with call_later and its arguments (doubling the delay), and a caller
runs two queries one after the other on the connection it gets."""
import asyncio

loop = asyncio.new_event_loop()
REFUSALS = {"primary": 2, "replica": 9}
attempts = {}
TABLES = {"users": 42, "orders": 7}


def connect(host, on_connected, on_failed):
    # The leaf: refuses the first few tries, answers on a later turn.
    attempts[host] = attempts.get(host, 0) + 1
    if attempts[host] <= REFUSALS.get(host, 0):
        loop.call_soon(on_failed, ConnectionError(host + " refused try " + str(attempts[host])))
    else:
        loop.call_soon(on_connected, host + "#" + str(attempts[host]))


def query(conn, table, on_rows):
    loop.call_later(0.001, on_rows, TABLES.get(table, 0))


def connect_with_backoff(host, tries, on_done, on_error):
    def attempt(n, delay):
        def failed(error):
            print("  " + str(error) + ", next in " + str(delay))
            if n == tries:
                on_error(error)
                return
            loop.call_later(delay / 1000, attempt, n + 1, delay * 2)

        connect(host, on_done, failed)

    attempt(1, 1)


def row_counts(host, on_done):
    def connected(conn):
        query(conn, "users", lambda users: query(conn, "orders", lambda orders: on_done(conn + " users=" + str(users) + " orders=" + str(orders))))

    connect_with_backoff(host, 4, connected, lambda error: on_done(host + " unreachable"))


def main(on_done):
    row_counts("primary", lambda first: row_counts("replica", lambda second: on_done([first, second])))


main(lambda lines: (print("\n".join(lines)), loop.stop()))
loop.run_forever()
loop.close()
