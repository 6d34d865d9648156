// Inline callbacks → async/await: the exact text, the future adapter inserted
// once and the runner removed, the start rewritten for asyncio.run — and
// python3 printing the same before and after. Leaves the module does not show
// to call back before returning are refused with the reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INLINE_CALLBACKS_RUNNER } from '../../../extension/engine/ladder/inlineCallbacksRunner';
import { HELPER_REGION } from '../../../extension/engine/ladder/moduleInsert';
import { generatorToAsync } from '../../../extension/engine/ladder/conversions/generatorToAsync';
import { inlineCallbacksToAsync } from '../../../extension/engine/ladder/conversions/inlineCallbacksToAsync';
import { callbackAwaitableSource } from '../../../extension/engine/ladder/callbackAwaitable';
import { parse } from '../../helpers/parser';
import { python } from './cpsHelpers';
import { convert, refuses } from './ladderHelpers';

const RUNNER = INLINE_CALLBACKS_RUNNER;
const ADAPTER = callbackAwaitableSource('callback_awaitable', 'asyncio.get_running_loop');
/** The adapter as the rung inserts it: in a region the editor folds. */
const INSERTED_ADAPTER = `${HELPER_REGION}\n${ADAPTER}# endregion\n`;

/** A module in the inline-callbacks form: the runner, then `body`. */
const withRunner = (body: string, header = ''): string => `${header}${RUNNER}\n\n${body}`;

async function convertsAndRuns(source: string, expected: string, options: { runnerName?: string; functions?: string[] } = {}): Promise<string> {
  const result = await convert(source, 'async', options);
  assert.deepEqual(result.refused, [], 'nothing should be refused');
  assert.equal(result.text, expected);
  const before = python(source);
  assert.notEqual(before, '', 'the program must print something');
  assert.equal(python(expected), before, 'the async/await form must print what the inline-callbacks form printed');
  return before;
}

const SHAPES = `@inline_callbacks
def square(x):
    return x * x


def lookup(key, callback):
    # a callback-based leaf that answers before it returns
    callback({"a": 3, "b": 4}[key])


def announce(text, callback):
    print("announce", text)
    log_line(text, callback)


def log_line(text, done):
    print("log", text)
    done()


class Meter:
    @inline_callbacks
    def scaled(self, x):
        s = yield square(x)
        return s * 10


@inline_callbacks
def main():
    a = yield lambda resume: lookup("a", resume)
    b = yield lambda resume: lookup(key="b", callback=resume)
    nothing = yield lambda resume: announce(f"{a}, {b}", resume)
    print("resume with no argument gives", nothing)
    total = (yield square(a)) + (yield square(b))
    print("total", total, "scaled", (yield Meter().scaled(a)))
    return total


main()(lambda _: print("done"))
`;

test('functions, methods, leaves that call back at once and the start become async/await', async () => {
  const expected = `"""Shapes."""
import asyncio


${INSERTED_ADAPTER}

async def square(x):
    return x * x


def lookup(key, callback):
    # a callback-based leaf that answers before it returns
    callback({"a": 3, "b": 4}[key])


def announce(text, callback):
    print("announce", text)
    log_line(text, callback)


def log_line(text, done):
    print("log", text)
    done()


class Meter:
    async def scaled(self, x):
        s = await square(x)
        return s * 10


async def main():
    a = await callback_awaitable(lambda resume: lookup("a", resume))
    b = await callback_awaitable(lambda resume: lookup(key="b", callback=resume))
    nothing = await callback_awaitable(lambda resume: announce(f"{a}, {b}", resume))
    print("resume with no argument gives", nothing)
    total = await square(a) + await square(b)
    print("total", total, "scaled", await Meter().scaled(a))
    return total


asyncio.run(main())
print("done")
`;
  const printed = await convertsAndRuns(withRunner(SHAPES, '"""Shapes."""\n\n\n'), expected);
  assert.match(printed, /resume with no argument gives None\ntotal 25 scaled 90\ndone\n/);
});

test('the start keeps what the continuation does with the result, and asyncio keeps the module\'s spelling', async () => {
  const body = `@inline_callbacks
def answer():
    return 42


answer()(print)
answer()(lambda r: print("got", r))
`;
  const expected = `import asyncio as aio


async def answer():
    return 42


print(aio.run(answer()))
(lambda r: print("got", r))(aio.run(answer()))
`;
  await convertsAndRuns(withRunner(body, 'import asyncio as aio\n\n\n'), expected);
});

test('a renamed runner (runnerName) is found by its source, and a leaf resumed twice counts once', async () => {
  const body = `@ic
def twice():
    got = yield lambda resume: both(resume)
    print("got", got)


def both(callback):
    callback(1)
    callback(2)


twice()(lambda _: None)
`;
  const source = withRunner(body).replace('def inline_callbacks(', 'def ic(');
  const expected = `import asyncio


${INSERTED_ADAPTER}

async def twice():
    got = await callback_awaitable(lambda resume: both(resume))
    print("got", got)


def both(callback):
    callback(1)
    callback(2)


asyncio.run(twice())
`;
  assert.equal(await convertsAndRuns(source, expected), 'got 1\n');
  // No option needed: the renamed runner is recognised by its text.
  await convertsAndRuns(source, expected, { runnerName: 'ic' });
});

test('the inline-callbacks form is this conversion\'s, never the generator → async one\'s', async () => {
  const file = await parse(`import asyncio\n\n${RUNNER}\n\n@inline_callbacks\ndef a():\n    return 1\n\n\n@asyncio.coroutine\ndef b():\n    yield from asyncio.sleep(0)\n`);
  try {
    assert.deepEqual(inlineCallbacksToAsync.candidates(file).map((f) => f.name), ['a']);
    assert.deepEqual(generatorToAsync.candidates(file).map((f) => f.name), ['b']);
  } finally {
    file.dispose();
  }
});

const SCHEDULER = `import heapq

queue = []


def call_later(delay, callback, value=None):
    heapq.heappush(queue, (delay, len(queue), callback, value))


def run():
    while queue:
        _, _, callback, value = heapq.heappop(queue)
        callback(value)


def fetch(item, callback):
    call_later(1, callback, item.upper())


@inline_callbacks
def show(item):
    print((yield lambda resume: fetch(item, resume)))


@inline_callbacks
def main():
    yield show("x")


main()(lambda _: print("done"))
run()
`;

test('a leaf driven by the module\'s own scheduler is refused, and so is everything waiting on it', async () => {
  const source = withRunner(SCHEDULER);
  const result = await refuses(source, 'show', /the leaf `fetch` \(line \d+\) hands its callback on at line \d+: the leaf `call_later` \(line \d+\) does not call its callback outright.*the module's own scheduler `run\(\)` \(line \d+\).*asyncio\.run does not run that scheduler.*move the leaf onto asyncio first/);
  assert.equal(result.text, undefined, 'nothing changes');
  assert.deepEqual(result.converted, []);
  const reasons = new Map(result.refused.map((r) => [r.function, r.message]));
  assert.match(reasons.get('main') ?? '', /yields `show\("x"\)` at line \d+, and show \(line \d+\) stays in the inline-callbacks form/);
  assert.equal(python(source), 'X\ndone\n');
});

test('leaves the module does not show to call back at once are refused with why', async () => {
  const external = withRunner(`import threading


@inline_callbacks
def main():
    yield lambda resume: threading.Timer(0.01, resume).start()


main()(lambda _: None)
`);
  await refuses(external, 'main', /the leaf `threading\.Timer\(0\.01, resume\)\.start` is not a function of this module.*make it awaitable by hand/);
  const foreign = withRunner(`import sched


@inline_callbacks
def main():
    yield lambda resume: sched.enter(1, 1, resume)


main()(lambda _: None)
`);
  await refuses(foreign, 'main', /the leaf `sched\.enter` is not a function of this module.*make it awaitable by hand/);
  const conditional = withRunner(`def maybe(flag, callback):
    if flag:
        callback(1)


@inline_callbacks
def main():
    yield lambda resume: maybe(True, resume)


main()(lambda _: None)
`);
  await refuses(conditional, 'main', /the leaf `maybe` \(line \d+\) does not call its callback outright at line \d+ \(`if flag: callback\(1\)`\)/);
  const early = withRunner(`def early(flag, callback):
    if flag:
        return
    callback(1)


@inline_callbacks
def main():
    yield lambda resume: early(False, resume)


main()(lambda _: None)
`);
  await refuses(early, 'main', /may return at line \d+ before calling its callback/);
});

test('a leaf that keeps its callback with no scheduler to run it, and yields with no await form, are refused', async () => {
  await refuses(withRunner(`stash = []


def later(callback):
    stash.insert(0, callback)


@inline_callbacks
def main():
    yield lambda resume: later(resume)


main()(lambda _: None)
`), 'main', /the leaf `later` \(line \d+\) hands its callback on at line \d+: the leaf `stash\.insert` is not a function of this module/);
  await refuses(withRunner(`slot = {}


def later(callback):
    slot["k"] = callback


@inline_callbacks
def main():
    yield lambda resume: later(resume)


main()(lambda _: None)
`), 'main', /the leaf `later` \(line \d+\) does not call its callback outright at line \d+ \(`slot\["k"\] = callback`\).*asyncio\.run would wait for it forever; move the leaf onto asyncio first/);
  await refuses(withRunner(`def relay(callback):
    callback(1)


@inline_callbacks
def main():
    yield lambda resume: relay(lambda value: resume(value + 1))


main()(lambda _: None)
`), 'main', /the leaf `relay` \(line \d+\) gets its callback wrapped in another expression/);
  const shapes: [string, RegExp][] = [
    ['    yield from other()', /delegates with yield from at line \d+/],
    ['    yield', /has a bare yield at line \d+/],
    ['    yield [1, 2]', /yields `\[1, 2\]` at line \d+, which the module does not show to be an operation/],
    ['    ops = [(yield op) for op in ()]', /has a yield inside a comprehension at line \d+/],
  ];
  for (const [line, reason] of shapes) {
    await refuses(withRunner(`def other():\n    return iter(())\n\n\n@inline_callbacks\ndef main():\n${line}\n\n\nmain()(lambda _: None)\n`), 'main', reason);
  }
});

test('uses other than a yield or the start, a foreign runner and other decorators are refused', async () => {
  await refuses(withRunner(`@inline_callbacks
def f():
    return 1


op = f
op()(print)
`), 'f', /is used as a value at line \d+ \(`op = f`\)/);
  await refuses(withRunner(`@inline_callbacks
def f():
    return 1


def go():
    f()(print)


go()
`), 'f', /is called at line \d+ \(`f\(\)`\) other than by a yield.*module-level start/);
  await refuses(`from helpers import inline_callbacks\n\n\n@inline_callbacks\ndef f():\n    return 1\n\n\nf()(print)\n`, 'f', /not the inline_callbacks runner the CPS → generator rung inserts/);
  await refuses(withRunner(`import functools


@functools.lru_cache
@inline_callbacks
def f():
    return 1


f()(print)
`), 'f', /is also decorated with @functools\.lru_cache/);
});

test('one function alone is refused for its callers; with its callers it converts, and the runner stays while something uses it', async () => {
  const source = withRunner(`@inline_callbacks
def inner():
    return 2


@inline_callbacks
def outer():
    value = yield inner()
    print("value", value)


@inline_callbacks
def elsewhere():
    yield lambda resume: unknown(resume)


def unknown(callback):
    pending.append(callback)


pending = []
outer()(lambda _: None)
`);
  await refuses(source, 'inner', /is yielded by outer \(line \d+\), which would stay in the inline-callbacks form/, 'async', { functions: ['inner'] });
  const result = await convert(source, 'async', { functions: ['inner'], withCallers: true });
  assert.deepEqual(result.converted, ['inner', 'outer']);
  assert.deepEqual(result.refused, []);
  const text = result.text ?? '';
  assert.match(text, /^def inline_callbacks\(/m, 'elsewhere still uses the runner');
  assert.match(text, /^@inline_callbacks\ndef elsewhere\(\):/m);
  assert.match(text, /^async def outer\(\):\n {4}value = await inner\(\)/m);
  assert.match(text, /^asyncio\.run\(outer\(\)\)$/m);
  assert.doesNotMatch(text, /callback_awaitable/, 'no leaf converted, so no adapter');
  assert.equal(python(text), python(source));
  // Everything: elsewhere keeps its callback, so it is refused and the rest converts.
  const all = await convert(source, 'async');
  assert.deepEqual(all.converted, ['inner', 'outer']);
  assert.match(all.refused.find((r) => r.function === 'elsewhere')?.message ?? '', /the leaf `unknown` \(line \d+\) hands its callback on at line \d+: the leaf `pending\.append` is not a function of this module/);
});

test('the adapter: a resume called later, from the running loop, also completes the await', () => {
  const printed = python(`import asyncio\n\n\n${ADAPTER}\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    later = await callback_awaitable(lambda resume: loop.call_later(0.01, resume, "later"))\n    empty = await callback_awaitable(lambda resume: loop.call_soon(resume))\n    now = await callback_awaitable(lambda resume: resume("now"))\n    print(later, empty, now)\n\n\nasyncio.run(main())\n`);
  assert.equal(printed, 'later None now\n');
});

/** A leaf that answers before it returns, through its success or its error callback; it stays as it is. */
const ERRBACK_LEAF = `class Missing(Exception):
    pass


def lookup(key, on_found, on_missing):
    # answers before it returns, through one callback or the other
    if key in ("a", "b"):
        on_found(key.upper())
    else:
        on_missing(Missing(key))
`;

test('a leaf with an error callback is awaited through the adapter, which raises what the leaf hands its error callback; a start with an error continuation becomes try/except/else', async () => {
  const body = `${ERRBACK_LEAF}

@inline_callbacks
def describe(key):
    try:
        found = yield lambda resume, fail: lookup(key, resume, fail)
    except Missing as error:
        return f"missing {error}"
    return f"found {found}"


@inline_callbacks
def strict(key):
    return (yield lambda resume, fail: lookup(key, resume, fail))


describe("a")(print)
describe("z")(print)
strict("b")(print, lambda error: print("failed", repr(error)))
strict("q")(print, lambda error: print("failed", repr(error)))
`;
  const converted = `${ERRBACK_LEAF}

async def describe(key):
    try:
        found = await callback_awaitable(lambda resume, fail: lookup(key, resume, fail))
    except Missing as error:
        return f"missing {error}"
    return f"found {found}"


async def strict(key):
    return await callback_awaitable(lambda resume, fail: lookup(key, resume, fail))


print(asyncio.run(describe("a")))
print(asyncio.run(describe("z")))
try:
    result = asyncio.run(strict("b"))
except Exception as error2:
    (lambda error: print("failed", repr(error)))(error2)
else:
    print(result)
try:
    result2 = asyncio.run(strict("q"))
except Exception as error3:
    (lambda error: print("failed", repr(error)))(error3)
else:
    print(result2)
`;
  const printed = await convertsAndRuns(withRunner(body), `import asyncio\n\n\n${INSERTED_ADAPTER}\n\n${converted}`);
  assert.equal(printed, "found A\nmissing z\nB\nfailed Missing('q')\n");
});

test('a start that may reach either of two converted same-named methods is rewritten once', async () => {
  const body = `class Base:
    @inline_callbacks
    def total(self, x):
        return x + 1


class Scaled:
    @inline_callbacks
    def total(self, x):
        base = yield Base().total(x)
        return base * 3


for box in (Base(), Scaled()):
    box.total(2)(print)
`;
  const printed = await convertsAndRuns(withRunner(body), `import asyncio


class Base:
    async def total(self, x):
        return x + 1


class Scaled:
    async def total(self, x):
        base = await Base().total(x)
        return base * 3


for box in (Base(), Scaled()):
    print(asyncio.run(box.total(2)))
`);
  assert.equal(printed, '3\n9\n');
});

test('the adapter: an error callback called later, from the running loop, raises at the await; only the first outcome counts', () => {
  const printed = python(`import asyncio\n\n\n${ADAPTER}\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    try:\n        await callback_awaitable(lambda resume, fail: loop.call_later(0.01, fail, KeyError("late")))\n    except KeyError as error:\n        print("raised", repr(error))\n    first = await callback_awaitable(lambda resume, fail: (resume(1), fail(ValueError("ignored"))))\n    print(first)\n\n\nasyncio.run(main())\n`);
  assert.equal(printed, "raised KeyError('late')\n1\n");
});

test('CRLF line breaks are kept, the adapter included, and a second conversion reuses the adapter', async () => {
  const source = withRunner(SHAPES).replace(/\n/g, '\r\n');
  const first = await convert(source, 'async', { functions: ['square', 'Meter.scaled'] });
  assert.deepEqual(first.converted, []);
  assert.match(first.refused.map((r) => r.message).join('\n'), /convert this function with its callers/);
  const result = await convert(source, 'async');
  assert.deepEqual(result.refused, []);
  const text = result.text ?? '';
  assert.doesNotMatch(text, /[^\r]\n|\r\r/, 'every line break stays CRLF');
  assert.equal(python(text), python(source));
  // A module that already has the adapter (and another leaf to convert) gets no second copy.
  const more = `${text}\r\n\r\n${RUNNER.replace(/\n/g, '\r\n')}\r\n\r\n@inline_callbacks\r\ndef again():\r\n    got = yield lambda resume: lookup("b", resume)\r\n    print("again", got)\r\n\r\n\r\nagain()(lambda _: None)\r\n`;
  const again = await convert(more, 'async');
  assert.deepEqual(again.converted, ['again']);
  const againText = again.text;
  assert.ok(againText !== undefined, 'the text must change');
  assert.equal(againText.match(/^def callback_awaitable/gm)?.length, 1);
  assert.equal(python(againText), python(more));
});
