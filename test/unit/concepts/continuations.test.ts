import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelsOf } from '../../helpers/concepts';

test('CPS: every path ends in a tail call of a continuation; the tail calls are the evidence', async () => {
  const labels = await labelsOf(`
    def add_cps(a, b, cont):
        cont(a + b)

    def div_cps(a, b, cont, on_error):
        if b == 0:
            on_error(ZeroDivisionError("b is zero"))
            return
        cont(a / b)

    def hypot_cps(a, b, cont):
        mul_cps(a, a, lambda a2: mul_cps(b, b, lambda b2: add_cps(a2, b2, cont)))

    def sign_cps(x, k):
        if x < 0:
            return k(-1)
        elif x == 0:
            return k(0)
        else:
            return k(1)
  `);
  assert.deepEqual(labels, {
    add_cps: { 'cps-function': [2] },
    div_cps: { 'cps-function': [6, 8] },
    hypot_cps: { 'cps-function': [11] },
    sign_cps: { 'cps-function': [15, 17, 19] },
  });
});

test('not CPS: a path that returns a value, or falls off the end without continuing', async () => {
  const labels = await labelsOf(`
    def half_cps(x, cont):
        if x % 2:
            return None
        cont(x // 2)

    def maybe(x, cont):
        if x:
            cont(x)

    def apply(f, x):
        return f(x)
  `);
  assert.deepEqual(labels, {
    half_cps: { 'higher-order-function': [4] },
    maybe: { 'callback-style': [8] },
    apply: { 'higher-order-function': [11] },
  });
});

test('trampolined CPS returns thunks of continuing calls and still counts', async () => {
  const labels = await labelsOf(`
    def fact_cps(n, cont):
        if n == 0:
            return cont(1)
        return lambda: fact_cps(n - 1, lambda r: cont(n * r))
  `);
  assert.deepEqual(labels, { fact_cps: { 'cps-function': [3, 4], thunk: [4] } });
});

test('thunks: returned, queued or stored zero-argument lambdas around a call', async () => {
  const labels = await labelsOf(`
    from collections import deque

    def fact(n, acc=1):
        if n == 0:
            return acc
        return lambda: fact(n - 1, acc * n)

    def defer_all(ready, jobs):
        for job in jobs:
            ready.append(lambda job=job: job.run())
        ready.append(lambda: print("all queued"))

    class Lazy:
        def __init__(self, compute):
            self.force = lambda: compute()
  `);
  assert.deepEqual(labels, {
    fact: { thunk: [6] },
    defer_all: { thunk: [11] },
    'Lazy.__init__': { thunk: [15] },
  });
});

test('a trampoline keeps calling what the last call returned', async () => {
  const labels = await labelsOf(`
    def trampoline(step):
        while callable(step):
            step = step()
        return step
  `);
  assert.deepEqual(labels, { trampoline: { trampoline: [2, 3] } });
});

test('a thunk made by a nested def: a zero-argument function around one call, returned or queued', async () => {
  const labels = await labelsOf(`
    def delay(f, x):
        def thunk():
            return f(x)
        return thunk

    def later(ready, job):
        def run():
            job.start()
        ready.append(run)

    def counter():
        n = 0
        def bump():
            nonlocal n
            n += 1
            return n
        return bump
  `);
  assert.deepEqual(labels, {
    delay: { thunk: [2, 4] },
    'delay.thunk': { closure: [3] },
    later: { thunk: [7, 9] },
    'later.run': { closure: [8] },
    // Bumping a counter wraps no call: a closure handed out, not a suspended computation.
    counter: { 'higher-order-function': [17] },
    'counter.bump': { closure: [14, 15, 16] },
  });
});

test('not CPS: a decorator, a trampoline, and a future storing the callback it is given', async () => {
  const labels = await labelsOf(`
    import functools

    def deco(f):
        def wrapper(*a):
            return f(*a)
        return wrapper

    def wraps_it(callback):
        def wrapper(*a):
            return callback(*a)
        return functools.wraps(callback)(wrapper)

    def bind(callback):
        return functools.partial(callback, 1)

    def trampoline(bounce):
        while callable(bounce):
            bounce = bounce()
        return bounce

    class Future:
        def add_done_callback(self, fn):
            if self._done:
                fn(self)
            else:
                self._callbacks.append(fn)
  `);
  assert.deepEqual(labels, {
    deco: { 'higher-order-function': [5, 6] },
    'deco.wrapper': { closure: [5] },
    wraps_it: { 'higher-order-function': [10, 11] },
    'wraps_it.wrapper': { closure: [10] },
    bind: { 'higher-order-function': [14] },
    trampoline: { trampoline: [17, 18] },
    // It stores the callback or calls it now: callback style, never a tail call on every path.
    'Future.add_done_callback': { 'callback-style': [24, 26] },
  });
});
