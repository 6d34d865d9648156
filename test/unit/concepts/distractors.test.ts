// Code that fools naive rules: each case must get no label, or only the right one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelsOf } from '../../helpers/concepts';

test('yield only inside a nested function, lambda or generator expression does not make the outer a generator', async () => {
  const labels = await labelsOf(`
    def outer(items):
        def inner():
            yield 1
        squares = (x * x for x in items)
        producer = lambda: (yield)
        return inner, squares, producer

    class Holder:
        def values(self):
            return [v for v in range(3)]
  `);
  assert.deepEqual(labels, { 'outer.inner': { generator: [3] } });
});

test('__iter__ on something that is really an iterator: iterator (which implies iterable), never only iterable', async () => {
  const labels = await labelsOf(`
    class Lines:
        def __init__(self, text):
            self.rest = text.splitlines()

        def __iter__(self):
            return self

        def __next__(self):
            if not self.rest:
                raise StopIteration
            return self.rest.pop(0)
  `);
  assert.deepEqual(labels, { Lines: { iterator: [5, 6, 8] } });
});

test('a key= function merely passed on is not a callback', async () => {
  const labels = await labelsOf(`
    def by_length(words, key=len):
        return sorted(words, key=key)

    def newest(rows, key):
        rows.sort(key=key, reverse=True)
        return rows[0]

    def pick(rows, key):
        best = max(rows, key=key)
        print(best)
  `);
  for (const name of ['by_length', 'newest', 'pick']) {
    assert.equal(labels[name]?.['callback-style'], undefined, `${name} is not callback-style`);
    assert.equal(labels[name]?.['cps-function'], undefined, `${name} is not CPS`);
  }
  assert.deepEqual(labels, {
    by_length: { 'higher-order-function': [2] },
    newest: { 'higher-order-function': [5] },
    pick: { 'higher-order-function': [9] },
  });
});

test('a lambda never used as a suspended computation is not a thunk', async () => {
  const labels = await labelsOf(`
    from collections import defaultdict

    def tally(words):
        counts = defaultdict(lambda: 0)
        for w in words:
            counts[w] += 1
        ordered = sorted(counts, key=lambda w: -counts[w])
        pick_first = lambda: ordered[0]
        return pick_first()

    def constant():
        return lambda: 42
  `);
  assert.deepEqual(labels, { constant: { 'higher-order-function': [12] } });
});

test('a for loop that is not draining a ready queue is not an event loop', async () => {
  const labels = await labelsOf(`
    def handle_all(items, handle):
        for item in items:
            handle(item)

    def fire(callbacks):
        for callback in callbacks:
            callback()

    def walk(root, visit):
        stack = [root]
        while stack:
            node = stack.pop()
            visit(node)
            stack.extend(node.children)

    def dispatch(events, handlers):
        for event in events:
            handler = handlers.get(event.kind)
            handler(event)

    def reap(finished, callbacks):
        for pid in finished:
            callback = callbacks.pop(pid)
            callback(pid)
  `);
  for (const name of ['handle_all', 'fire', 'walk', 'dispatch', 'reap']) {
    assert.equal(labels[name]?.['event-loop'], undefined, `${name} is not an event loop`);
  }
  assert.deepEqual(labels, {
    handle_all: { 'higher-order-function': [3] },
    walk: { 'higher-order-function': [13] },
  });
});

test('calling a parameter for its value (a plain higher-order function) is not callback style or CPS', async () => {
  const labels = await labelsOf(`
    def twice(f, x):
        return f(f(x))

    def retry(action, attempts):
        for _ in range(attempts):
            try:
                return action()
            except OSError:
                pass
        raise RuntimeError("gave up")
  `);
  assert.deepEqual(labels, { twice: { 'higher-order-function': [2] }, retry: { 'higher-order-function': [7] } });
});
