import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelsOf } from '../../helpers/concepts';

test('a plain generator: every own yield is evidence', async () => {
  const labels = await labelsOf(`
    def countdown(n):
        while n > 0:
            yield n
            n -= 1
        yield "done"
  `);
  assert.deepEqual(labels, { countdown: { generator: [3, 5] } });
});

test('yield from makes a delegating generator (the plain generator label is implied, not repeated)', async () => {
  const labels = await labelsOf(`
    def chain(first, second):
        yield from first
        yield "between"
        yield from second
  `);
  assert.deepEqual(labels, { chain: { 'delegating-generator': [2, 4] } });
});

test('a generator that uses sent values and handles throw/close is enhanced', async () => {
  const labels = await labelsOf(`
    def averager():
        total = count = 0
        average = None
        while True:
            try:
                value = yield average
            except GeneratorExit:
                return
            total += value
            count += 1
            average = total / count

    def echo():
        while True:
            print((yield))

    def tolerant():
        while True:
            try:
                yield 1
            except ValueError:
                pass
  `);
  assert.deepEqual(labels, {
    averager: { 'enhanced-generator': [6, 7] },
    echo: { 'enhanced-generator': [15] },
    tolerant: { 'enhanced-generator': [21] },
  });
});

test('an except around more than yields catches ordinary errors, so it is not evidence of throw()', async () => {
  const labels = await labelsOf(`
    def lines(path):
        try:
            for line in open(path):
                yield line
        except OSError:
            return
  `);
  assert.deepEqual(labels, { lines: { generator: [4] } });
});

test('a class with __iter__ is iterable; with __next__ and __iter__ returning self it is an iterator (which implies iterable)', async () => {
  const labels = await labelsOf(`
    class Bag:
        def __init__(self, items):
            self.items = list(items)

        def __iter__(self):
            return iter(self.items)

    class Cursor:
        def __init__(self, items):
            self.items, self.i = items, 0

        def __iter__(self):
            return self

        def __next__(self):
            if self.i == len(self.items):
                raise StopIteration
            self.i += 1
            return self.items[self.i - 1]
  `);
  assert.deepEqual(labels, {
    Bag: { iterable: [5] },
    Cursor: { iterator: [12, 13, 15] },
  });
});

test('a __next__ class on collections.abc.Iterator inherits __iter__ and is an iterator', async () => {
  const labels = await labelsOf(`
    import collections.abc

    class Ticks(collections.abc.Iterator):
        def __next__(self):
            return 1
  `);
  assert.deepEqual(labels, { Ticks: { iterator: [3, 4] } });
});
