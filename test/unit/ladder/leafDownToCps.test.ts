// Back down from the inline-callbacks form: a yielded callback leaf
// (`yield lambda resume: leaf(args, resume)`) gets the rest of the function
// as its callback. The runner took the leaf's first result only, and sent in
// one that came before the leaf returned after the leaf's own code ran; a
// leaf that calls back twice, or goes on after calling back, would run the
// rest twice or too soon, so the step refuses it, naming the line (also
// when the operation is kept in a local name first, `op = lambda …`). An
// operation taking an error callback outside a `try` has no CPS form to be
// started with, and is refused too.
import { test } from 'node:test';
import { INLINE_CALLBACKS_RUNNER } from '../../../extension/engine/ladder/inlineCallbacksRunner';
import { refusesLeaf } from './cpsHelpers';

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
