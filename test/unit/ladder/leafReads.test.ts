// Reads of a callback leaf that --to generator follows to the end: a slot the
// module calls from two functions, a leaf picked out of a dict or by
// `getattr` or handed in as a parameter, a search loop's `for … else`, a module's own method named
// like a library's repeating API, and a leaf that reads what its callback returns. Each either converts and prints the same,
// or refuses with its code and the line of the leaf call.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { dedent } from '../../helpers/parser';
import { python, refusesLeaf } from './cpsHelpers';
import { convert } from './ladderHelpers';

/** `name` converts alone and the program prints the same after. */
async function convertsAlone(source: string, name: string): Promise<void> {
  const result = await convert(source, 'generator', { functions: [name] });
  assert.deepEqual(result.refused, []);
  assert.ok(result.text !== undefined);
  assert.equal(python(result.text), python(dedent(source)));
}

/** A ready queue the module's scheduler `signature` (taking `fn, *args` last) puts calls into, as the programs below define it. */
function readyQueue(signature: string): string {
  return `    ready = []


    def ${signature}:
        ready.append((fn, args))`;
}

/** The module-level loop running the ready queue, each call taken out before it runs. */
const DRAIN = `    while ready:
        fn, args = ready.pop(0)
        fn(*args)`;

/** A download whose result and timeout both call what `self._on_done` holds; `finish` and `expire` are their bodies. */
function download(finish: string, expire: string): string {
  return `
${readyQueue('call_soon(fn, *args)')}


    class Download:
        def __init__(self):
            self._on_done = None

        def start(self, url, on_done):
            self._on_done = on_done
            call_soon(self._finish, url)
            call_soon(self._expire)

        def _finish(self, url):
${finish}

        def _expire(self):
${expire}


    def fetch_page(dl, url, on_done):
        dl.start(url, lambda body: on_done(body.upper()))


    fetch_page(Download(), "a.html", print)
${DRAIN}
    `;
}

const TAKE_THEN_CALL = (value: string): string => `            callback = self._on_done
            self._on_done = None
            if callback is not None:
                callback(${value})`;

test('a slot two methods call, one without taking it out, refuses: the result and the timeout both call back', async () => {
  await refusesLeaf(download('            self._on_done("got " + url)', TAKE_THEN_CALL('"timed out"')), 'fetch_page', 'continuation-called-twice', 28);
});

test('a slot two methods call, each taking it out first, calls back once: its caller converts', async () => {
  await convertsAlone(download(TAKE_THEN_CALL('"got " + url'), TAKE_THEN_CALL('"timed out"')), 'fetch_page');
});

/** A router whose handlers are reached by `reach` inside `fetch`; `watch` calls back three times. */
function router(reach: string): string {
  return `
${readyQueue('call_soon(fn, *args)')}


    class Router:
        def __init__(self):
            self.handlers = {"get": self.get, "watch": self.watch}

        def get(self, key, cb):
            call_soon(cb, key + "=1")

        def watch(self, key, cb):
            for i in range(3):
                call_soon(cb, key + "=" + str(i))


    def fetch(router, kind, key, on_done):
${reach}


    fetch(Router(), "watch", "x", print)
${DRAIN}
    `;
}

test('a leaf picked out of a dict by key refuses: the module cannot show which handler runs, nor how often it calls back', async () => {
  await refusesLeaf(router('        router.handlers[kind](key, lambda v: on_done(v.upper()))'), 'fetch', 'unreadable-leaf', 21);
});

test('a leaf looked up with getattr refuses the same way', async () => {
  await refusesLeaf(router('        getattr(router, kind)(key, lambda v: on_done(v.upper()))'), 'fetch', 'unreadable-leaf', 21);
});

test('a leaf looked up into a local name first is followed through the name, and refuses', async () => {
  await refusesLeaf(router('        handler = router.handlers[kind]\n        handler(key, lambda v: on_done(v.upper()))'), 'fetch', 'unreadable-leaf', 22);
});

test('a leaf handed in as a parameter refuses: each caller hands in its own, and one may call back twice', async () => {
  await refusesLeaf(
    `
    def twice(x, cb):
        cb(x)
        cb(x + 1)


    def once(x, cb):
        cb(x * 10)


    def run(op, x, on_done):
        op(x, lambda v: on_done(v + 1))


    run(twice, 1, print)
    run(once, 1, print)
`,
    'run',
    'unreadable-leaf',
    11,
  );
});

/** A search whose loop round runs `found` on a match and whose `else` calls back with None. */
function search(found: string): string {
  return `
    def first_even(numbers, cb):
        for n in numbers:
            if n % 2 == 0:
${found}
        else:
            cb(None)


    def report(numbers, on_done):
        first_even(numbers, lambda n: on_done("first even: " + str(n)))


    report([1, 3, 4, 6], print)
    report([1, 3], print)
    `;
}

test('a search that calls back and breaks, or calls back from the loop’s else, calls back once: its caller converts', async () => {
  await convertsAlone(search('                cb(n)\n                break'), 'report');
});

test('a search that calls back on every match without breaking, and again from the else, refuses', async () => {
  await refusesLeaf(search('                cb(n)'), 'report', 'continuation-called-twice', 10);
});

/** A selector of the module's own whose `add_reader` and `signal` queue the callback once, reached through `reach`. */
function ownSelector(reach: string): string {
  return `
    from collections import deque


    class Selector:
        def __init__(self):
            self.ready = deque()

        def add_reader(self, fd, callback):
            self.ready.append((callback, fd))

        def signal(self, name, callback):
            self.ready.append((callback, name))

        def run(self):
            while self.ready:
                callback, arg = self.ready.popleft()
                callback(arg)


    signal = Selector()


    def wait_for(what, on_done):
${reach}


    def wait_both(first, second, on_done):
        wait_for(first, lambda a: wait_for(second, lambda b: on_done(str(a) + ", " + str(b))))


    wait_both("HUP", 3, print)
    signal.run()
    `;
}

test('a method of the module’s own named signal is read as the module defines it, not as signal.signal: the leaf calls back once', async () => {
  await convertsAlone(ownSelector('        signal.signal(what, on_done)'), 'wait_both');
});

test('a method of the module’s own named add_reader is read as the module defines it, not as the library’s repeating watch', async () => {
  await convertsAlone(ownSelector('        signal.add_reader(what, on_done)'), 'wait_both');
});

test('signal imported from the signal module calls its handler on every signal, however it is spelled: the leaf refuses', async () => {
  await refusesLeaf(
    `
    import os
    from signal import SIGUSR1, signal


    def on_signal(callback):
        signal(SIGUSR1, lambda signum, frame: callback(signum))


    def reloads(on_done):
        on_signal(lambda signum: on_done("reload " + str(signum)))


    reloads(print)
    os.kill(os.getpid(), SIGUSR1)
    os.kill(os.getpid(), SIGUSR1)
    `,
    'reloads',
    'continuation-called-twice',
    10,
  );
});

/** A timer keeping its callback in a slot only `__init__` sets up empty; `alarm` starts one reached by `timer`. */
function timer(timerExpression: string, arm = '            call_later(delay, self._fire)'): string {
  return `
${readyQueue('call_later(delay, fn, *args)')}


    class Timer:
        def __init__(self, name):
            self.name = name
            self._on_fire = None

        def start(self, delay, on_fire):
            self._on_fire = on_fire
${arm}

        def _fire(self):
            self._on_fire(self.name + " fired")


    def alarm(name, on_done):
        ${timerExpression}.start(5, lambda msg: on_done(msg.upper()))


    alarm("tea", print)
    alarm("eggs", print)
${DRAIN}
    `;
}

test('a slot set up empty in __init__ and never cleared calls back once on a timer made for the call, fired once: its caller converts', async () => {
  await convertsAlone(timer('Timer(name)'), 'alarm');
});

test('a leaf class whose __init__ keeps the callback for a method it schedules once calls back once: its caller converts', async () => {
  await convertsAlone(
    `
${readyQueue('call_soon(fn, *args)')}


    class Lookup:
        def __init__(self, key, callback):
            self.key = key
            self.callback = callback
            call_soon(self.finish)

        def finish(self):
            self.callback(self.key * 2)


    def doubled(key, on_done):
        Lookup(key, lambda v: on_done(v + 1))


    doubled(4, print)
    doubled(5, print)
${DRAIN}
    `,
    'doubled',
  );
});

test('a timer shared between calls keeps the slot it never clears for whichever start came last: the caller refuses', async () => {
  await refusesLeaf(timer('SHARED').replace('\n\n    def alarm(', '\n\n    SHARED = Timer("shared")\n\n\n    def alarm('), 'alarm', 'continuation-called-twice', 25);
});

test('a timer made for the call that fires twice calls the slot it never clears twice: the caller refuses', async () => {
  await refusesLeaf(timer('Timer(name)', '            call_later(delay, self._fire)\n            call_later(delay * 2, self._fire)'), 'alarm', 'continuation-called-twice', 23);
});

test('a slot one method hands to the scheduler and another takes out and calls refuses: both call back', async () => {
  await refusesLeaf(download('            call_soon(self._on_done, "got " + url)', TAKE_THEN_CALL('"timed out"')), 'fetch_page', 'continuation-called-twice', 28);
});

test('a slot another class clears under the same name is not this class’s slot taken out: a close notice called on every close refuses', async () => {
  await refusesLeaf(
    `
    class Socket:
        def __init__(self):
            self._on_close = None

        def on_close(self, callback):
            self._on_close = callback

        def close(self, reason):
            self._on_close(reason)


    class Pipe:
        def __init__(self):
            self._on_close = None

        def drain(self):
            self._on_close = None


    def closing_notice(sock, on_done):
        sock.on_close(lambda reason: on_done("closed: " + reason))


    sock = Socket()
    closing_notice(sock, print)
    sock.close("idle")
    sock.close("shutdown")
    `,
    'closing_notice',
    'continuation-called-twice',
    21,
  );
});

/** Runs `source` with Debian's python3, which has Twisted. */
function twistedPython(source: string): string {
  const run = spawnSync('/usr/bin/python3', ['-'], { input: source, encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

/** A price lookup whose Deferred runs `callback`, then whatever `after` adds to it. */
function priceLookup(after: string): string {
  return `
    from twisted.internet import reactor, task


    def lookup(item):
        return {"tea": 3, "cake": 5}[item]


    def fetch_price(item, callback):
        d = task.deferLater(reactor, 0.01, lookup, item)
        d.addCallback(callback)
${after}


    def price_with_tax(item, cont):
        def got(price):
            if price > 4:
                raise ValueError("too dear")
            return cont(price * 2)

        fetch_price(item, got)


    def shown(v):
        print("total", v)
        return v


    price_with_tax("tea", shown)
    price_with_tax("cake", shown)
    reactor.callLater(0.1, reactor.stop)
    reactor.run()
    `;
}

test('a Deferred that hands the callback\'s result to a callback added after it is read as using it, and refused; an errback after it is not', async () => {
  // Converted, the logger would print None: the runner's resume returns nothing of what `shown` returned.
  const chained = priceLookup('        d.addCallback(lambda seen: print("logged", seen))');
  const source = dedent(chained);
  assert.match(twistedPython(source), /logged 6/);
  const refused = await convert(chained, 'generator', { functions: ['price_with_tax'] });
  assert.deepEqual(
    refused.refused.map((r) => [r.function, r.code, r.line]),
    [['price_with_tax', 'callback-result-used', 20]],
  );
  assert.match(refused.refused[0]?.message ?? '', /line 11: `d.addCallback\(lambda seen: print\("logged", seen\)\)`/);
  const errback = priceLookup('        d.addErrback(lambda failure: print("failed:", failure.getErrorMessage()))');
  const converted = await convert(errback, 'generator', { functions: ['price_with_tax'] });
  assert.deepEqual(converted.refused, []);
  assert.ok(converted.text !== undefined);
  assert.equal(twistedPython(converted.text), twistedPython(dedent(errback)));
});

test('a leaf that reads what its callback returns is refused; one that returns it converts', async () => {
  const leaf = (body: string): string => `
    def measure(n, callback):
${body}


    def doubled(n, cont):
        measure(n, lambda v: cont(v * 2))


    def report(v):
        print("got", v)
        return v


    doubled(4, report)
    `;
  // Converted, it would print "callback said None".
  await refusesLeaf(leaf('        print("callback said", callback(n + 1))'), 'doubled', 'callback-result-used', 6);
  await convertsAlone(leaf('        return callback(n + 1)'), 'doubled');
});

/** A clock of the module's own whose `call_later` takes the function first and the delay after it, unlike the library's. */
const CALLABLE_FIRST_CLOCK = `    import heapq


    class Clock:
        def __init__(self):
            self.now = 0
            self.timers = []

        def call_later(self, fn, delay, *args):
            heapq.heappush(self.timers, (self.now + delay, len(self.timers), fn, args))

        def run(self):
            while self.timers:
                self.now, _, fn, args = heapq.heappop(self.timers)
                fn(*args)


    clock = Clock()`;

test('a slot handed to the module’s own call_later, which takes the function first, is a call of it: with a timeout calling it too, the caller refuses', async () => {
  await refusesLeaf(
    `
${CALLABLE_FIRST_CLOCK}


    class Request:
        def __init__(self):
            self._on_reply = None

        def ask(self, question, on_reply):
            self._on_reply = on_reply
            clock.call_later(self._answer, 1, question)
            clock.call_later(self._expire, 5)

        def _answer(self, question):
            clock.call_later(self._on_reply, 0, question + "? yes")

        def _expire(self):
            callback, self._on_reply = self._on_reply, None
            callback("timed out")


    def ask(question, on_done):
        Request().ask(question, lambda r: on_done(r.upper()))


    ask("rain", print)
    clock.run()
    `,
    'ask',
    'continuation-called-twice',
    39,
  );
});

test('a slot handed to a scheduler of the module’s own under another name is a call of it too: the caller refuses', async () => {
  const source = download('            defer(self._on_done, "got " + url)', TAKE_THEN_CALL('"timed out"')).replace('\n\n    class Download:', '\n\n    def defer(fn, *args):\n        call_soon(fn, *args)\n\n\n    class Download:');
  await refusesLeaf(source, 'fetch_page', 'continuation-called-twice', 32);
});

test('a polling loop re-armed through the module’s own call_later, which takes the function first, converts to a loop', async () => {
  await convertsAlone(
    `
${CALLABLE_FIRST_CLOCK}
    LEVELS = [3, 5, 8, 12]


    def read_level(on_done):
        on_done(LEVELS[min(clock.now // 10, len(LEVELS) - 1)])


    def wait_full(mark, on_done):
        def poll():
            read_level(lambda level: check(level))

        def check(level):
            print("t=" + str(clock.now), level)
            if level >= mark:
                on_done(clock.now)
            else:
                clock.call_later(poll, 10)

        poll()


    wait_full(8, lambda t: print("full at", t))
    clock.run()
    `,
    'wait_full',
  );
});

test('a slot a method calls without taking it out, that method scheduled twice for one start, calls back twice even with a cancel clearing it: the caller refuses', async () => {
  const cancellable = timer('Timer(name)', '            call_later(delay, self._fire)\n            call_later(delay * 2, self._fire)').replace('        def _fire(self):', '        def cancel(self):\n            self._on_fire = None\n\n        def _fire(self):');
  await refusesLeaf(cancellable, 'alarm', 'continuation-called-twice', 26);
});

test('a slot read into a local that is handed to the scheduler is a call of it: with a timeout calling it too, the caller refuses', async () => {
  await refusesLeaf(download('            callback = self._on_done\n            call_soon(callback, "got " + url)', TAKE_THEN_CALL('"timed out"')), 'fetch_page', 'continuation-called-twice', 29);
});

/** A timer made for the call of a subclass whose `_fire` overrides the base's with `override`. */
function subclassedTimer(override: string): string {
  return timer('Snooze(name)').replace('\n\n    def alarm(', `\n\n    class Snooze(Timer):\n        def _fire(self):\n${override}\n\n\n    def alarm(`);
}

test('of a timer made for the call, an override that takes the slot out before calling it is what runs: its caller converts', async () => {
  await convertsAlone(subclassedTimer('            on_fire, self._on_fire = self._on_fire, None\n            on_fire(self.name + " snoozed")'), 'alarm');
});

test('an override that runs the base method it overrides twice through super() calls the slot twice, a cancel clearing it or not: its caller refuses', async () => {
  const twice = subclassedTimer('            super()._fire()\n            super()._fire()');
  await refusesLeaf(twice, 'alarm', 'continuation-called-twice', 28);
  await refusesLeaf(twice.replace('        def _fire(self):\n            self._on_fire', '        def cancel(self):\n            self._on_fire = None\n\n        def _fire(self):\n            self._on_fire'), 'alarm', 'continuation-called-twice', 31);
});

test('a slot made into a partial for the scheduler, or put on the ready queue itself, is a call of it: with a timeout calling it too, the caller refuses', async () => {
  const partial = download('            call_soon(functools.partial(self._on_done, "got " + url))', TAKE_THEN_CALL('"timed out"'));
  await refusesLeaf(`\n    import functools\n${partial}`, 'fetch_page', 'continuation-called-twice', 30);
  await refusesLeaf(download('            ready.append((self._on_done, ("got " + url,)))', TAKE_THEN_CALL('"timed out"')), 'fetch_page', 'continuation-called-twice', 28);
});

test('a callback kept in another object’s table (self.loop.handlers[fd]) is that object’s to call: a loop calling it on every event refuses, though the connection can clear it', async () => {
  await refusesLeaf(
    `
    class Loop:
        def __init__(self):
            self.handlers = {}

        def run(self, events):
            for fd, data in events:
                if fd in self.handlers:
                    self.handlers[fd](data)


    loop = Loop()


    class Connection:
        def __init__(self, fd):
            self.fd = fd
            self.loop = loop

        def on_data(self, callback):
            self.loop.handlers[self.fd] = callback

        def close(self):
            del self.loop.handlers[self.fd]


    def first_message(conn, on_done):
        conn.on_data(lambda data: on_done("got " + data))


    first_message(Connection(3), print)
    loop.run([(3, "hello"), (3, "again")])
    `,
    'first_message',
    'continuation-called-twice',
    27,
  );
});
