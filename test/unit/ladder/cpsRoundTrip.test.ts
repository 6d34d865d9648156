// Up the lower ladder and back: direct → CPS → generator → CPS → direct gives
// back the original text exactly (comments, CRLF line breaks, decorators and all).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rung } from '../../../extension/engine/ladder/conversion';
import { converted, python } from './cpsHelpers';

async function roundTrip(source: string): Promise<void> {
  let text = source;
  const printed = python(source);
  for (const rung of ['cps', 'generator', 'cps', 'direct'] as const satisfies readonly Rung[]) {
    text = await converted(text, rung);
    assert.equal(python(text), printed, `the ${rung} form prints the same:\n${text}`);
  }
  assert.equal(text, source);
}

test('nested calls, loops, joins, early returns and comments come back as they were', async () => {
  await roundTrip(`def square(x):
    return x * x


def add(a, b):
    return a + b


def pythagoras(a, b):
    # hypotenuse squared
    return add(square(a), square(b))


def main():
    print(pythagoras(3, 4))
    total = 0
    for i in range(5):
        if i == 3:
            continue
        total += square(i)  # accumulate
    print("total", total)
    if total > 10:
        label = "big"
        print(square(2))
    else:
        label = "small"
    print(label, total)


main()
`);
});

test('static methods and CRLF line breaks survive the round trip', async () => {
  await roundTrip(
    'class Maths:\r\n    @staticmethod\r\n    def square(x):\r\n        return x * x\r\n\r\n    @staticmethod\r\n    def hyp(a, b):\r\n        # sum\r\n        s = Maths.square(a) + Maths.square(b)\r\n        print(s)\r\n        return s\r\n\r\n\r\nMaths.hyp(3, 4)\r\n',
  );
});

test('a blank line before a statement copied as it is stays on every rung', async () => {
  const source = `def fetch(key):
    return key.upper()


def report(keys):
    seen = []

    # one pass over the keys
    for key in keys:
        seen.append(fetch(key))
    first = fetch(keys[0])
    print(first, seen)


report(["a", "b"])
`;
  await roundTrip(source);
  const cps = await converted(source, 'cps');
  assert.match(cps, /seen = \[\]\n\n {4}# one pass over the keys\n/, cps);
});

test('a blank line before a statement CPS splits into a continuation stays on every rung', async () => {
  const source = `def fetch(key):
    return key.upper()


def report(keys):
    seen = []

    first = fetch(keys[0])
    print(first)

    # every key, in order
    for key in keys:
        seen.append(fetch(key))
    print(seen)

    if first == "A":
        label = fetch("yes")
    else:
        label = fetch("no")
    print(label)

    return fetch(label)


print(report(["a", "b"]))
`;
  await roundTrip(source);
  const cps = await converted(source, 'cps');
  // The paragraphs start at the continuation and the join that took the split statements' place.
  assert.match(cps, /seen = \[\]\n\n {4}def after_fetch\d*\(first\):\n/, cps);
  assert.match(cps, /print\(seen\)\n\n {12}def join\(label\):\n/, cps);
  assert.match(cps, /print\(label\)\n\n {16}return /, cps);
});

test('a comment that opens a block (an if, an else, a loop) stays on every rung, where it was', async () => {
  // tree-sitter hangs such a comment on the statement that holds the block, not on the block.
  const source = `def fetch(key):
    return key.upper()


def report(keys, strict):
    total = 0
    for key in keys:
        # one fetch per key
        total += len(fetch(key))
    if strict:
        # strict reports shout
        label = fetch("strict")
    else:
        # the rest whisper
        label = "lax"
    while total < 10:
        # pad to ten
        total += len(fetch("x"))
    print(label, total)


report(["a", "b"], True)
report(["c"], False)
`;
  await roundTrip(source);
  const cps = await converted(source, 'cps');
  for (const comment of ['# one fetch per key', '# strict reports shout', '# the rest whisper', '# pad to ten']) {
    assert.ok(cps.includes(comment), `${comment} in the CPS form:\n${cps}`);
  }
});

test('a comment that opens a try body or a handler around a CPS call stays on every rung, where it was', async () => {
  const source = `def fetch(key):
    return key.upper()


def report(key):
    try:
        # the lookup may fail
        last = fetch(key)
    except AttributeError:
        # not a string
        last = None
    print(last)


report("a")
report(None)
`;
  await roundTrip(source);
  const cps = await converted(source, 'cps');
  assert.match(cps, /try:\n {12}# the lookup may fail\n {12}if error is not None:/, cps);
});

test('a try around a CPS call whose arguments are names, attributes and literals converts, and catches the same', async () => {
  const source = `def fetch(key, scale=1, offset=0):
    return key.upper() * scale + str(offset)


class Box:
    def __init__(self, key):
        self.key = key


def show(box):
    try:
        value = fetch(box.key, scale=2, offset=-1)
    except AttributeError:
        value = None
    print(value)


show(Box("a"))
show(Box(None))
`;
  const cps = await converted(source, 'cps');
  assert.match(cps, /def show\(box, cont\):/, cps);
  assert.equal(python(cps), python(source));
});

test('parameters named like error continuations (`err`, `error`) that are values come back as values', async () => {
  // CPS hands `err` to `cont`, and to a library scheduler in a branch before more code: neither makes it an error continuation.
  await roundTrip(`import atexit


def log_error(err):
    print("logged", err)
    return err


def report(err, retry):
    if retry:
        atexit.register(print, "retrying")
    else:
        atexit.register(print, "gave up on", err)
    return log_error(err)


print(report("timeout", False))
print(report("reset", True))
`);
});

test('a global assigned from a CPS call in a loop is declared once, and the assignment comes back whole', async () => {
  // The continuation CPS splits off declares \`global counter\` again; inlined on the way down it went in after a use.
  await roundTrip(`counter = 0


def bump(n):
    return n + 1


def tally(items):
    global counter
    for item in items:
        counter = bump(counter)
        print(item, counter)
    return counter


print(tally(["a", "b"]))
`);
});

test('a function that returns from inside a try comes back as it was written, not as the local function CPS runs it in', async () => {
  await roundTrip(`def parse_port(text):
    """The port number in text, or None."""
    # ports are small
    try:
        value = int(text)
        if value < 0:
            return None
        return value
    except ValueError:
        return None


print(parse_port("80"))
print(parse_port("-1"), parse_port("x"))
`);
});

test('a multi-line string in a call that moves into a continuation keeps its value: its later lines get no indentation', async () => {
  // Moved two blocks deeper, the string's second line gained the new block's indentation, and the program printed 'A\n            B'.
  await roundTrip(`def shout(text):
    return text.upper()


def banner():
    for i in range(2):
        x = shout("""a
b""")
        print(repr(x), i)
    return shout('''one \\
two''')


print(banner())
`);
});

test('calls spread over lines keep their layout on every rung: the continuation goes in before the closing parenthesis and comes out the same way', async () => {
  await roundTrip(`def describe(name, size, unit="items", *, sep=": "):
    return name + sep + str(size) + " " + unit


def report(names):
    lines = []
    for name in names:
        lines.append(describe(
            name,
            len(name),
            unit="letters",
        ))
    return "\\n".join(lines)


print(report(["alpha", "be"]))
print(describe("total",
               2, sep=" = "))
`);
});

test('a condition spread over lines and a result spread over lines in its own brackets come back as written', async () => {
  // The if's later lines gained the new depth on top of the old one, and the result came back as `return ((...))`.
  await roundTrip(`def scale(n):
    return n * 10


def encode(n, strict=False, pretty=False):
    size = scale(n)
    if (strict and
            pretty):
        return 0
    return dict(
        size=size,
        strict=strict,
    ).items()


print(sorted(encode(2)))
print(encode(3, True, True))
`);
});

test('`return a, b` comes back without brackets, and `return None` where other paths return a value stays explicit (PEP 8)', async () => {
  await roundTrip(`def fetch(key):
    return key * 2


def pair(key):
    a = fetch(key)
    b = fetch(a)
    return a, b


def positive(key):
    v = fetch(key)
    if v < 0:
        return None
    return v


print(pair(1), positive(-1), positive(2))
`);
});

test('a generator expression as the sole argument keeps the call\'s brackets as its own on every rung', async () => {
  const source = `def total(xs):
    return sum(xs)


def show(items):
    t = total(x * 2 for x in items)
    print(t)


show([1, 2, 3])
`;
  await roundTrip(source);
  assert.match(await converted(source, 'cps'), /return total\(\(x \* 2 for x in items\), after_total\)/);
});

test('a return type becomes the type of the continuation where the module imports Callable, and comes back from it', async () => {
  const source = `from typing import Callable


def square(x: int) -> int:
    return x * x


def total(xs: list) -> int:
    return square(xs[0]) + square(xs[1])


print(total([2, 3]))
`;
  const cps = await converted(source, 'cps');
  assert.match(cps, /^def square\(x: int, cont: Callable\[\[int\], None\]\) -> None:$/m);
  assert.match(cps, /^def total\(xs: list, cont: Callable\[\[int\], None\]\) -> None:$/m);
  assert.equal(python(cps), python(source));
  assert.equal(await converted(cps, 'direct'), source);
  // Without the import, the annotation stays as written: a rung adds no import for it.
  assert.match(await converted(source.replace('from typing import Callable\n\n\n', ''), 'cps'), /^def square\(x: int, cont\) -> int:$/m);
});
