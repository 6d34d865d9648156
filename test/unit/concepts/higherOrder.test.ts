import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelsOf } from '../../helpers/concepts';

test('a decorator is higher-order and its wrapper is a closure over the decorated function', async () => {
  const labels = await labelsOf(`
    import functools

    def logged(func):
        @functools.wraps(func)
        def wrapper(*args):
            result = func(*args)
            print(result)
            return result
        return wrapper
  `);
  assert.deepEqual(labels, {
    logged: { 'higher-order-function': [6, 9] },
    'logged.wrapper': { closure: [6] },
  });
});

test('a function factory returns a closure; a parameter passed as key= is a function too', async () => {
  const labels = await labelsOf(`
    def make_adder(n):
        def add(x):
            return x + n
        return add

    def compose(f, g):
        return lambda x: f(g(x))

    def largest(items, key):
        return max(items, key=key)
  `);
  assert.deepEqual(labels, {
    make_adder: { 'higher-order-function': [4] },
    'make_adder.add': { closure: [3] },
    compose: { 'higher-order-function': [7] },
    largest: { 'higher-order-function': [10] },
  });
});

test('nonlocal state in a nested function is closure evidence; a nested function using only its own names is not', async () => {
  const labels = await labelsOf(`
    def counter():
        count = 0
        def bump():
            nonlocal count
            count += 1
            return count
        def pure(x):
            y = x * 2
            return [y for y in range(y)]
        return bump, pure
  `);
  assert.deepEqual(labels, { 'counter.bump': { closure: [4, 5, 6] } });
});

test('callback style: registering the callback, or calling it for effect in place of a return', async () => {
  const labels = await labelsOf(`
    import asyncio

    def later(value, callback):
        asyncio.get_running_loop().call_later(0.1, callback, value)

    class Emitter:
        def __init__(self):
            self._listeners = []

        def subscribe(self, listener):
            self._listeners.append(listener)

    def fetch(url, on_done):
        data = url.upper()
        on_done(data)
        print("requested", url)

    def on_ready(fut, callback):
        fut.add_done_callback(lambda f: callback(f.result()))
  `);
  assert.deepEqual(labels, {
    later: { 'callback-style': [4] },
    'Emitter.subscribe': { 'callback-style': [11] },
    fetch: { 'callback-style': [15] },
    on_ready: { 'callback-style': [19] },
  });
});

test('method receivers and idiomatic global defaults are not callables passed in', async () => {
  const labels = await labelsOf(`
    import heapq, warnings

    class Q:
        def push(self, item, heappush=heapq.heappush):
            heappush(self.items, item)

        def __del__(self, _warn=warnings.warn):
            _warn("unclosed", ResourceWarning)

        def run(self):
            self()
  `);
  assert.deepEqual(labels, {});
});

test('returning a lambda is higher-order, written in the return or bound to a name first', async () => {
  const labels = await labelsOf(`
    def adder(n):
        return lambda x: x + n

    def scaler(k):
        scale = lambda x: x * k
        return scale

    def value(n):
        double = n * 2
        return double
  `);
  assert.deepEqual(labels, {
    adder: { 'higher-order-function': [2] },
    scaler: { 'higher-order-function': [6] },
  });
});
