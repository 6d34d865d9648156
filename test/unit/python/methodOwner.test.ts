// Which class's method an attribute call reaches, as far as one module shows:
// the receiver's class found along its bases, `self` related either way, and
// everything else left to matching by name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../../extension/engine/syntax/node';
import { mayReachMethod } from '../../../extension/engine/python/methodOwner';
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
