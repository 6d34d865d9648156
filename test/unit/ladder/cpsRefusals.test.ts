// direct → CPS refuses what it cannot convert safely, with a reason the user
// can act on, and leaves the refused functions exactly as they were.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedent } from '../../helpers/parser';
import { convert, refuses } from './ladderHelpers';

const FETCH = `
    def fetch(key):
        return key * 2

`;

async function refusesUntouched(body: string, name: string, reason: RegExp, options = {}): Promise<void> {
  const source = FETCH + body;
  const result = await refuses(source, name, reason, 'cps', { functions: [name, 'fetch'], ...options });
  const text = result.text ?? dedent(source);
  const def = new RegExp(`\\ndef ${name}\\([^)]*\\):[\\s\\S]*$`).exec(dedent(source))?.[0] ?? '';
  assert.ok(text.includes(def.trimEnd()), `${name} must be left as it was:\n${text}`);
}

test('a try around a CPS call whose argument may raise: the argument would be worked out outside the try', async () => {
  // `fetch(keys[-1], after, on_error)` evaluates `keys[-1]` before fetch runs, where the handler no longer catches its IndexError.
  await refusesUntouched(`
    def last_of(keys):
        try:
            v = fetch(keys[-1])
        except IndexError:
            v = None
        return v
    `, 'last_of', /line 6: `keys\[-1\]` is worked out before the call, and once the call takes an error continuation that happens outside the `try`/);
  await refusesUntouched(`
    def labelled(k):
        try:
            v = fetch(f"{k.name}-key")
        except AttributeError:
            v = None
        return v
    `, 'labelled', /`\{k\.name\}` is worked out before the call/);
});

test('a try around a CPS call that is not the first statement of its body, or a second CPS call in it', async () => {
  await refusesUntouched(`
    def guarded(k):
        try:
            print("looking up", k)
            v = fetch(k)
        except KeyError:
            v = None
        return v
    `, 'guarded', /line 6: a `try` around a CPS call converts when its body starts with the one CPS call it makes; `fetch\(k\)` is not that call/);
  await refusesUntouched(`
    def twice(k):
        try:
            v = fetch(k)
            w = fetch(v)
        except KeyError:
            w = None
        return w
    `, 'twice', /`fetch\(v\)` is not that call/);
});

test('a return inside a try of a function that also calls CPS functions', async () => {
  await refusesUntouched(`
    def parse(k):
        v = fetch(k)
        try:
            return int(v)
        except ValueError:
            return 0
    `, 'parse', /line 8: `return int\(v\)` inside a `try` would call the continuation inside it/);
});

test('a with block around a CPS call would close too early', async () => {
  await refusesUntouched(`
    def locked(lock, k):
        with lock:
            v = fetch(k)
        return v
    `, 'locked', /`with` block around a CPS call would close before the continuation runs/);
});

test('CPS calls inside a lambda or a comprehension have no rest to continue with', async () => {
  await refusesUntouched(`
    def all_of(keys):
        return [fetch(k) for k in keys]
    `, 'all_of', /`fetch\(k\)` is inside a comprehension.*move it out first/);
  await refusesUntouched(`
    def later(k):
        return lambda: fetch(k)
    `, 'later', /inside a lambda/);
});

test('a CPS call that runs only on some evaluations (and/or, if-else expressions)', async () => {
  await refusesUntouched(`
    def either(k):
        return k or fetch(1)
    `, 'either', /`fetch\(1\)` runs only on some evaluations of `k or fetch\(1\)`; write it as an `if` statement first/);
});

test('a call that used to run before the CPS call in the same statement', async () => {
  await refusesUntouched(`
    def noisy(k):
        return print("first") or 0 + fetch(k) if k else 0
    `, 'noisy', /runs only on some evaluations/);
  await refusesUntouched(`
    def ordered(k):
        return max(len(str(k)), 1) + fetch(k)
    `, 'ordered', /`str\(k\)` runs before `fetch\(k\)` in the same statement.*assign it to a variable first/);
});

test('a name first assigned on only some paths of an if, then used after it', async () => {
  await refusesUntouched(`
    def maybe(k):
        if k:
            v = fetch(k)
        return v
    `, 'maybe', /`v` is assigned on only some paths through this `if` and used after it; give it a value before the `if`/);
});

test('a loop variable first assigned inside the loop and read after it', async () => {
  await refusesUntouched(`
    def last(keys):
        for k in keys:
            v = fetch(k)
        return v
    `, 'last', /`v` is first assigned inside this loop and used after it; give it a value before the loop/);
});

test('CPS calls in a while condition, an elif condition, and loops with else', async () => {
  await refusesUntouched(`
    def spin(k):
        while fetch(k) < 10:
            k += 1
        return k
    `, 'spin', /a CPS call in a `while` condition/);
  await refusesUntouched(`
    def pick(k):
        if k < 0:
            return 0
        elif fetch(k) > 4:
            return 1
        return 2
    `, 'pick', /a CPS call in an `elif` condition; nest it as `else: if \.\.\.` first/);
  await refusesUntouched(`
    def search(keys):
        for k in keys:
            if fetch(k) > 4:
                break
        else:
            return None
        return k
    `, 'search', /a loop with an `else` clause/);
});

test('a caller left in direct style: refused unless converted with its callers', async () => {
  const source = `${FETCH}
    def use(k):
        return fetch(k) + 1
    `;
  await refuses(source, 'fetch', /called by use \(line 5\), which would stay in direct style and get no result back; convert it with its callers/, 'cps', { functions: ['fetch'] });
  const result = await convert(source, 'cps', { functions: ['fetch'], withCallers: true });
  assert.deepEqual([...result.converted].sort(), ['fetch', 'use']);
  assert.deepEqual(result.refused, []);
});

test('a function used as a value, and a result assigned at module level', async () => {
  await refuses(`${FETCH}
    values = list(map(fetch, [1, 2]))
    `, 'fetch', /line 5: `fetch` is used as a value, not called/, 'cps');
  await refuses(`${FETCH}
    value = fetch(2) + fetch(3)
    `, 'fetch', /module-level `value = fetch\(2\) \+ fetch\(3\)` needs the result of more than one CPS call.*move it into a function/, 'cps');
});

test('a refusal of a caller refuses the callee it would have broken, naming the reason', async () => {
  const result = await convert(`${FETCH}
    def guarded(k):
        try:
            print("looking up", k)
            return fetch(k)
        except KeyError:
            return None
    `, 'cps', { functions: ['fetch'], withCallers: true });
  assert.equal(result.text, undefined, 'nothing changes');
  assert.match(result.refused.find((r) => r.function === 'fetch')?.message ?? '', /called by guarded \(line 5\), which cannot be converted: line 6: a `try` around a CPS call converts when/);
});

test('a multi-line string that would have to move into a continuation (its text would change)', async () => {
  await refusesUntouched(`
    def banner(k):
        v = fetch(k)
        print("""value:
    """, v)
        return v
    `, 'banner', /the multi-line string at line 7 would change if its statement moved into a continuation/);
});

test('a method a lookup by name in its class may find: by a prefix, or by a name the code does not show', async () => {
  const source = `
    class Bot:
        def on_ping(self, x):
            return x

        def ping(self, x):
            return x

        def handle(self, kind, x):
            return getattr(self, "on_" + kind)(x)

        def run(self, what, x):
            return getattr(self, what)(x)
    `;
  const result = await convert(source, 'cps', { functions: ['Bot.on_ping', 'Bot.ping'] });
  assert.deepEqual(result.refused.map((r) => `${r.function}:${r.code}:${String(r.line)}`), ['Bot.on_ping:used-as-value:9', 'Bot.ping:used-as-value:12']);
  assert.equal(result.text, undefined, 'nothing changes');
});

test('an override and the method it overrides convert together or not at all', async () => {
  const source = `
    class Shape:
        def area(self, x):
            return x + 1

        def report(self):
            return self.area(1)


    class Square(Shape):
        def area(self, x):
            return x * 10
    `;
  const alone = await convert(source, 'cps', { functions: ['Shape.area'], withCallers: true });
  assert.deepEqual(alone.refused.map((r) => `${r.function}:${r.code}:${String(r.line)}`), ['Shape.area:overridden:10']);
  assert.equal(alone.text, undefined, 'nothing changes');
  const both = await convert(source, 'cps', { functions: ['Shape.area', 'Square.area'], withCallers: true });
  assert.deepEqual([...both.converted].sort(), ['Shape.area', 'Shape.report', 'Square.area']);
});

test('a method called on an untyped receiver converts only when nothing else can have a method of that name', async () => {
  const source = `
    class Box:
        def get(self):
            return 1

        def weigh(self):
            return 2


    def peek(table):
        return table.get("k")


    def scale(box: Box, thing):
        first = box.get()
        return first + thing.weigh()
    `;
  const noProject = await convert(source, 'cps', { functions: ['Box.weigh'], withCallers: true });
  assert.deepEqual(noProject.refused.map((r) => `${r.function}:${r.code}:${String(r.line)}`), ['Box.weigh:receiver-unknown:15'], 'without the project nothing proves it');
  const project = { usesElsewhere: () => [], callsCoroutineElsewhere: () => false, definesMethodElsewhere: () => false };
  const weigh = await convert(source, 'cps', { functions: ['Box.weigh'], withCallers: true, project });
  assert.deepEqual([...weigh.converted].sort(), ['Box.weigh', 'scale'], 'the project shows only Box has weigh');
  const elsewhere = await convert(source, 'cps', { functions: ['Box.weigh'], withCallers: true, project: { ...project, definesMethodElsewhere: (name: string) => name === 'weigh' } });
  assert.deepEqual(elsewhere.refused.map((r) => r.code), ['receiver-unknown'], 'another module has a class with weigh');
  const get = await convert(source, 'cps', { functions: ['Box.get'], withCallers: true, project });
  assert.deepEqual(get.refused.map((r) => `${r.function}:${r.code}:${String(r.line)}`), ['Box.get:receiver-unknown:10'], 'a dict has get; the annotated box.get() is not the problem');
});
