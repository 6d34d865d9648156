// direct → CPS, construct by construct: the exact text produced, and the same
// output from python3 before and after.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedent } from '../../helpers/parser';
import { converted, goldenRuns, python } from './cpsHelpers';
import { convert, refuses } from './ladderHelpers';
import { TRAMPOLINE_SOURCE } from '../../../extension/engine/ladder/trampolineSource';

/** The expected text of a module whose conversion inserts the trampoline: the helper's region, then `rest`. */
function trampolined(rest: string): string {
  return `# region Concept Lenses helper\n${TRAMPOLINE_SOURCE}# endregion\n\n\n${dedent(rest)}`;
}

const SQUARES = `
    def square(x):
        return x * x


    def add(a, b):
        return a + b
`;

const SQUARES_CPS = `
    def square(x, cont):
        return cont(x * x)


    def add(a, b, cont):
        return cont(a + b)
`;

test('nested calls become nested lambdas, evaluated in order; the tail call passes cont on', async () => {
  await goldenRuns(
    `${SQUARES}

    def hypotenuse_squared(a, b):
        return add(square(a), square(b))
    `,
    `${SQUARES_CPS}

    def hypotenuse_squared(a, b, cont):
        return square(a, lambda square_result: square(b, lambda square_result2: add(square_result, square_result2, cont)))
    `,
    'cps',
    { before: 'print(hypotenuse_squared(3, 4))\n', after: 'hypotenuse_squared(3, 4, print)\n' },
  );
});

test('a rest of one expression is a lambda; a longer rest is a nested def', async () => {
  await goldenRuns(
    `
    def double(x):
        return 2 * x


    def plus_one(n):
        return double(n) + 1


    def show(n):
        d = double(n)
        print("double", d)
        return d + 1
    `,
    `
    def double(x, cont):
        return cont(2 * x)


    def plus_one(n, cont):
        return double(n, lambda double_result: cont(double_result + 1))


    def show(n, cont):
        def after_double(d):
            print("double", d)
            return cont(d + 1)
        return double(n, after_double)
    `,
    'cps',
    { before: 'print(plus_one(4), show(5))\n', after: 'plus_one(4, lambda a: show(5, lambda b: print(a, b)))\n' },
  );
});

test('if/else branches that both continue share one join continuation; new names travel as its parameters', async () => {
  await goldenRuns(
    `
    def double(x):
        return 2 * x


    def classify(n):
        if n > 0:
            label = "positive"
            size = double(n)
        else:
            label = "other"
            size = 0
        print(label, size)
        return size
    `,
    `
    def double(x, cont):
        return cont(2 * x)


    def classify(n, cont):
        def join(label, size):
            print(label, size)
            return cont(size)
        if n > 0:
            label = "positive"
            return double(n, lambda size: join(label, size))
        else:
            label = "other"
            size = 0
            return join(label, size)
    `,
    'cps',
    { before: 'classify(3)\nclassify(-1)\n', after: 'classify(3, lambda _: None)\nclassify(-1, lambda _: None)\n' },
  );
});

test('an early return leaves one way on: the rest goes there, written once, and no join is needed', async () => {
  await goldenRuns(
    `
    def double(x):
        return 2 * x


    def pick(n):
        if n < 0:
            return 0
        else:
            v = double(n)
        print("picked", v)
        return v
    `,
    `
    def double(x, cont):
        return cont(2 * x)


    def pick(n, cont):
        if n < 0:
            return cont(0)
        else:
            def after_double(v):
                print("picked", v)
                return cont(v)
            return double(n, after_double)
    `,
    'cps',
    { before: 'print(pick(-2), pick(21))\n', after: 'pick(-2, lambda a: pick(21, lambda b: print(a, b)))\n' },
  );
});

test('a for loop becomes a recursive local continuation over its iterator; continue, break and updates (nonlocal) carry over', async () => {
  await goldenRuns(
    `
    def double(x):
        return 2 * x


    def total(items):
        s = 0
        for item in items:
            if item < 0:
                continue
            if item > 100:
                break
            s += double(item)
        return s
    `,
    // Each round would be one more nested call: total returns thunks for the trampoline; double, a leaf, stays plain.
    trampolined(`
    def double(x, cont):
        return cont(2 * x)


    def total(items, cont):
        s = 0
        def after_loop():
            return lambda: cont(s)
        items_left = iter(items)
        def loop():
            for item in items_left:
                if item < 0:
                    return lambda: loop()
                if item > 100:
                    return lambda: after_loop()
                def after_double(double_result):
                    nonlocal s
                    s += double_result
                    return lambda: loop()
                return lambda: double(item, after_double)
            return lambda: after_loop()
        return lambda: loop()
    `),
    'cps',
    { before: 'print(total([1, -4, 2, 300, 5]))\n', after: 'trampoline(total([1, -4, 2, 300, 5], print))\n' },
  );
});

test('a while loop re-tests its condition at each round; a reassigned parameter is nonlocal', async () => {
  await goldenRuns(
    `
    def step(n):
        return n - 3


    def countdown(n):
        while n > 0:
            n = step(n)
        return n
    `,
    trampolined(`
    def step(n, cont):
        return cont(n - 3)


    def countdown(n, cont):
        def loop():
            if n > 0:
                def after_step(step_result):
                    nonlocal n
                    n = step_result
                    return lambda: loop()
                return lambda: step(n, after_step)
            return lambda: cont(n)
        return lambda: loop()
    `),
    'cps',
    { before: 'print(countdown(10))\n', after: 'trampoline(countdown(10, print))\n' },
  );
});

test('recursion, and a module-level call whose statement becomes the continuation', async () => {
  await goldenRuns(
    `
    def fact(n):
        if n <= 1:
            return 1
        return n * fact(n - 1)


    print(fact(5))
    `,
    trampolined(`
    def fact(n, cont):
        if n <= 1:
            return lambda: cont(1)
        return lambda: fact(n - 1, lambda fact_result: lambda: cont(n * fact_result))


    trampoline(fact(5, print))
    `),
    'cps',
    { before: '', after: '' },
  );
});

test('a CPS call in an if condition is made first; the if runs in its continuation', async () => {
  await goldenRuns(
    `
    def is_even(n):
        if n == 0:
            return True
        return is_odd(n - 1)


    def is_odd(n):
        if n == 0:
            return False
        return is_even(n - 1)


    def describe(n):
        if is_even(n):
            return "even"
        return "odd"
    `,
    // is_even and is_odd recurse, and describe makes as many calls as they do: all three return thunks.
    trampolined(`
    def is_even(n, cont):
        if n == 0:
            return lambda: cont(True)
        return lambda: is_odd(n - 1, cont)


    def is_odd(n, cont):
        if n == 0:
            return lambda: cont(False)
        return lambda: is_even(n - 1, cont)


    def describe(n, cont):
        def after_is_even(is_even_result):
            if is_even_result:
                return lambda: cont("even")
            return lambda: cont("odd")
        return lambda: is_even(n, after_is_even)
    `),
    'cps',
    { before: 'print(describe(7), describe(10))\n', after: 'trampoline(describe(7, lambda a: lambda: describe(10, lambda b: print(a, b))))\n' },
  );
});

test('methods: self calls pass continuations; the result of a call used only for its effect is dropped', async () => {
  await goldenRuns(
    `
    class Counter:
        def __init__(self):
            self.count = 0

        def bump(self, by):
            self.count += by
            return self.count

        def bump_twice(self, by):
            self.bump(by)
            return self.bump(by)
    `,
    `
    class Counter:
        def __init__(self):
            self.count = 0

        def bump(self, by, cont):
            self.count += by
            return cont(self.count)

        def bump_twice(self, by, cont):
            return self.bump(by, lambda _: self.bump(by, cont))
    `,
    'cps',
    { before: 'print(Counter().bump_twice(4))\n', after: 'Counter().bump_twice(4, print)\n' },
  );
});

test('comments inside the rewritten span stay, in order, next to their statements', async () => {
  await goldenRuns(
    `
    def double(x):
        return 2 * x  # twice


    def report(n):
        # first the double
        d = double(n)  # the only CPS call
        # then the output
        print(d)
    `,
    `
    def double(x, cont):
        return cont(2 * x)  # twice


    def report(n, cont):
        # first the double
        def after_double(d):
            # the only CPS call
            # then the output
            print(d)
            return cont(None)
        return double(n, after_double)
    `,
    'cps',
    { before: 'report(6)\n', after: 'report(6, lambda _: None)\n' },
  );
});

test('a one-shot callback defined just to be passed on the next line is folded into a lambda', async () => {
  await goldenRuns(
    `
    waiting = []


    def later(callback, value):
        waiting.append(lambda: callback(value))


    def announce(name):
        def shout(text):
            print(text.upper())
        later(shout, name)
        return len(name)
    `,
    `
    waiting = []


    def later(callback, value):
        waiting.append(lambda: callback(value))


    def announce(name, cont):
        later(lambda text: print(text.upper()), name)
        return cont(len(name))
    `,
    'cps',
    { before: 'print(announce("ada"))\nwaiting.pop()()\n', after: 'announce("ada", print)\nwaiting.pop()()\n' },
    { functions: ['announce'] },
  );
});

test('--trampoline: every tail call returns a thunk, and the module gets one trampoline to run them', async () => {
  const text = await converted(
    `
    import sys


    def sum_to(n):
        if n == 0:
            return 0
        return n + sum_to(n - 1)


    print(sum_to(int(sys.argv[1]) if len(sys.argv) > 1 else 20000))
    `,
    'cps',
    { trampoline: true },
  );
  assert.equal(text.match(/^def trampoline\(step\):$/gm)?.length, 1);
  assert.ok(text.startsWith('import sys\n\n\n# region Concept Lenses helper\ndef trampoline(step):\n'), 'after the imports, in a region');
  assert.ok(
    text.endsWith(dedent(`
      def sum_to(n, cont):
          if n == 0:
              return lambda: cont(0)
          return lambda: sum_to(n - 1, lambda sum_to_result: lambda: cont(n + sum_to_result))


      trampoline(sum_to(int(sys.argv[1]) if len(sys.argv) > 1 else 20000, print))
      `)),
    text,
  );
  // 20,000 deep is far past the default recursion limit of 1,000.
  assert.equal(python(text), '200010000\n');
});

test('another continuation name; untouched functions and lines are not part of any edit', async () => {
  const source = `
    # a module comment


    def untouched(x):
        return x


    def half(x):
        # halve it
        return x / 2
    `;
  const result = await convert(source, 'cps', { functions: ['half'], continuationName: 'k' });
  assert.deepEqual(result.refused, []);
  assert.equal(result.text, dedent(source).replace('def half(x):', 'def half(x, k):').replace('return x / 2', 'return k(x / 2)'));
  assert.equal(result.edits.length, 2, 'one edit per changed line');
  for (const e of result.edits) assert.ok(!dedent(source).slice(e.start, e.end).includes('#'));
});

test('a body written on the def line moves to lines of its own, so the continuation call stays inside the function', async () => {
  await goldenRuns(
    `
    class Devnull:
        def write(self, msg): pass
        def flush(self): pass


    def log(msg):
        sink = Devnull()
        sink.write(msg)
        sink.flush()
        return len(msg)
    `,
    `
    class Devnull:
        def write(self, msg, cont):
            pass
            return cont(None)
        def flush(self, cont):
            pass
            return cont(None)


    def log(msg, cont):
        sink = Devnull()
        return sink.write(msg, lambda _: sink.flush(lambda _2: cont(len(msg))))
    `,
    'cps',
    { before: 'print(log("hello"))\n', after: 'log("hello", print)\n' },
  );
});

test('a method is not converted while a call of that name may reach another class: a dict\'s get stays a dict\'s get', async () => {
  const source = `
    class Store:
        def get(self, key):
            return key * 2

        def total(self, keys):
            table = {1: 10}
            s = 0
            for k in keys:
                s += self.get(k) + table.get(k, 0)
            return s
  `;
  const result = await refuses(source, 'Store.get', /`table\.get` may call another `get`/, 'cps', { withCallers: true });
  assert.deepEqual(result.refused.map((r) => [r.function, r.code, r.line]), [['Store.get', 'receiver-unknown', 9]]);
});

test('a call through another class\'s same-named method, which stays direct, is not given the converted method\'s continuation', async () => {
  const source = dedent(`
    class Adder:
        def total(self, x):
            return x + 1


    class Doubler:
        def total(self, x):
            return x * 2


    def main():
        print(Adder().total(1))
        print(Doubler().total(2))


    main()
  `);
  const text = await converted(source, 'cps', { functions: ['Adder.total'], withCallers: true });
  assert.match(text, /^ {4}def total\(self, x, cont\):\n {8}return cont\(x \+ 1\)$/m);
  assert.match(text, /print\(Doubler\(\)\.total\(2\)\)/);
  assert.equal(python(text), python(source));
});
