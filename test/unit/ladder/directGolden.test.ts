// CPS → direct style: every path must call the continuation exactly once, as
// its last act; that call's value becomes the return value. The exact text,
// the same output in python3, and the refusals with their reasons.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedent } from '../../helpers/parser';
import { converted, goldenRuns, python } from './cpsHelpers';
import { refuses } from './ladderHelpers';

test('continuations become results; module-level and CPS callers that stay keep working', async () => {
  await goldenRuns(
    `
    def double(x, cont):
        return cont(2 * x)


    def twice_then(x, cont):
        return double(x, lambda d: double(d, cont))


    def keep_cps(x, cont):
        return double(x, lambda d: cont(d + 1))


    double(3, lambda r: print(r))
    twice_then(5, print)
    `,
    `
    def double(x):
        return 2 * x


    def twice_then(x):
        d = double(x)
        return double(d)


    def keep_cps(x, cont):
        return cont(double(x) + 1)


    print(double(3))
    print(twice_then(5))
    `,
    'direct',
    { before: 'keep_cps(4, print)\n', after: 'keep_cps(4, print)\n' },
    { functions: ['double', 'twice_then'] },
  );
});

test('a caller passing the identity continuation gets the plain call, not an immediately-called lambda', async () => {
  await goldenRuns(
    `
    def fact(n, cont):
        if n == 0:
            return cont(1)
        return fact(n - 1, lambda r: cont(n * r))


    print(fact(5, lambda v: v))
    `,
    `
    def fact(n):
        if n == 0:
            return 1
        r = fact(n - 1)
        return n * r


    print(fact(5))
    `,
    'direct',
    { before: '', after: '' },
  );
});

test('module-level calls chained through continuations fold into one expression when each result is read first; a result read later in a lambda keeps its call', async () => {
  // \`f(1, lambda a: f(2, lambda b: print(a, b)))\`: the inner call comes out as \`print(a, f(2))\`, where \`a\` is read first, so \`f(1)\` takes its place.
  await goldenRuns(
    `
    def step(x, cont):
        print("step", x)
        return cont(x + 1)


    step(1, lambda a: step(2, lambda b: step(3, lambda c: print(a, b, c))))
    step(4, lambda d: print(d, step(5, lambda e: e)))
    step(6, lambda f: step(7, lambda g: (lambda: print("late", f, g))()))
    `,
    `
    def step(x):
        print("step", x)
        return x + 1


    print(step(1), step(2), step(3))
    print(step(4), step(5))
    (lambda f: (lambda g: (lambda: print("late", f, g))())(step(7)))(step(6))
    `,
    'direct',
    { before: '', after: '' },
  );
});

test('a recursive loop continuation and its exit come back as a while loop with continue and break', async () => {
  await goldenRuns(
    `
    def ok(bill, cont):
        return cont(bill < 100)


    def pay_all(bills, cont):
        paid = []
        i = 0
        def after_loop():
            return cont(paid)
        def loop():
            nonlocal i
            if i < len(bills):
                bill = bills[i]
                i += 1
                if bill <= 0:
                    return loop()
                def after_ok(ok_result):
                    if not ok_result:
                        print("stopped at", bill)
                        return after_loop()
                    paid.append(bill)
                    return loop()
                return ok(bill, after_ok)
            return after_loop()
        return loop()
    `,
    `
    def ok(bill):
        return bill < 100


    def pay_all(bills):
        paid = []
        i = 0
        while i < len(bills):
            bill = bills[i]
            i += 1
            if bill <= 0:
                continue
            if not ok(bill):
                print("stopped at", bill)
                break
            paid.append(bill)
        return paid
    `,
    'direct',
    { before: 'pay_all([5, -1, 20, 300, 7], print)\n', after: 'print(pay_all([5, -1, 20, 300, 7]))\n' },
  );
});

test('a join continuation becomes the code after the if; its parameters are assigned on the way', async () => {
  await goldenRuns(
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
        return join("other", 0)
    `,
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
    'direct',
    { before: 'classify(3, print)\nclassify(-3, print)\n', after: 'print(classify(3))\nprint(classify(-3))\n' },
  );
});

test('down from a trampolined CPS module: thunks, the trampoline call and the helper all go', async () => {
  const source = `
    def trampoline(step):
        """Runs a CPS computation whose calls return thunks (zero-argument lambdas)
        instead of calling on: each thunk is called in turn, so however deep the
        computation goes, the stack stays one call deep."""
        while callable(step):
            step = step()
        return step


    def sum_to(n, cont):
        if n == 0:
            return lambda: cont(0)
        return lambda: sum_to(n - 1, lambda sum_to_result: lambda: cont(n + sum_to_result))


    trampoline(sum_to(200, lambda total: print(total)))
    `;
  const text = await converted(source, 'direct');
  assert.equal(text, dedent(`
    def sum_to(n):
        if n == 0:
            return 0
        return n + sum_to(n - 1)


    print(sum_to(200))
    `));
  assert.equal(python(text), python(dedent(source)));
});

test('refusals name the line and what to change', async () => {
  await refuses('def twice(x, cont):\n    cont(x)\n    return cont(x)\n', 'twice', /line 3: the path goes on after calling or passing on the continuation \(line 2\)/, 'direct');
  // Not CPS (a path falls off the end), so named explicitly: the refusal says which path.
  await refuses('def maybe(x, cont):\n    if x:\n        return cont(1)\n', 'maybe', /a path reaches the end of maybe without calling the continuation `cont`/, 'direct', { functions: ['maybe'] });
  await refuses('def pair(x, cont):\n    return cont(x, x)\n', 'pair', /line 2: the continuation is called with 2 values; a function returns one/, 'direct');
  // Storing the continuation is callback style, not CPS: named explicitly, the refusal still says why.
  await refuses('def wait(x, cont):\n    return timers.append(lambda: cont(x))\n', 'wait', /`timers\.append` is a callback-based primitive; direct style has no way to wait for its result \(the generator rung can\)/, 'direct', { functions: ['wait'] });
  await refuses(
    'def leaf(x, cont):\n    return cont(x)\n\n\ndef user(x, cont):\n    return leaf(x, lambda y: cont(y + 1))\n',
    'user',
    /line 6: calls `leaf`, which stays in CPS; convert it to direct style too/,
    'direct',
    { functions: ['user'] },
  );
  await refuses('def store(x, cont):\n    handlers.append(cont)\n    return cont(x)\n', 'store', /line 2: `handlers\.append` is a callback-based primitive/, 'direct');
  await refuses('def guard(x, cont):\n    with lock:\n        return cont(x)\n', 'guard', /line 2: the continuation is used inside `with lock:`, not as the last call of a path/, 'direct');
});

test('an error continuation comes down as `raise`; a handler passed for it becomes try/except, and a caller that stays gets try/except/else', async () => {
  await goldenRuns(
    `
    PAGES = {"home": "welcome"}


    def fetch(url, callback, errback):
        if url not in PAGES:
            return errback(KeyError(url))
        return callback(PAGES[url])


    def render(url, cont):
        def on_fail(error):
            return cont("missing " + str(error))
        return fetch(url, lambda page: cont(page.upper()), on_fail)


    fetch("home", lambda page: print(page.title()), lambda e: print("failed", e))
    `,
    `
    PAGES = {"home": "welcome"}


    def fetch(url):
        if url not in PAGES:
            raise KeyError(url)
        return PAGES[url]


    def render(url):
        try:
            page = fetch(url)
        except Exception as error:
            return "missing " + str(error)
        else:
            return page.upper()


    try:
        fetch_result = fetch("home")
    except Exception as e:
        print("failed", e)
    else:
        print(fetch_result.title())
    `,
    'direct',
    { before: 'render("home", print)\nrender("away", print)\nfetch("away", print, print)\n', after: 'print(render("home"))\nprint(render("away"))\ntry:\n    print(fetch("away"))\nexcept Exception as e:\n    print(e)\n' },
  );
});

test('a caller that stays and passes an error continuation inside an expression refuses: no try statement can stand there', async () => {
  await refuses(
    `
    def fetch(url, callback, errback):
        if not url:
            return errback(ValueError(url))
        return callback(url)


    results = [fetch("a", lambda v: v, lambda e: None)]
    print(results)
    `,
    'fetch',
    /passes an error continuation inside an expression/,
    'direct',
  );
});

test('a continuation argument spread over lines keeps its parentheses after `return`', async () => {
  await goldenRuns(
    `
    def report(done, name, score):
        done("name: " + name +
             " score: " + str(score))
    `,
    `
    def report(name, score):
        return ("name: " + name +
             " score: " + str(score))
    `,
    'direct',
    { before: 'report(print, "ada", 3)\n', after: 'print(report("ada", 3))\n' },
  );
});
