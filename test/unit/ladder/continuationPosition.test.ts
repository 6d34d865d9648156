// A continuation parameter that is not last: recognised from how the body
// uses it (every path ends in it, it is only called or handed on), in the
// shapes callback code is written in, while the higher-order functions that
// take a function without being CPS stay what they are.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { continuationParameter, continuationParameters, isCpsFunction, isDirectFunction } from '../../../extension/engine/ladder/continuations';
import { dedent, definition, parse } from '../../helpers/parser';
import { converted, python } from './cpsHelpers';
import { convert } from './ladderHelpers';

const SHAPES = `
import functools

PAGES = {"/": "home", "/about": "about us"}


def fetch(url, callback, timeout):
    if timeout <= 0:
        callback(None)
    else:
        callback(PAGES.get(url))


def op(cb, *args):
    cb(sum(args))


def read(cb, path):
    fetch(path, lambda page: cb(len(page or "")), 5)


def get(url, ok, fail, retries):
    if url not in PAGES:
        fail(KeyError(url))
    else:
        ok(PAGES[url])


def report(cont):
    op(lambda total: read(lambda size: cont(total, size), "/about"), 1, 2, 3)


def deco(f):
    @functools.wraps(f)
    def wrapper(*a):
        return f(*a)
    return wrapper


def map_all(f, items):
    return [f(x) for x in items]


def each(f, items):
    for x in items:
        f(x)


def add_done_callback(fn, future):
    if future.done:
        fn(future)
    else:
        future.callbacks.append(fn)


def trampoline(bounce, limit):
    while callable(bounce):
        bounce = bounce()
    return bounce


def remember(callback, value):
    handlers = [callback]
    handlers[0](value)


def tokenize(text, callback=None, lower=True):
    callback(text.lower().split() if lower else text.split())
`;

test('a continuation before other parameters, before *args, or first is found from how the body calls it', async () => {
  const file = await parse(dedent(SHAPES));
  try {
    const of = (name: string): string | undefined => continuationParameter(file, definition(file, name));
    assert.equal(of('fetch'), 'callback');
    assert.equal(of('op'), 'cb');
    assert.equal(of('read'), 'cb');
    assert.deepEqual(continuationParameters(file, definition(file, 'get')), { cont: 'ok', error: 'fail' });
    for (const name of ['fetch', 'op', 'read', 'get', 'report']) assert.ok(isCpsFunction(file, definition(file, name)), `${name} is CPS`);
    // Decorators, map-like helpers, a registration that stores, a trampoline, a callback kept in a list,
    // and an optional callback (a caller may leave it out) are no CPS functions.
    for (const name of ['deco', 'map_all', 'each', 'add_done_callback', 'trampoline', 'remember', 'tokenize']) {
      assert.equal(isCpsFunction(file, definition(file, name)), false, `${name} is not CPS`);
    }
    assert.ok(isDirectFunction(file, definition(file, 'map_all')), 'a map-like helper stays a direct function');
  } finally {
    file.dispose();
  }
});

test('CPS with the continuation anywhere climbs to generators and comes back down, printing the same', async () => {
  const source = `${SHAPES}

report(lambda total, size: print("total", total, "size", size))
fetch("/", print, 0)
op(print, 4, 5)
get("/nowhere", print, lambda error: print("failed", error), 2)
`;
  const printed = python(dedent(source));
  assert.equal(printed, 'total 6 size 8\nNone\n9\nfailed \'/nowhere\'\n');
  const functions = ['fetch', 'op', 'read', 'get', 'report'];
  const generator = await converted(source, 'generator', { functions });
  assert.match(generator, /^def fetch\(url, timeout\):$/m);
  assert.match(generator, /^def op\(\*args\):$/m);
  assert.match(generator, /^def read\(path\):\n {4}page = yield fetch\(path, 5\)$/m);
  assert.match(generator, /^def get\(url, retries\):\n {4}if url not in PAGES:\n {8}raise KeyError\(url\)$/m);
  assert.equal(python(generator), printed);
  // report hands its continuation two values, which only the generator form can deliver (as a tuple).
  const direct = await converted(source, 'direct', { functions: functions.filter((f) => f !== 'report') });
  assert.match(direct, /^def read\(path\):\n {4}page = fetch\(path, 5\)$/m);
  assert.equal(python(direct), printed);
  // Back down to CPS (the driver passing get an error continuation stays in the generator form).
  const cps = await converted(generator, 'cps', { functions: functions.filter((f) => f !== 'get') });
  assert.match(cps, /^def op\(\*args, cont\):$/m);
  assert.equal(python(cps), printed);
});

const WRITERS = `
import sys


class Checker:
    def __init__(self, verbose):
        self.verbose = verbose

    def report_miss(self, out, name, got):
        out("miss " + name + ": got " + repr(got) + "\\n")

    def report_try(self, out, name):
        if self.verbose:
            out("trying " + name + "\\n")

    def check(self, cases, out=None):
        if out is None:
            out = sys.stdout.write
        for name, got, want in cases:
            self.report_try(out, name)
            if got != want:
                self.report_miss(out, name, got)


def run_later(callback, *args, **kwargs):
    callback(*args, **kwargs)


Checker(True).check([("a", 1, 1), ("b", 2, 3)])
run_later(print, "done", sep=": ")
`;

test("a writer handed text and a function run with its callers' own arguments are no continuations: --to generator and --to direct leave them, naming what they are", async () => {
  const file = await parse(dedent(WRITERS));
  try {
    for (const name of ['Checker.report_miss', 'run_later']) {
      assert.equal(isCpsFunction(file, definition(file, name)), false, `${name} is not CPS`);
      assert.ok(isDirectFunction(file, definition(file, name)), `${name} stays a direct function`);
    }
  } finally {
    file.dispose();
  }
  for (const to of ['generator', 'direct'] as const) {
    const result = await convert(WRITERS, to, { functions: ['Checker.report_miss', 'run_later'] });
    assert.equal(result.text, undefined, `--to ${to} changes nothing`);
    assert.deepEqual(
      result.refused.map((r) => [r.function, r.code]),
      [
        ['Checker.report_miss', 'not-at-rung'],
        ['run_later', 'not-at-rung'],
      ],
    );
    assert.match(result.refused[0]?.message ?? '', /callback/);
  }
  // They are direct functions: --to cps takes them (the module's calls adapted), and the program prints the same.
  const cps = await converted(WRITERS, 'cps', { functions: ['Checker.report_miss', 'Checker.report_try', 'Checker.check', 'run_later'] });
  assert.match(cps, /def report_miss\(self, out, name, got, cont\):/);
  assert.equal(python(cps), python(dedent(WRITERS)));
});
