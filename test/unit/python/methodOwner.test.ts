// Which class's method an attribute call reaches, as far as one module shows:
// the receiver's class found along its bases, `self` related either way, and
// everything else left to matching by name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../../extension/engine/syntax/node';
import { bindsFirstParameter, mayReachMethod, mayRunMethod } from '../../../extension/engine/python/methodOwner';
import { dedent, definition, parse } from '../../helpers/parser';

const MODULE = dedent(`
  import library


  class Base:
      def total(self):
          return self.size()

      def size(self):
          return 1


  class Inherits(Base):
      pass


  class Overrides(Base):
      def total(self):
          return 2

      def size(self):
          return 3


  class Other:
      def total(self):
          return self.total()


  class Foreign(library.Thing):
      pass


  Base().total()
  Inherits().total()
  Overrides().total()
  Other().total()
  Foreign().total()
  Base.total(Base())
  (lambda box: box.total())(Base())
`);

test('a receiver whose class the module shows reaches the first definition along its bases', async () => {
  const file = await parse(MODULE);
  try {
    const accesses = (receiver: string): Node => {
      const found = file.root.descendantsOfType('attribute').find((a) => a?.childForFieldName('object')?.text === receiver && a.childForFieldName('attribute')?.text === 'total');
      assert.ok(found, receiver);
      return found;
    };
    const base = definition(file, 'Base.total');
    const overrides = definition(file, 'Overrides.total');
    const other = definition(file, 'Other.total');
    assert.equal(mayReachMethod(file, accesses('Base()'), base), true);
    assert.equal(mayReachMethod(file, accesses('Inherits()'), base), true, 'inherited');
    assert.equal(mayReachMethod(file, accesses('Overrides()'), base), false, 'overridden');
    assert.equal(mayReachMethod(file, accesses('Overrides()'), overrides), true);
    assert.equal(mayReachMethod(file, accesses('Other()'), base), false, 'another class');
    assert.equal(mayReachMethod(file, accesses('Base'), base), true, 'through the class');
    assert.equal(mayReachMethod(file, accesses('Base'), other), false);
    assert.equal(mayReachMethod(file, accesses('Foreign()'), base), true, 'a base from elsewhere may define it');
    assert.equal(mayReachMethod(file, accesses('box'), other), true, 'a receiver the module does not type');
    // `self.total()` in Other reaches Other's total (or an override below it), never Base's.
    assert.equal(mayReachMethod(file, accesses('self'), other), true);
    assert.equal(mayReachMethod(file, accesses('self'), base), false);
  } finally {
    file.dispose();
  }
});

test('self in a base class reaches an override in a subclass', async () => {
  const file = await parse(MODULE);
  try {
    const size = file.root.descendantsOfType('attribute').find((a) => a?.text === 'self.size');
    assert.ok(size);
    assert.equal(mayReachMethod(file, size, definition(file, 'Base.size')), true);
    assert.equal(mayReachMethod(file, size, definition(file, 'Overrides.size')), true, 'self may be an Overrides');
    const total = file.root.descendantsOfType('attribute').find((a) => a?.text === 'self.total');
    assert.ok(total);
    assert.equal(mayReachMethod(file, total, definition(file, 'Overrides.total')), false, 'Other is unrelated to Overrides');
  } finally {
    file.dispose();
  }
});

const BINDING = dedent(`
  class Feed:
      def poll(self, url, cb):
          cb(url)

      @staticmethod
      def parse(text, cb):
          cb(text)

      @classmethod
      def open(cls, url, cb):
          cls.poll(cls(), url, cb)
          type(feed).poll(feed, url, cb)
          feed.__class__.poll(feed, url, cb)


  def use(feed, Feed2):
      feed.poll("a", print)
      Feed.poll(feed, "a", print)
      Feed().poll("a", print)
      Feed2.poll(feed, "a", print)
      feed.parse("a", print)
      Feed.parse("a", print)
      Feed.open("a", print)
      feed.open("a", print)
`);

test('a plain method gets self from an instance only; a classmethod always gets its class, a staticmethod nothing', async () => {
  const file = await parse(BINDING);
  try {
    const binds = (access: string, method: string): boolean => {
      const found = file.root.descendantsOfType('attribute').find((a) => a?.text === access);
      assert.ok(found, access);
      return bindsFirstParameter(file, found, definition(file, method));
    };
    assert.equal(binds('feed.poll', 'Feed.poll'), true, 'an instance');
    assert.equal(binds('Feed().poll', 'Feed.poll'), true, 'a new instance');
    assert.equal(binds('Feed.poll', 'Feed.poll'), false, 'through the class: the caller passes self');
    assert.equal(binds('cls.poll', 'Feed.poll'), false, 'cls in a classmethod is the class');
    assert.equal(binds('type(feed).poll', 'Feed.poll'), false, 'type(x) is a class');
    assert.equal(binds('feed.__class__.poll', 'Feed.poll'), false, 'x.__class__ is a class');
    assert.equal(binds('Feed2.poll', 'Feed.poll'), true, 'a parameter, whatever its name, counts as an instance');
    assert.equal(binds('feed.parse', 'Feed.parse'), false, 'a staticmethod through an instance');
    assert.equal(binds('Feed.parse', 'Feed.parse'), false, 'a staticmethod through the class');
    assert.equal(binds('Feed.open', 'Feed.open'), true, 'a classmethod through the class');
    assert.equal(binds('feed.open', 'Feed.open'), true, 'a classmethod through an instance');
  } finally {
    file.dispose();
  }
});

test('a receiver shown to be of a base may run an override on a subclass instance; one of an unrelated class may not', async () => {
  const file = await parse(
    dedent(`
      class Resource:
          async def close(self):
              pass


      class Connection(Resource):
          async def close(self):
              pass


      class Other:
          async def close(self):
              pass


      def finish(res: Resource, other: Other, thing):
          res.close()
          other.close()
          thing.close()
          Connection().close()
    `),
  );
  try {
    const access = (text: string): Node => {
      const found = file.root.descendantsOfType('attribute').find((a) => a?.text === text);
      assert.ok(found, text);
      return found;
    };
    const override = definition(file, 'Connection.close');
    assert.equal(mayReachMethod(file, access('res.close'), override), false, 'the lookup from Resource finds Resource.close');
    assert.equal(mayRunMethod(file, access('res.close'), override), true, 'res may hold a Connection');
    assert.equal(mayRunMethod(file, access('other.close'), override), false, 'Other is unrelated');
    assert.equal(mayRunMethod(file, access('thing.close'), override), true, 'an untyped receiver');
    assert.equal(mayRunMethod(file, access('Connection().close'), override), true);
    assert.equal(mayRunMethod(file, access('res.close'), definition(file, 'Other.close')), false);
  } finally {
    file.dispose();
  }
});
