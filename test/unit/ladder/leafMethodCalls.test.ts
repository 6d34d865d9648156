// A callback leaf that is a method, called through its class with the
// instance passed by hand (`Feed.poll(feed, url, cb)`), a staticmethod or a
// classmethod: --to generator reads the parameter the callback really lands
// in, so a leaf that calls back twice, or goes on after calling back, is
// refused as it is when called on an instance; one the call does not show
// the callback's parameter of is refused too, never converted unread.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedent } from '../../helpers/parser';
import { python, refusesLeaf } from './cpsHelpers';
import { convert } from './ladderHelpers';

test('a method leaf called through its class that calls back twice refuses: a yielded operation delivers one result', async () => {
  await refusesLeaf(
    `
    class Feed:
        def __init__(self, name):
            self.name = name

        def poll(self, url, on_item):
            on_item(self.name + ":" + url + "#1")
            on_item(self.name + ":" + url + "#2")


    def collect(feed, url, on_done):
        Feed.poll(feed, url, lambda item: on_done(item.upper()))


    collect(Feed("news"), "a", print)
    `,
    'collect',
    'continuation-called-twice',
    11,
  );
});

test('a method leaf called through its class that goes on after calling back refuses: its rest would run first', async () => {
  await refusesLeaf(
    `
    class Store:
        def __init__(self):
            self.log = []

        def get(self, key, callback):
            callback(key * 2)
            self.log.append("served " + str(key))
            print("store log:", self.log)


    def double_then_add(store, key, on_done):
        Store.get(store, key, lambda v: on_done(v + 1))


    double_then_add(Store(), 4, lambda r: print("result", r))
    `,
    'double_then_add',
    'code-after-continuation',
    12,
  );
});

test('a staticmethod leaf called on an instance is read from its first parameter', async () => {
  await refusesLeaf(
    `
    class Parser:
        @staticmethod
        def tokens(text, on_token):
            for word in text.split():
                on_token(word)


    def first_token(parser, text, on_done):
        parser.tokens(text, lambda token: on_done(token.title()))


    first_token(Parser(), "alpha beta", print)
    `,
    'first_token',
    'continuation-called-twice',
    9,
  );
});

test('a classmethod leaf called through its class gets its class, so the callback is read after it', async () => {
  await refusesLeaf(
    `
    class Clock:
        @classmethod
        def tick(cls, label, on_tick):
            on_tick(label + " tick")
            print(cls.__name__, "ticked")


    def announce(label, on_done):
        Clock.tick(label, lambda text: on_done(text.upper()))


    announce("noon", print)
    `,
    'announce',
    'code-after-continuation',
    9,
  );
});

test('a method leaf that takes its callback through **kwargs refuses: nothing shows how often it calls back', async () => {
  await refusesLeaf(
    `
    class Cache:
        def lookup(self, key, **handlers):
            handlers["callback"](key)
            handlers["callback"](key + "!")


    def shout(cache, key, on_done):
        cache.lookup(key, callback=lambda v: on_done(v.upper()))


    shout(Cache(), "hey", print)
    `,
    'shout',
    'unreadable-leaf',
    8,
  );
});

test('a method leaf called through its class that calls back once and last converts, printing the same', async () => {
  const source = `
    class Ledger:
        def __init__(self):
            self.rows = {"rent": 900, "food": 300}

        def amount(self, name, on_amount):
            if name not in self.rows:
                on_amount(0)
                return
            on_amount(self.rows[name])


    def monthly(ledger, on_done):
        Ledger.amount(ledger, "rent", lambda rent: Ledger.amount(ledger, "food", lambda food: on_done(rent + food)))


    monthly(Ledger(), print)
    `;
  const result = await convert(source, 'generator', { functions: ['monthly'] });
  assert.deepEqual(result.refused, []);
  assert.ok(result.text !== undefined);
  assert.match(result.text, /rent = yield lambda resume: Ledger\.amount\(ledger, "rent", resume\)/);
  assert.equal(python(result.text), python(dedent(source)));
});

test('a leaf that hands its callback on twice refuses: each hand-on calls it', async () => {
  await refusesLeaf(
    `
    class Feed:
        def __init__(self, name):
            self.name = name

        def _emit(self, item, on_item):
            on_item(self.name + ":" + item)

        def poll(self, url, on_item):
            self._emit(url + "#1", on_item)
            self._emit(url + "#2", on_item)


    def collect(feed, url, on_done):
        feed.poll(url, lambda item: on_done(item.upper()))


    collect(Feed("news"), "a", print)
    `,
    'collect',
    'continuation-called-twice',
    14,
  );
});

test('a leaf that hands its callback to a helper calling it twice refuses, naming the helper', async () => {
  const source = `
    def deliver(item, on_item):
        on_item(item)
        on_item(item + "!")


    def relay(item, on_item):
        deliver(item, on_item)


    def shout(item, on_done):
        relay(item, lambda v: on_done(v.upper()))


    shout("hey", print)
    `;
  await refusesLeaf(source, 'shout', 'continuation-called-twice', 11);
  const result = await convert(source, 'generator', { functions: ['shout'] });
  assert.match(result.refused[0]?.message ?? '', /hands its callback `on_item` on at line 7: the leaf `deliver` \(line 1\) may call its callback `on_item` more than once/);
});

test('a leaf that hands its callback to a helper calling it at once, then goes on, refuses: the rest would run first', async () => {
  await refusesLeaf(
    `
    log = []


    def deliver(item, on_item):
        on_item(item)


    def relay(item, on_item):
        deliver(item, on_item)
        log.append(item)
        print("relayed", log)


    def shout(item, on_done):
        relay(item, lambda v: on_done(v.upper()))


    shout("hey", print)
    `,
    'shout',
    'code-after-continuation',
    15,
  );
});

test('a leaf that hands its callback to a scheduler, then goes on, converts: the scheduler calls it after the leaf returns', async () => {
  const source = `
    ready = []


    def call_soon(fn, *args):
        ready.append((fn, args))


    def relay(item, on_item):
        call_soon(on_item, item)
        print("scheduled", item)


    def shout(item, on_done):
        relay(item, lambda v: on_done(v.upper()))


    shout("hey", print)
    while ready:
        fn, args = ready.pop(0)
        fn(*args)
    `;
  const result = await convert(source, 'generator', { functions: ['shout'] });
  assert.deepEqual(result.refused, []);
  assert.ok(result.text !== undefined);
  assert.equal(python(result.text), python(dedent(source)));
});

test('a leaf that keeps its callback in a list nothing takes entries out of refuses: every publish calls it', async () => {
  await refusesLeaf(
    `
    class Bus:
        def __init__(self):
            self.handlers = []

        def subscribe(self, on_message):
            self.handlers.append(on_message)

        def publish(self, message):
            for handler in self.handlers:
                handler(message)


    def headlines(bus, on_done):
        bus.subscribe(lambda m: on_done(m.upper()))


    bus = Bus()
    headlines(bus, print)
    bus.publish("rain")
    bus.publish("sun")
    `,
    'headlines',
    'continuation-called-twice',
    14,
  );
});

test('a leaf that queues its callback where the loop takes each entry out converts, printing the same', async () => {
  const source = `
    import heapq

    timers = []


    def call_later(delay, callback, value):
        heapq.heappush(timers, (delay, len(timers), callback, value))


    def reading(sensor, on_value):
        call_later(0.5, on_value, len(sensor))


    def report(sensor, on_done):
        reading(sensor, lambda v: on_done(sensor + "=" + str(v)))


    report("temp", print)
    report("humidity", print)
    while timers:
        _, _, callback, value = heapq.heappop(timers)
        callback(value)
    `;
  const result = await convert(source, 'generator', { functions: ['report'] });
  assert.deepEqual(result.refused, []);
  assert.ok(result.text !== undefined);
  assert.equal(python(result.text), python(dedent(source)));
});
