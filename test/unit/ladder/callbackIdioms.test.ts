// Hand-written callback idioms climbing to the inline-callbacks form: the exact
// text each gives (after the inserted runner), and python3 printing the same
// before and after. Plus the shapes whose behaviour a generator cannot keep,
// each refused with its code and line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INLINE_CALLBACKS_RUNNER } from '../../../extension/engine/ladder/inlineCallbacksRunner';
import { HELPER_REGION } from '../../../extension/engine/ladder/moduleInsert';
import { dedent } from '../../helpers/parser';
import { convert } from './ladderHelpers';
import { converted, python, typedCallbacks } from './cpsHelpers';

/** `before` converts to the runner followed by `after` exactly, and both print the same. */
async function climbs(before: string, after: string): Promise<void> {
  const text = await converted(before, 'generator');
  const body = text.slice(text.indexOf('# endregion\n') + '# endregion\n'.length).replace(/^\n+/, '');
  assert.ok(text.includes(`${HELPER_REGION}\n${INLINE_CALLBACKS_RUNNER}# endregion\n`), 'the runner is inserted');
  assert.equal(body, dedent(after).replace(/^\n+/, ''));
  const printed = python(dedent(before));
  assert.notEqual(printed, '');
  assert.equal(python(text), printed);
}

test('`cont(v); return`, `return cont(v)` and a continuation passed on end their paths as `return`s', async () => {
  await climbs(
    `
    def find(key, on_done):
        on_done(key * 2)


    def lookup(key, on_done):
        if key < 0:
            on_done(None)
            return
        if key == 0:
            return on_done(0)
        find(key, on_done)


    lookup(-1, print)
    lookup(0, print)
    lookup(4, print)
`,
    `
    @inline_callbacks
    def find(key):
        return key * 2


    @inline_callbacks
    def lookup(key):
        if key < 0:
            return None
        if key == 0:
            return 0
        return (yield find(key))


    lookup(-1)(print)
    lookup(0)(print)
    lookup(4)(print)
`,
  );
});

test('named inner continuations nested two deep fold back into straight-line code over the earlier result', async () => {
  await climbs(
    `
    def fetch(key, on_done):
        on_done(key * 2)


    def lookup(key, on_done):
        def got(v):
            def again(w):
                on_done(v + w)

            fetch(v, again)

        fetch(key, got)


    lookup(3, print)
`,
    `
    @inline_callbacks
    def fetch(key):
        return key * 2


    @inline_callbacks
    def lookup(key):
        v = yield fetch(key)
        w = yield fetch(v)
        return v + w


    lookup(3)(print)
`,
  );
});

test('a recursive step function over a list becomes a while loop over its state', async () => {
  await climbs(
    `
    def lookup(key, on_done):
        on_done(key + 1)


    def render_many(items, on_done):
        acc = []

        def step(i):
            if i == len(items):
                on_done(acc)
                return
            lookup(items[i], lambda r: (acc.append(r), step(i + 1)))

        step(0)


    render_many([1, 2, 3], print)
`,
    `
    @inline_callbacks
    def lookup(key):
        return key + 1


    @inline_callbacks
    def render_many(items):
        acc = []

        i = 0
        while True:
            if i == len(items):
                return acc
            r = yield lookup(items[i])
            acc.append(r)
            i = i + 1


    render_many([1, 2, 3])(print)
`,
  );
});

test('a polling loop re-armed with call_later becomes a while loop yielding the timer', async () => {
  await climbs(
    `
    import heapq

    timers = []
    readings = [0]


    def call_later(delay, callback):
        heapq.heappush(timers, (delay, len(timers), callback))


    def read(on_done):
        readings[0] += 1
        on_done(readings[0])


    def wait_for(limit, on_done):
        def poll():
            read(lambda n: check(n))

        def check(n):
            print("reading", n)
            if n >= limit:
                on_done(n)
            else:
                call_later(1, poll)

        poll()


    wait_for(3, print)
    while timers:
        heapq.heappop(timers)[2]()
`,
    `
    timers = []
    readings = [0]


    def call_later(delay, callback):
        heapq.heappush(timers, (delay, len(timers), callback))


    @inline_callbacks
    def read():
        readings[0] += 1
        return readings[0]


    @inline_callbacks
    def wait_for(limit):
        while True:
            n = yield read()
            print("reading", n)
            if n >= limit:
                return n
            else:
                yield lambda resume: call_later(1, resume)
                continue


    wait_for(3)(print)
    while timers:
        heapq.heappop(timers)[2]()
`,
  );
});

test('a lambda choosing by a conditional expression between calling back and re-arming the poll becomes if/else in the loop', async () => {
  // A build whose status moves on at every poll, and a timer queue: the leaves, the same on both sides.
  const leaves = `
    timers = []
    states = ["queued", "running", "passed"]


    def call_later(delay, callback):
        timers.append(callback)


    def status(callback):
        timers.append(lambda: callback(states.pop(0)))
`;
  await climbs(
    `${leaves}


    def wait(on_done):
        def check():
            status(lambda state: on_done("build " + state) if state == "passed" else call_later(2, check))

        check()


    wait(print)
    while timers:
        timers.pop(0)()
`,
    `${leaves}


    @inline_callbacks
    def wait():
        while True:
            state = yield lambda resume: status(resume)
            if state == "passed":
                return "build " + state
            else:
                yield lambda resume: call_later(2, resume)
                continue


    wait()(print)
    while timers:
        timers.pop(0)()
`,
  );
});

test("a retry re-armed with asyncio's loop.call_later(delay, attempt, n + 1, delay * 2) yields the timer, which hands the step its values", async () => {
  const program = (retrying: string, calls: string): string => `
    import asyncio

    loop = asyncio.new_event_loop()
    failures = {"db": 2, "cache": 5}


    def connect(host, on_done, on_error):
        failures[host] = failures.get(host, 0) - 1
        if failures[host] >= 0:
            loop.call_soon(on_error, ConnectionError(host + " refused"))
        else:
            loop.call_soon(on_done, host + " up")


${retrying}


    ${calls}
    loop.run_forever()
    loop.close()
`;
  // The import stays above the inserted runner.
  await climbs(
    program(
      `    def connect_retrying(host, tries, on_done, on_error):
        def attempt(n, delay):
            def failed(error):
                print(error, "retry in", delay)
                if n == tries:
                    on_error(error)
                    return
                loop.call_later(delay / 1000, attempt, n + 1, delay * 2)

            connect(host, on_done, failed)

        attempt(1, 1)`,
      'connect_retrying("cache", 1, print, lambda error: print("gave up:", error))\n    connect_retrying("db", 3, lambda up: (print(up), loop.stop()), print)',
    ),
    program(
      `    @inline_callbacks
    def connect_retrying(host, tries):
        n = 1
        delay = 1
        while True:
            try:
                return (yield lambda resume, fail: connect(host, resume, fail))
            except Exception as error:
                print(error, "retry in", delay)
                if n == tries:
                    raise error
                n, delay = yield lambda resume: loop.call_later(delay / 1000, lambda *values: resume(values), n + 1, delay * 2)
                continue`,
      'connect_retrying("cache", 1)(print, lambda error: print("gave up:", error))\n    connect_retrying("db", 3)(lambda up: (print(up), loop.stop()), print)',
    ).replace('    import asyncio\n\n', ''),
  );
});

test('an errback raises; the handler passed beside the success continuation becomes try/except/else around just the yield', async () => {
  await climbs(
    `
    def load(key, callback, errback):
        if key == 3:
            errback(ValueError("bad"))
        else:
            callback(key)


    def show(key, on_result):
        def ok(v):
            on_result(("ok", v))

        def bad(e):
            on_result(("err", str(e)))

        load(key, ok, bad)


    show(3, print)
    show(4, print)
`,
    `
    @inline_callbacks
    def load(key):
        if key == 3:
            raise ValueError("bad")
        else:
            return key


    @inline_callbacks
    def show(key):
        try:
            v = yield load(key)
        except Exception as e:
            return "err", str(e)
        else:
            return "ok", v


    show(3)(print)
    show(4)(print)
`,
  );
});

test('a continuation passed by keyword to a leaf is where the runner puts its resume', async () => {
  await climbs(
    `
    def tokenize(text, lower=True, callback=None):
        callback(text.lower().split() if lower else text.split())


    def count(text, on_done):
        tokenize(text, callback=lambda words: on_done(len(words)))


    count("A b C", on_done=print)
`,
    `
    def tokenize(text, lower=True, callback=None):
        callback(text.lower().split() if lower else text.split())


    @inline_callbacks
    def count(text):
        words = yield lambda resume: tokenize(text, callback=resume)
        return len(words)


    count("A b C")(print)
`,
  );
});

test('a continuation called with several values hands on a tuple the caller unpacks; a start with print spreads it', async () => {
  await climbs(
    `
    def split(pair, cont):
        cont(pair[0], pair[1])


    def swap(pair, cont):
        split(pair, lambda a, b: cont((b, a)))


    split((1, 2), print)
    swap((1, 2), print)
`,
    `
    @inline_callbacks
    def split(pair):
        return pair[0], pair[1]


    @inline_callbacks
    def swap(pair):
        a, b = yield split(pair)
        return b, a


    split((1, 2))(lambda values: print(*values))
    swap((1, 2))(print)
`,
  );
});

/** A hand-written scheduler that keeps what it is given to run later, and a function reporting a failure through it. */
const SCHEDULER = `
    def fail(error):
        print("failed:", error)


    class Later:
        def __init__(self):
            self.ready = []

        def call_later(self, delay, f, *args):
            self.ready.append((f, args))

        def run(self):
            while self.ready:
                f, args = self.ready.pop(0)
                f(*args)`;

test('a parameter named like an errback that is only handed to a scheduler in a branch the function goes on after is a value', async () => {
  // `call_later(0, fail, error)` ends the `else` branch, but `return cont(None)` follows the `if`: `error` is what fail reports, not a continuation.
  // The caller choosing between two CPS calls by a conditional expression climbs as an if/else.
  await climbs(
    `
${SCHEDULER}


    def finish(when_done, error, loop, cont):
        if when_done:
            loop.call_later(0, when_done)
        else:
            loop.call_later(0, fail, error)
        return cont(None)


    def connect(ok, loop, cont):
        return finish(lambda: print("connected"), None, loop, lambda _: cont(1)) if ok else finish(None, "refused", loop, lambda _: cont(0))


    loop = Later()
    connect(True, loop, print)
    connect(False, loop, print)
    loop.run()
`,
    `
${SCHEDULER}


    @inline_callbacks
    def finish(when_done, error, loop):
        if when_done:
            loop.call_later(0, when_done)
        else:
            loop.call_later(0, fail, error)


    @inline_callbacks
    def connect(ok, loop):
        if ok:
            yield finish(lambda: print("connected"), None, loop)
            return 1
        else:
            yield finish(None, "refused", loop)
            return 0


    loop = Later()
    connect(True, loop)(print)
    connect(False, loop)(print)
    loop.run()
`,
  );
});

test('a parameter named like a continuation (`k`) that is handed on as a value is data: the continuation is the one the named inner def calls', async () => {
  await climbs(
    `
    def fetch(key, on_done):
        on_done(key * 2)


    def lookup(k, on_done):
        def got(v):
            print("got", v)
            on_done(v + 1)

        fetch(k, got)


    lookup(3, print)
`,
    `
    @inline_callbacks
    def fetch(key):
        return key * 2


    @inline_callbacks
    def lookup(k):
        v = yield fetch(k)
        print("got", v)
        return v + 1


    lookup(3)(print)
`,
  );
});

const TYPED = typedCallbacks('Callable');

test('annotated continuations are continuations: typed callback code climbs, and drops the return type its generator form no longer has', async () => {
  await climbs(
    TYPED,
    `
    @inline_callbacks
    def fetch(key: int):
        return key * 2


    @inline_callbacks
    def lookup(key: int):
        v = yield fetch(key)
        return v + 1


    lookup(3)(print)
`,
  );
});

test('annotated continuations are continuations: down to direct style, the return type is what the continuation was typed to be handed', async () => {
  const text = await converted(dedent(TYPED), 'direct');
  assert.match(text, /^def fetch\(key: int\) -> int:$/m);
  assert.match(text, /^def lookup\(key: int\) -> int:$/m);
  assert.equal(python(text), python(dedent(TYPED)));
  // What a continuation with no argument types, a nested type, or types the ladder does not read, is handed.
  const other = await converted('from typing import Callable\n\n\ndef ping(done: Callable[[], None]) -> None:\n    done()\n\n\ndef nested(done: Callable[[list[int]], None]) -> None:\n    done([1])\n\n\ndef loose(done: Callable[..., None]) -> None:\n    done(1)\n', 'direct');
  assert.match(other, /^def ping\(\) -> None:$/m);
  assert.match(other, /^def nested\(\) -> list\[int\]:$/m);
  assert.match(other, /^def loose\(\):$/m);
});

test('a continuation that declares a variable global hands the declaration to the function, below its docstring', async () => {
  // Inlined into a loop, \`global total\` after a use of \`total\` would not compile.
  await climbs(
    `
    total = 0


    def fetch(key, cont):
        cont(key * 10)


    def add_up(keys, cont):
        """Adds what each key fetches to the running total."""
        def step(i):
            if i == len(keys):
                cont(total)
                return

            def after(value):
                global total
                total += value
                step(i + 1)

            fetch(keys[i], after)

        step(0)


    add_up([1, 2, 3], print)
    add_up([4], print)
`,
    `
    total = 0


    @inline_callbacks
    def fetch(key):
        return key * 10


    @inline_callbacks
    def add_up(keys):
        """Adds what each key fetches to the running total."""
        global total
        i = 0
        while True:
            if i == len(keys):
                return total

            value = yield fetch(keys[i])
            total += value
            i = i + 1


    add_up([1, 2, 3])(print)
    add_up([4])(print)
`,
  );
});

test('the runner throws an error into the generator from an error callback, also when it arrives from the loop later', () => {
  const program = `${INLINE_CALLBACKS_RUNNER}
ready = []


def fail_later(reason, resume, fail):
    ready.append(lambda: fail(ValueError(reason)))


@inline_callbacks
def inner(key):
    yield lambda resume: ready.append(lambda: resume(None))
    raise KeyError(key)


@inline_callbacks
def outer():
    try:
        yield inner("a")
    except KeyError as error:
        print("caught", error)
    try:
        yield lambda resume, fail: fail_later("b", resume, fail)
    except ValueError as error:
        print("caught", error)
    return "done"


outer()(print, lambda error: print("escaped", error))
inner("c")(print, lambda error: print("handed to fail:", repr(error)))
while ready:
    ready.pop(0)()
`;
  // inner("c") raises on the loop's second turn, before fail_later's error arrives on the third.
  assert.equal(python(program), "caught 'a'\nhanded to fail: KeyError('c')\ncaught b\ndone\n");
});

/** The refusal of `name` on the way to generators has `code` and names a line. */
async function refusesWith(source: string, name: string, code: string): Promise<void> {
  const result = await convert(source, 'generator');
  const refusal = result.refused.find((r) => r.function === name);
  assert.ok(refusal, `${name} should refuse; refused: ${JSON.stringify(result.refused)}`);
  assert.equal(refusal.code, code, refusal.message);
  assert.ok(refusal.line > 0);
  assert.ok(!result.converted.includes(name));
}

test('a leaf that calls its callback twice refuses: a yielded operation delivers one result', async () => {
  await refusesWith(
    `
    def progress(total, on_update):
        on_update(0)
        on_update(total)


    def watch(total, on_done):
        progress(total, lambda p: on_done(p))
`,
    'watch',
    'continuation-called-twice',
  );
});

test('a leaf that goes on after calling back refuses: yielded, its rest would run before the caller', async () => {
  await refusesWith(
    `
    def lookup(key, on_done):
        on_done(key)
        print("after")


    def show(key, on_done):
        lookup(key, lambda v: on_done(v))
`,
    'show',
    'code-after-continuation',
  );
});

test('an errback called with something not shown to be an exception refuses: it cannot be raised', async () => {
  await refusesWith(
    `
    def load(key, callback, errback):
        if key:
            callback(key)
        else:
            errback("no key")
`,
    'load',
    'error-not-exception',
  );
});

test('a step function whose loop body leaves a closure over its state refuses: a loop would change it under the closure', async () => {
  await refusesWith(
    `
    handlers = []


    def fetch(i, on_done):
        on_done(i)


    def arm(n, on_done):
        def step(i):
            if i == n:
                return on_done(n)
            handlers.append(lambda: print(i))
            fetch(i, lambda v: step(i + 1))

        step(0)
`,
    'arm',
    'variable-flow',
  );
});

test('a continuation called with different numbers of values refuses: one result cannot stand for both', async () => {
  await refusesWith(
    `
    def parse(text, cont):
        if ":" in text:
            key, value = text.split(":")
            cont(key, value)
        else:
            cont(text)
`,
    'parse',
    'continuation-arity',
  );
});

test('a leaf that calls back from a local def it hands on once calls back once: its caller converts alone', async () => {
  // `def got(v): on_done(v + 1)` then `fetch(key, got)`: the call in got runs where got is handed, not a second time.
  const source = dedent(`
    def fetch(key, on_done):
        on_done(key * 2)


    def lookup(key, on_done):
        def got(v):
            on_done(v + 1)

        fetch(key, got)


    def total(keys, on_done):
        acc = []

        def step(i):
            if i == len(keys):
                on_done(sum(acc))
                return
            lookup(keys[i], lambda r: (acc.append(r), step(i + 1)))

        step(0)


    total([1, 2, 3], print)
  `);
  const text = await converted(source, 'generator', { functions: ['total'] });
  assert.match(text, /@inline_callbacks\ndef total\(keys\):/);
  assert.match(text, /\ndef lookup\(key, on_done\):/, 'the leaf stays as it is');
  assert.equal(python(text), python(source));
});
