// Reads of a callback leaf that --to generator follows to the end: a slot the
// module calls from two functions, a leaf picked out of a dict or by
// `getattr`, a search loop's `for … else`, and a module's own method named
// like a library's repeating API. Each either converts and prints the same,
// or refuses with its code and the line of the leaf call.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedent } from '../../helpers/parser';
import { python, refusesLeaf } from './cpsHelpers';
import { convert } from './ladderHelpers';

/** `name` converts alone and the program prints the same after. */
async function convertsAlone(source: string, name: string): Promise<void> {
  const result = await convert(source, 'generator', { functions: [name] });
  assert.deepEqual(result.refused, []);
  assert.ok(result.text !== undefined);
  assert.equal(python(result.text), python(dedent(source)));
}

/** A download whose result and timeout both call what `self._on_done` holds; `finish` and `expire` are their bodies. */
function download(finish: string, expire: string): string {
  return `
    ready = []


    def call_soon(fn, *args):
        ready.append((fn, args))


    class Download:
        def __init__(self):
            self._on_done = None

        def start(self, url, on_done):
            self._on_done = on_done
            call_soon(self._finish, url)
            call_soon(self._expire)

        def _finish(self, url):
${finish}

        def _expire(self):
${expire}


    def fetch_page(dl, url, on_done):
        dl.start(url, lambda body: on_done(body.upper()))


    fetch_page(Download(), "a.html", print)
    while ready:
        fn, args = ready.pop(0)
        fn(*args)
    `;
}

const TAKE_THEN_CALL = (value: string): string => `            callback = self._on_done
            self._on_done = None
            if callback is not None:
                callback(${value})`;

test('a slot two methods call, one without taking it out, refuses: the result and the timeout both call back', async () => {
  await refusesLeaf(download('            self._on_done("got " + url)', TAKE_THEN_CALL('"timed out"')), 'fetch_page', 'continuation-called-twice', 28);
});

test('a slot two methods call, each taking it out first, calls back once: its caller converts', async () => {
  await convertsAlone(download(TAKE_THEN_CALL('"got " + url'), TAKE_THEN_CALL('"timed out"')), 'fetch_page');
});

/** A router whose handlers are reached by `reach` inside `fetch`; `watch` calls back three times. */
function router(reach: string): string {
  return `
    ready = []


    def call_soon(fn, *args):
        ready.append((fn, args))


    class Router:
        def __init__(self):
            self.handlers = {"get": self.get, "watch": self.watch}

        def get(self, key, cb):
            call_soon(cb, key + "=1")

        def watch(self, key, cb):
            for i in range(3):
                call_soon(cb, key + "=" + str(i))


    def fetch(router, kind, key, on_done):
${reach}


    fetch(Router(), "watch", "x", print)
    while ready:
        fn, args = ready.pop(0)
        fn(*args)
    `;
}

test('a leaf picked out of a dict by key refuses: the module cannot show which handler runs, nor how often it calls back', async () => {
  await refusesLeaf(router('        router.handlers[kind](key, lambda v: on_done(v.upper()))'), 'fetch', 'unreadable-leaf', 21);
});

test('a leaf looked up with getattr refuses the same way', async () => {
  await refusesLeaf(router('        getattr(router, kind)(key, lambda v: on_done(v.upper()))'), 'fetch', 'unreadable-leaf', 21);
});

test('a leaf looked up into a local name first is followed through the name, and refuses', async () => {
  await refusesLeaf(router('        handler = router.handlers[kind]\n        handler(key, lambda v: on_done(v.upper()))'), 'fetch', 'unreadable-leaf', 22);
});

/** A search whose loop round runs `found` on a match and whose `else` calls back with None. */
function search(found: string): string {
  return `
    def first_even(numbers, cb):
        for n in numbers:
            if n % 2 == 0:
${found}
        else:
            cb(None)


    def report(numbers, on_done):
        first_even(numbers, lambda n: on_done("first even: " + str(n)))


    report([1, 3, 4, 6], print)
    report([1, 3], print)
    `;
}

test('a search that calls back and breaks, or calls back from the loop’s else, calls back once: its caller converts', async () => {
  await convertsAlone(search('                cb(n)\n                break'), 'report');
});

test('a search that calls back on every match without breaking, and again from the else, refuses', async () => {
  await refusesLeaf(search('                cb(n)'), 'report', 'continuation-called-twice', 10);
});
