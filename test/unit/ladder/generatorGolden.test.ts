// CPS → generators (inline callbacks) and back: the exact text, the runner
// inserted once, leaves kept as callback-based operations, callers adapted —
// and the runner itself checked in python3.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INLINE_CALLBACKS_RUNNER } from '../../../extension/engine/ladder/inlineCallbacksRunner';
import { HELPER_REGION } from '../../../extension/engine/ladder/moduleInsert';
import { conversions } from '../../../extension/engine/ladder/registry';
import { dedent, parse } from '../../helpers/parser';
import { converted, python } from './cpsHelpers';
import { convert, refuses } from './ladderHelpers';

const CPS = `
    def square(x, cont):
        return cont(x * x)


    def add(a, b, cont):
        return cont(a + b)


    def hypotenuse_squared(a, b, cont):
        # both squares, then their sum
        return square(a, lambda sa: square(b, lambda sb: add(sa, sb, cont)))


    hypotenuse_squared(3, 4, print)
`;

const GENERATORS = `
    @inline_callbacks
    def square(x):
        return x * x


    @inline_callbacks
    def add(a, b):
        return a + b


    @inline_callbacks
    def hypotenuse_squared(a, b):
        # both squares, then their sum
        sa = yield square(a)
        sb = yield square(b)
        return (yield add(sa, sb))


    hypotenuse_squared(3, 4)(print)
`;

test('each op(args, lambda x: REST) becomes x = yield op(args); cont(v) becomes return v; the runner comes first', async () => {
  const text = await converted(CPS, 'generator');
  assert.equal(text, `${HELPER_REGION}\n${INLINE_CALLBACKS_RUNNER}# endregion\n\n\n${dedent(GENERATORS)}`);
  assert.equal(python(text), python(dedent(CPS)));
});

test('the runner is inserted once per module, after the imports, and reused when present', async () => {
  const first = await converted(`\n    import math\n${CPS}`, 'generator', { functions: ['square'] });
  assert.ok(first.startsWith(`import math\n\n\n${HELPER_REGION}\n${INLINE_CALLBACKS_RUNNER}# endregion\n`), first.slice(0, 200));
  const file = await parse(first);
  const again = await converted(file.text, 'generator', { functions: ['add', 'hypotenuse_squared'] });
  file.dispose();
  assert.equal(again.split('def inline_callbacks(').length, 2, 'exactly one runner');
  assert.equal(python(again), '25\n');
});

test('a callback-based leaf stays as it is and is yielded as an operation; callers that stay CPS call the operation', async () => {
  const source = `
    pending = []


    def fetch(key, callback):
        pending.append(lambda: callback(len(key)))


    def size_of(key, cont):
        return fetch(key, lambda n: cont(n * 10))


    def report(key, cont):
        return size_of(key, lambda size: cont(print(key, size)))


    report("abc", lambda _: print("done"))
    while pending:
        pending.pop(0)()
    `;
  const text = await converted(source, 'generator', { functions: ['size_of'] });
  assert.ok(text.endsWith(dedent(`
    def fetch(key, callback):
        pending.append(lambda: callback(len(key)))


    @inline_callbacks
    def size_of(key):
        n = yield lambda resume: fetch(key, resume)
        return n * 10


    def report(key, cont):
        return size_of(key)(lambda size: cont(print(key, size)))


    report("abc", lambda _: print("done"))
    while pending:
        pending.pop(0)()
    `)), text);
  assert.equal(python(text), python(dedent(source)));
});

test('joins and loops in CPS come back as if/else and for loops with yields', async () => {
  const source = `
    def double(x, cont):
        return cont(2 * x)


    def total(items, cont):
        s = 0
        def after_loop():
            return cont(s)
        items_left = iter(items)
        def loop():
            for item in items_left:
                if item > 100:
                    return after_loop()
                def after_double(double_result):
                    nonlocal s
                    s += double_result
                    return loop()
                return double(item, after_double)
            return after_loop()
        return loop()


    def classify(n, cont):
        def join(label):
            return cont(label)
        if n > 0:
            return total([n, n], lambda t: join(f"big {t}"))
        else:
            return join("small")


    total([1, 2, 300, 4], print)
    classify(5, print)
    classify(-5, print)
    `;
  const text = await converted(source, 'generator');
  assert.ok(text.endsWith(dedent(`
    @inline_callbacks
    def total(items):
        s = 0
        for item in items:
            if item > 100:
                break
            double_result = yield double(item)
            s += double_result
        return s


    @inline_callbacks
    def classify(n):
        if n > 0:
            t = yield total([n, n])
            label = f"big {t}"
        else:
            label = "small"
        return label


    total([1, 2, 300, 4])(print)
    classify(5)(print)
    classify(-5)(print)
    `)), text);
  assert.equal(python(text), python(dedent(source)));
});

test('a while loop left from inside a continuation (`return after_loop()` after a CPS call) keeps its break', async () => {
  const source = `
    def sq(x, cont):
        return cont(x * x)


    def first_big(n, cont):
        i = 0
        def after_loop():
            return cont(i)
        def loop():
            nonlocal i
            if i < n:
                i += 1
                def after_sq(sq_result):
                    if sq_result > 5:
                        return after_loop()
                    return loop()
                return sq(i, after_sq)
            return after_loop()
        return loop()


    first_big(10, print)
    `;
  const text = await converted(source, 'generator');
  assert.ok(text.endsWith(dedent(`
    @inline_callbacks
    def first_big(n):
        i = 0
        while i < n:
            i += 1
            sq_result = yield sq(i)
            if sq_result > 5:
                break
        return i


    first_big(10)(print)
    `)), text);
  assert.equal(python(text), '3\n');
});

test('generator → CPS: yields become continuations again, the unused runner goes, yielding callers get an operation', async () => {
  const source = `${INLINE_CALLBACKS_RUNNER}\n\n${dedent(GENERATORS)}`;
  const text = await converted(source, 'cps', { functions: ['square', 'add'] });
  assert.ok(text.includes('def square(x, cont):\n    return cont(x * x)\n'));
  assert.ok(text.includes('sa = yield lambda resume: square(a, resume)\n    sb = yield lambda resume: square(b, resume)\n    return (yield lambda resume: add(sa, sb, resume))\n'), text);
  assert.equal(python(text), '25\n');
  const all = await converted(source, 'cps');
  assert.ok(!all.includes('inline_callbacks'), 'no function needs the runner any more');
  assert.ok(all.endsWith(dedent(`
    def hypotenuse_squared(a, b, cont):
        # both squares, then their sum
        return square(a, lambda sa: square(b, lambda sb: add(sa, sb, cont)))


    hypotenuse_squared(3, 4, print)
    `)), all);
});

test('generator → CPS: a start nested in another start\'s continuation, or in a yielding function\'s arguments, at module level: each is adapted where it stands', async () => {
  // Each \`f(x)(k)\` loses its \`)(\` in place, so the one inside k is adapted too (the two edits overlapped: an internal error).
  const source = `${INLINE_CALLBACKS_RUNNER}\n\n${dedent(`
    @inline_callbacks
    def double(x):
        return x * 2


    @inline_callbacks
    def caller(n):
        return (yield double(n)) + 1


    double(1)(lambda a: double(a,)(lambda b: print(a, b)))
    caller(double(2)(lambda c: c))(print)
    `)}`;
  const text = await converted(source, 'cps');
  assert.ok(text.includes('double(1, lambda a: double(a, lambda b: print(a, b)))\n'), text);
  assert.ok(text.includes('caller(double(2, lambda c: c), print)\n'), text);
  assert.equal(python(text), python(source));
  assert.equal(python(text), '2 4\n9\n');
});

test('generator → CPS: two classes\' same-named methods are two functions, and each call is adapted once, for the class it reaches', async () => {
  const source = `${INLINE_CALLBACKS_RUNNER}\n\n${dedent(`
    class Base:
        def __init__(self, base):
            self.base = base

        @inline_callbacks
        def total(self, x):
            return self.base + x


    class Scaled:
        def __init__(self, base):
            self.base = base

        @inline_callbacks
        def total(self, x):
            t = yield Base(1).total(x)
            return self.base * t


    def main(cont):
        def after_base(b):
            print("base", b)
            return Scaled(3).total(2)(lambda s: cont(print("scaled", s)))
        return Base(1).total(1)(after_base)


    main(lambda _: None)
    `)}`;
  const text = await converted(source, 'cps');
  assert.ok(text.endsWith(dedent(`
    def main(cont):
        def after_base(b):
            print("base", b)
            return Scaled(3).total(2, lambda s: cont(print("scaled", s)))
        return Base(1).total(1, after_base)


    main(lambda _: None)
    `)), text);
  assert.equal(python(text), python(source));
  assert.equal(python(text), 'base 2\nscaled 9\n');
  // A receiver the module cannot type may reach either `total`, or another object's (a Counter has one): neither converts.
  const either = `${source}\n\nfor box in (Base(1), Scaled(3)):\n    box.total(2)(print)\n`;
  const refused = await convert(either, 'cps');
  const line = either.split('\n').findIndex((l) => l.includes('box.total(2)(print)')) + 1;
  assert.deepEqual(refused.refused.map((r) => `${r.function}:${r.code}:${String(r.line)}`).sort(), [`Base.total:receiver-unknown:${String(line)}`, `Scaled.total:receiver-unknown:${String(line)}`]);
  assert.equal(refused.text, undefined, 'nothing changes');
});

test('generator → CPS: a try around a yielded function that waits on nothing gives it an error continuation, on_error after cont, as direct → CPS does', async () => {
  const source = `${INLINE_CALLBACKS_RUNNER}\n\n${dedent(`
    class Missing(Exception):
        pass


    @inline_callbacks
    def fetch(key):
        if key == "z":
            raise Missing(key)
        return key.upper()


    @inline_callbacks
    def describe(key):
        try:
            value = yield fetch(key)
        except Missing as error:
            return f"missing {error}"
        else:
            return f"found {value}"


    describe("a")(print)
    describe("z")(print)
    `)}`;
  const text = await converted(source, 'cps');
  assert.match(text, /^def fetch\(key, cont, on_error=None\):$/m);
  assert.match(text, /^ {4}return fetch\(key, lambda value: cont\(after_fetch\(value\)\), lambda error2: cont\(after_fetch\(None, error2\)\)\)$/m);
  assert.equal(python(text), python(source));
  assert.equal(python(text), 'found A\nmissing z\n');
  const named = await converted(source, 'cps', { errorContinuationName: 'failed' });
  assert.match(named, /^def fetch\(key, cont, failed=None\):$/m);
  assert.equal(python(named), 'found A\nmissing z\n');
});

test('generator → CPS refuses what is not an inline-callbacks operation', async () => {
  const runner = `${INLINE_CALLBACKS_RUNNER}\n\n`;
  await refuses(`${runner}@inline_callbacks\ndef relay(items):\n    yield from items\n`, 'relay', /`yield from` delegates to another generator/, 'cps');
  await refuses(`${runner}@inline_callbacks\ndef pause():\n    yield\n    return 1\n`, 'pause', /a bare `yield` gives the runner no operation to start/, 'cps');
  await refuses(`${runner}def answer(resume):\n    resume(42)\n\n\n@inline_callbacks\ndef guarded():\n    try:\n        v = yield answer\n    except ValueError:\n        v = 0\n    return v\n`, 'guarded', /a `try` around a CPS call/, 'cps');
});

test('the conversions that reach one rung never claim the same function', async () => {
  const file = await parse(dedent(`
    import types


    def direct(x):
        return x + 1


    def cps(x, cont):
        return cont(x + 1)


    @inline_callbacks
    def inline(x):
        y = yield cps(x)
        return y


    @types.coroutine
    def legacy():
        yield


    async def native():
        return 1
  `));
  for (const rung of ['direct', 'cps', 'generator', 'async'] as const) {
    const claims = conversions.filter((c) => c.to === rung).flatMap((c) => c.candidates(file).map((f) => `${f.name} by ${c.id}`));
    const names = claims.map((c) => c.split(' ')[0]);
    assert.equal(new Set(names).size, names.length, `${rung}: ${claims.join(', ')}`);
  }
  file.dispose();
});

test('the runner: errors thrown in, results arriving later, and 100,000 synchronous results on a flat stack', () => {
  const program = `${INLINE_CALLBACKS_RUNNER}
later = []


def fail(cont):
    raise ValueError("no luck")


@inline_callbacks
def careful():
    try:
        yield fail
    except ValueError as error:
        print("caught", error)
    value = yield lambda resume: later.append(lambda: resume(7))
    return value * 6


@inline_callbacks
def count(n):
    total = 0
    for i in range(n):
        total += yield lambda resume: resume(i)
    return total


careful()(lambda v: print("careful", v))
print("waiting")
later.pop()()
count(100000)(lambda v: print("count", v))
`;
  assert.equal(python(program), 'caught no luck\nwaiting\ncareful 42\ncount 4999950000\n');
});

test('a keyword-only continuation goes, and the bare `*` before the other keyword-only parameters stays', async () => {
  const cps = `
    def scaled(x, step=3, *, label="s", cont):
        return cont(x * step + len(label))


    def main(cont):
        def after(v):
            print(v)
            return cont(None)
        return scaled(3, label="longer", cont=after)


    main(lambda _: None)
  `;
  const text = await converted(cps, 'generator');
  assert.match(text, /^def scaled\(x, step=3, \*, label="s"\):$/m);
  assert.equal(python(text), python(dedent(cps)));
});
