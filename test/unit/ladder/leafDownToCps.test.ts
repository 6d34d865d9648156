// Back down from the inline-callbacks form: a yielded callback leaf
// (`yield lambda resume: leaf(args, resume)`) gets the rest of the function
// as its callback. The runner took the leaf's first result only, and sent in
// one that came before the leaf returned after the leaf's own code ran; a
// leaf that calls back twice, or goes on after calling back, would run the
// rest twice or too soon, so the step refuses it, naming the line (also
// when the operation is kept in a local name first, `op = lambda …`, takes
// its callback first, or is a module function yielded itself). An operation
// held where the module cannot follow it (a subscript, an attribute) is
// refused as unreadable. An operation taking an error callback outside a
// `try` has no CPS form to be started with, and is refused too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INLINE_CALLBACKS_RUNNER } from '../../../extension/engine/ladder/inlineCallbacksRunner';
import { python, refusesLeaf } from './cpsHelpers';
import { convert } from './ladderHelpers';

/** The runner's lines before the program: a refusal's line counts them. */
const RUNNER_LINES = INLINE_CALLBACKS_RUNNER.split('\n').length;

function generatorForm(program: string): string {
  return `${INLINE_CALLBACKS_RUNNER}\n\n${program}`;
}

/** A feed whose `poll` calls back twice from a ready queue, and `headline` waiting on it through `wait` (its lines before the yield). */
function pollingFeed(wait: string): string {
  return generatorForm(`from collections import deque

ready = deque()


def poll(feed, cb):
    ready.append(lambda: cb(feed + ": first"))
    ready.append(lambda: cb(feed + ": second"))


@inline_callbacks
def headline(feed):
${wait}
    return item.upper()


headline("news")(print)
while ready:
    ready.popleft()()
`);
}

test('a yielded leaf that calls back twice from a ready queue refuses: the rest would run twice', async () => {
  await refusesLeaf(pollingFeed('    item = yield lambda resume: poll(feed, resume)'), 'headline', 'continuation-called-twice', RUNNER_LINES + 14, 'cps');
});

test('a leaf operation kept in a local name and yielded through it is read the same way', async () => {
  await refusesLeaf(pollingFeed('    op = lambda resume: poll(feed, resume)\n    item = yield op'), 'headline', 'continuation-called-twice', RUNNER_LINES + 15, 'cps');
});

test('a yielded leaf that goes on after calling back refuses: the rest would run before the leaf finished', async () => {
  await refusesLeaf(
    generatorForm(`def lookup(key, cb):
    cb(key * 2)
    print("lookup done")


@inline_callbacks
def doubled(key):
    value = yield lambda resume: lookup(key, resume)
    print("got", value)
    return value


doubled("ab")(print)
`),
    'doubled',
    'code-after-continuation',
    RUNNER_LINES + 9,
    'cps',
  );
});

test('an operation taking an error callback outside a try refuses: its CPS form would be started without one', async () => {
  await refusesLeaf(
    generatorForm(`def fetch(key, cb, eb):
    if key:
        cb(key.upper())
    else:
        eb(KeyError(key))


@inline_callbacks
def shout(key):
    loud = yield lambda resume, fail: fetch(key, resume, fail)
    return loud + "!"


shout("hey")(print)
`),
    'shout',
    'not-an-operation',
    RUNNER_LINES + 11,
    'cps',
  );
});

test('a leaf operation held in a subscript refuses: the module cannot follow it to how often it calls back', async () => {
  await refusesLeaf(pollingFeed('    ops = {"news": lambda resume: poll(feed, resume)}\n    item = yield ops["news"]'), 'headline', 'unreadable-leaf', RUNNER_LINES + 15, 'cps');
});

/** Leaves the yielded operations are built on, calling back from a ready queue: `poll_twice` twice, `poll_once` once, `poll_each` once per name. */
const FEEDS = `from collections import deque

ready = deque()


def poll_twice(resume):
    ready.append(lambda: resume("first"))
    ready.append(lambda: resume("second"))


def poll_once(resume):
    ready.append(lambda: resume("only"))


def poll_each(resume, *names):
    for name in names:
        ready.append(lambda name=name: resume(name))


class Feeds:
    def __init__(self):
        self.current = poll_twice
`;

/** `headline` yielding `operation`, started and its loop run. */
function yielding(operation: string, start = 'headline()(print)'): string {
  return generatorForm(`${FEEDS}

@inline_callbacks
def headline(*feeds):
    item = yield ${operation}
    return item.upper()


${start}
while ready:
    ready.popleft()()
`);
}

test('a leaf operation held in an attribute refuses: the module cannot follow it to its definition', async () => {
  await refusesLeaf(yielding('feeds[0].current', 'headline(Feeds())(print)'), 'headline', 'unreadable-leaf', RUNNER_LINES + 28, 'cps');
});

test("a module function yielded as the operation itself is read with its first parameter as the callback: one calling back twice refuses", async () => {
  await refusesLeaf(yielding('poll_twice'), 'headline', 'continuation-called-twice', RUNNER_LINES + 28, 'cps');
});

test('a module function yielded as the operation itself that calls back once comes down as called with the rest, printing the same', async () => {
  const source = yielding('poll_once');
  const result = await convert(source, 'cps', { functions: ['headline'] });
  assert.deepEqual(result.refused, []);
  assert.match(result.text ?? '', /return poll_once\(lambda item: cont\(item\.upper\(\)\)\)/);
  assert.equal(python(result.text ?? ''), python(source));
});

test('a yielded leaf that takes its callback first is read in that slot: one calling back twice refuses', async () => {
  await refusesLeaf(yielding('lambda resume: poll_each(resume, "news", "sport")'), 'headline', 'continuation-called-twice', RUNNER_LINES + 28, 'cps');
});

test('a yielded timer whose result is dropped comes down with a continuation whose parameter has a default: the timer calls back with no value, as the runner allowed', async () => {
  const source = generatorForm(`timers = []


def call_later(delay, callback):
    timers.append(callback)


@inline_callbacks
def ticks(n):
    count = 0
    while count < n:
        yield lambda resume: call_later(1, resume)
        count += 1
    return "ticked " + str(count)


ticks(3)(print)
while timers:
    timers.pop(0)()
`);
  const result = await convert(source, 'cps', { functions: ['ticks'] });
  assert.deepEqual(result.refused, []);
  assert.match(result.text ?? '', /\(_\d*=None\)/);
  assert.equal(python(result.text ?? ''), python(source));
});
