// The CPS predicate on real parses: which parameter a function hands its
// outcome to on every path, the tails that show it, and the shapes that take a
// function without being CPS (decorators, trampolines, stored callbacks).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { continuationOf, parameterCalls } from '../../../extension/engine/python/callbacks';
import { parametersPassed } from '../../../extension/engine/python/parameters';
import { dedent, definition, parse } from '../../helpers/parser';

const SOURCE = `
import functools

def add_one(x, k):
    k(x + 1)

def get(url, ok, fail):
    if not url:
        fail(ValueError(url))
    else:
        fetch(url, lambda page: ok(len(page)))

def apply_then(f, x, k):
    k(f(x))

class Client:
    def send(self, data, callback):
        self.transport.write(data, callback)

def deco(f):
    @functools.wraps(f)
    def wrapper(*a):
        return f(*a)
    return wrapper

def trampoline(bounce):
    while callable(bounce):
        bounce = bounce()
    return bounce

def add_done_callback(self, fn):
    if self.done:
        fn(self)
    else:
        self.callbacks.append(fn)

def schedule(loop, callback):
    loop.call_soon(callback)

def thunk_of(f, x):
    return lambda: f(x)

def stepper(n, k):
    yield k(n)

class Checker:
    def report_miss(self, out, name, got):
        out("miss " + name + ": " + repr(got))

def run_later(callback, *args, **kwargs):
    callback(*args, **kwargs)

def emit(text, end, out):
    out(text + end)

def numbered(x, cont2, *rest):
    cont2(x + len(rest))
`;

test('continuationOf: the continuation parameter, all of them, and the tails that end each path', async () => {
  const file = await parse(dedent(SOURCE));
  const of = (name: string): { parameter: string; parameters: readonly string[]; tails: number[] } | undefined => {
    const found = continuationOf(file, definition(file, name));
    return found && { parameter: found.parameter, parameters: found.parameters, tails: found.tails.map((t) => file.lineOf(t)) };
  };
  assert.deepEqual(of('add_one'), { parameter: 'k', parameters: ['k'], tails: [4] });
  // The last one is the continuation, as the ladder writes it; both are listed.
  assert.deepEqual(of('get'), { parameter: 'fail', parameters: ['ok', 'fail'], tails: [8, 10] });
  // f's result is used: a plain function argument, not a continuation.
  assert.deepEqual(of('apply_then'), { parameter: 'k', parameters: ['k'], tails: [13] });
  // A method: self is not a parameter a caller passes.
  assert.deepEqual(of('Client.send'), { parameter: 'callback', parameters: ['callback'], tails: [17] });
  // Last, a parameter called with the outcome on every path is the continuation whatever its name;
  // elsewhere it must be named as one (a refactor's numbered \`cont2\` is).
  assert.deepEqual(of('emit'), { parameter: 'out', parameters: ['out'], tails: [53] });
  assert.deepEqual(of('numbered'), { parameter: 'cont2', parameters: ['cont2'], tails: [56] });
  // A writer handed text, and a function run with the caller's own *args/**kwargs, are called last
  // on every path too, but hand on no outcome: not CPS.
  for (const notCps of ['deco', 'trampoline', 'add_done_callback', 'schedule', 'thunk_of', 'stepper', 'Checker.report_miss', 'run_later']) {
    assert.equal(of(notCps), undefined, `${notCps} is not CPS`);
  }
  file.dispose();
});

test('parameterCalls: calls of a parameter, deferred when a nested function or lambda makes them, not when it rebinds the name', async () => {
  const file = await parse(
    dedent(`
      def run(f, g, h):
          f(1)
          later(lambda: g(2))
          def inner(h):
              h(3)
          return inner
    `),
  );
  const run = definition(file, 'run');
  const calls = parameterCalls(file, run.node, parametersPassed(run));
  assert.deepEqual(
    calls.map((c) => [c.parameter, file.lineOf(c.call), c.deferred?.type]),
    [
      ['f', 2, undefined],
      ['g', 3, 'lambda'],
    ],
  );
  file.dispose();
});
