// The example in the header of conversions/directToCps.ts is what the conversion does;
// the shapes below it (error continuations, keyword-only continuations, module-level
// assignments, returns inside a try) convert exactly so, and print the same under python3.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedent } from '../../../helpers/parser';
import { python } from '../cpsHelpers';
import { convert } from '../ladderHelpers';
import { TRAMPOLINE_SOURCE } from '../../../../extension/engine/ladder/trampolineSource';
import { testHeaderExample } from './headerExample';

testHeaderExample('direct-to-cps', 'directToCps');

/** `source` converts to exactly `expected` with its callers, and both print the same. */
async function convertsTo(source: string, expected: string): Promise<void> {
  const result = await convert(source, 'cps', { withCallers: true });
  assert.deepEqual(result.refused, []);
  assert.equal(result.text, dedent(expected));
  const printed = python(dedent(source));
  assert.notEqual(printed, '');
  assert.equal(python(dedent(expected)), printed);
}

/** The inserted trampoline, indented as the test's other expected lines are. */
const TRAMPOLINE_LINES = TRAMPOLINE_SOURCE.trimEnd().split('\n').join('\n    ');

// The loop over `texts` may run any number of rounds, so `read` returns thunks for the trampoline; `parse`, a leaf, stays plain.
test('try/except/else/finally around a call: the handler sees what the call raises, the else and finally run as before', async () => {
  await convertsTo(`
    def parse(text):
        return int(text)


    def read(texts):
        for text in texts:
            try:
                value = parse(text)
            except ValueError as error:
                print("skip", text, type(error).__name__)
            else:
                print("got", value)
            finally:
                print("done with", text)


    read(["1", "x"])
    `, `
    # region Concept Lenses helper
    ${TRAMPOLINE_LINES}
    # endregion


    def parse(text, cont, on_error=None):
        try:
            result = int(text)
        except BaseException as error:
            if on_error is None:
                raise
            failure = error
        else:
            return cont(result)
        return on_error(failure)


    def read(texts, cont):
        texts_left = iter(texts)
        def loop():
            for text in texts_left:
                def after_parse(value, error2=None):
                    try:
                        if error2 is not None:
                            raise error2
                    except ValueError as error:
                        print("skip", text, type(error).__name__)
                    else:
                        print("got", value)
                    finally:
                        print("done with", text)
                    return lambda: loop()
                return lambda: parse(text, after_parse, lambda error2: after_parse(None, error2))
            return lambda: cont(None)
        return lambda: loop()


    trampoline(read(["1", "x"], lambda _: None))
    `);
});

test('what the continuation raises is not caught by the converted handler', async () => {
  const source = dedent(`
    def parse(text):
        return int(text)


    def checked(text):
        try:
            number = parse(text)
        except ValueError:
            print("handler: bad text")
            number = 0
        if number > 5:
            raise ValueError("too big")
        return number


    def main():
        print(checked("3"), checked("x"))
        value = checked("9")
        print("not reached", value)


    try:
        main()
    except ValueError as error:
        print("outside:", error)
    `);
  const result = await convert(source, 'cps', { withCallers: true });
  assert.deepEqual(result.refused, []);
  const after = result.text ?? '';
  assert.match(after, /def checked\(text, cont\):/);
  assert.equal(python(after), python(source));
  assert.equal(python(after), 'handler: bad text\n3 0\noutside: too big\n');
});

test('a handler that re-raises, an exception the handler does not catch, and a try that returns on every path', async () => {
  const source = dedent(`
    def lookup(table, key):
        return table[key]


    def must_find(table, key):
        try:
            found = lookup(table, key)
        except KeyError:
            print("missing", key)
            raise
        return found


    def safe_ratio(a, b):
        try:
            return lookup({"one": 1}, a) / b
        except KeyError:
            return -1
        finally:
            print("ratio of", a)


    print(safe_ratio("one", 2), safe_ratio("two", 2))
    try:
        must_find({}, "b")
    except KeyError as error:
        print("re-raised", error)
    try:
        safe_ratio("one", 0)
    except ZeroDivisionError:
        print("not caught by KeyError")
    `);
  const result = await convert(source, 'cps', { withCallers: true });
  assert.deepEqual(result.refused, []);
  const after = result.text ?? '';
  assert.match(after, /def lookup\(table, key, cont, on_error=None\):/);
  assert.match(after, /return lookup\(\{"one": 1\}, a, lambda lookup_result: cont\(after_lookup2\(lookup_result\)\), lambda error3: cont\(after_lookup2\(None, error3\)\)\)/);
  const printed = python(source);
  assert.match(printed, /re-raised 'b'\n.*not caught by KeyError\n$/s);
  assert.equal(python(after), printed);
});

test('a leaf that returns inside a try keeps its body as direct code: the continuation runs after the finally', async () => {
  await convertsTo(`
    def parse(text):
        try:
            return int(text)
        except ValueError:
            return 0
        finally:
            print("parsed", text)


    def main():
        print("value", parse("4"))


    main()
    `, `
    def parse(text, cont):
        def parse_body():
            try:
                return int(text)
            except ValueError:
                return 0
            finally:
                print("parsed", text)
        return cont(parse_body())


    def main(cont):
        def after_parse(parse_result):
            print("value", parse_result)
            return cont(None)
        return parse("4", after_parse)


    main(lambda _: None)
    `);
});

test('defaults, *args and **kwargs: the continuation is keyword-only, and every caller passes it by keyword', async () => {
  await convertsTo(`
    def greet(name, greeting="hello"):
        return greeting + ", " + name


    def total(first, *rest):
        return first + sum(rest)


    def describe(kind, **fields):
        return kind + str(sorted(fields.items()))


    def main():
        print(greet("ada"), greet("bob", greeting="hey"))
        print(total(1, 2, 3), total(*[4, 5]))
        print(describe("pen", color="red"))


    main()
    `, `
    def greet(name, greeting="hello", *, cont):
        return cont(greeting + ", " + name)


    def total(first, *rest, cont):
        return cont(first + sum(rest))


    def describe(kind, *, cont, **fields):
        return cont(kind + str(sorted(fields.items())))


    def main(cont):
        def after_greet2(greet_result):
            def after_greet(greet_result2):
                print(greet_result, greet_result2)
                def after_total2(total_result):
                    def after_total(total_result2):
                        print(total_result, total_result2)
                        def after_describe(describe_result):
                            print(describe_result)
                            return cont(None)
                        return describe("pen", color="red", cont=after_describe)
                    return total(*[4, 5], cont=after_total)
                return total(1, 2, 3, cont=after_total2)
            return greet("bob", greeting="hey", cont=after_greet)
        return greet("ada", cont=after_greet2)


    main(lambda _: None)
    `);
});

test('module-level code that needs a result: an assignment gets a named continuation that sets the global', async () => {
  await convertsTo(`
    def scale(x):
        return x * 10


    size = scale(2)
    print(size + 1)
    `, `
    def scale(x, cont):
        return cont(x * 10)


    def after_scale(scale_result):
        global size
        size = scale_result
    scale(2, after_scale)
    print(size + 1)
    `);
});

// ---- the stack: a CPS form that could outgrow it returns thunks for the trampoline ----

/** Converts `source` with its callers; returns the new text, which must print what `source` printed. */
async function convertsAndRuns(source: string, options: { trampoline?: boolean; functions?: string[] } = {}): Promise<string> {
  const result = await convert(source, 'cps', { withCallers: true, ...options });
  assert.deepEqual(result.refused, []);
  const text = result.text ?? '';
  const printed = python(dedent(source));
  assert.notEqual(printed, '');
  assert.equal(python(text), printed);
  return text;
}

/** The text of the definition of `name` in `text` (up to the next top-level line). */
function definitionIn(text: string, name: string): string {
  const match = new RegExp(`^def ${name}\\(.*?(?=^\\S)`, 'ms').exec(`${text}\n!`);
  assert.ok(match, `no definition of ${name}`);
  return match[0];
}

test('a loop of 5,000 rounds over a converted leaf: the loop returns thunks, the leaf stays plain, and the module call runs under the trampoline', async () => {
  const text = await convertsAndRuns(`
    def leaf(x):
        return x + 1


    def total(n):
        s = 0
        for i in range(n):
            s = leaf(s)
        return s


    print(total(5000))
    `);
  assert.equal(text.match(/^def trampoline\(step\):$/gm)?.length, 1);
  assert.equal(definitionIn(text, 'leaf'), 'def leaf(x, cont):\n    return cont(x + 1)\n\n\n');
  assert.match(definitionIn(text, 'total'), /return lambda: leaf\(s, after_leaf\)/);
  assert.match(text, /^trampoline\(total\(5000, print\)\)$/m);
});

test('deep recursion (3,000 levels) and mutual recursion return thunks and print the same', async () => {
  const text = await convertsAndRuns(`
    import sys

    sys.setrecursionlimit(3500)


    def squares(n):
        if n == 0:
            return 0
        return n * n + squares(n - 1)


    def ping(n):
        if n <= 0:
            return "ping"
        return pong(n - 1) + "."


    def pong(n):
        if n <= 0:
            return "pong"
        return ping(n - 2) + ":"


    print(squares(3000), len(ping(4000)))
    `);
  assert.match(definitionIn(text, 'squares'), /return lambda: cont\(0\)/);
  for (const name of ['ping', 'pong']) assert.match(definitionIn(text, name), new RegExp(`return lambda: cont\\("${name}"\\)`), name);
  assert.match(text, /^trampoline\(squares\(3000, lambda (\w+): lambda: ping\(4000, lambda (\w+): print\(\1, len\(\2\)\)\)\)\)$/m);
});

test('no loop, or a loop over a small literal range: the plain CPS form, and no trampoline', async () => {
  const text = await convertsAndRuns(`
    def leaf(x):
        return x + 1


    def ten_rounds():
        s = 0
        for i in range(10):
            s = leaf(s)
        return s


    def twice(x):
        return leaf(leaf(x))


    print(ten_rounds(), twice(1))
    `);
  assert.doesNotMatch(text, /trampoline|lambda: /);
  assert.match(definitionIn(text, 'ten_rounds'), /return leaf\(s, after_leaf\)/);
});

test('a literal range of more rounds than the bound, nested small ranges that multiply past it, and a module that rebinds range all return thunks', async () => {
  const text = await convertsAndRuns(`
    def leaf(x):
        return x + 1


    def many():
        s = 0
        for i in range(2, 5000):
            s = leaf(s)
        return s


    def grid():
        s = 0
        for i in range(50):
            for j in range(50):
                s = leaf(s)
        return s


    print(many(), grid())
    `);
  assert.match(definitionIn(text, 'many'), /return lambda: leaf\(s, after_leaf\)/);
  assert.match(definitionIn(text, 'grid'), /return lambda: leaf\(s, after_leaf\d*\)/);
  const rebound = await convertsAndRuns(`
    def leaf(x):
        return x + 1


    def range(n):
        return [n] * 500


    def few():
        s = 0
        for i in range(3):
            s = leaf(s)
        return s


    print(few())
    `);
  assert.match(definitionIn(rebound, 'few'), /return lambda: leaf\(s, after_leaf\)/);
});

test('under the trampoline, a module-level call hands its result on to a function that returns a callable without running that callable', async () => {
  const text = await convertsAndRuns(`
    def countdown(n):
        if n == 0:
            return "done"
        return countdown(n - 1)


    def announce(word):
        print("announced", word)
        return lambda: print("must not run")


    announce(countdown(900))
    print(countdown(900))
    `, { functions: ['countdown'] });
  assert.match(text, /^trampoline\(countdown\(900, lambda (\w+): \(announce\(\1\), None\)\[1\]\)\)$/m);
  assert.match(text, /^trampoline\(countdown\(900, print\)\)$/m);
});

test('--trampoline still trampolines every converted function, leaves included', async () => {
  const text = await convertsAndRuns(`
    def leaf(x):
        return x + 1


    print(leaf(1))
    `, { trampoline: true });
  assert.match(definitionIn(text, 'leaf'), /return lambda: cont\(x \+ 1\)/);
  assert.match(text, /^trampoline\(leaf\(1, print\)\)$/m);
});
