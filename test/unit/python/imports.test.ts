// What a module's imports bind, on real parses: names qualified through
// `from … import`, aliases, star imports of the modules the engine knows,
// relative and guarded imports, and how to spell a name the module may not bind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../../extension/engine/syntax/node';
import { ModuleNames } from '../../../extension/engine/python/imports';
import { dedent, parse } from '../../helpers/parser';

/** Qualifies each decorator and each callee of the module, by the text written. */
async function qualified(source: string): Promise<{ names: ModuleNames; of: (text: string) => string | undefined; dispose: () => void }> {
  const file = await parse(dedent(source));
  const names = new ModuleNames(file);
  const written = new Map<string, Node>();
  for (const node of file.root.descendantsOfType(['identifier', 'attribute'])) {
    if (node && !written.has(node.text) && node.parent?.type !== 'attribute') written.set(node.text, node);
  }
  return {
    names,
    of: (text) => {
      const node = written.get(text);
      assert.ok(node, `${text} is not written in the module`);
      return names.qualify(node);
    },
    dispose: () => {
      file.dispose();
    },
  };
}

test('from tornado.gen import coroutine: a bare coroutine is Tornado\'s', async () => {
  const m = await qualified(`
    from tornado.gen import coroutine, Return as Done

    @coroutine
    def f():
        raise Done(1)
  `);
  assert.equal(m.of('coroutine'), 'tornado.gen.coroutine');
  assert.equal(m.of('Done'), 'tornado.gen.Return');
  m.dispose();
});

test('from asyncio import * makes a bare sleep and coroutine asyncio\'s, unless the module binds the name itself; an unknown star module binds nothing we can see', async () => {
  const m = await qualified(`
    from asyncio import *
    from mystery import *

    @coroutine
    def f():
        yield from sleep(1)
        yield from gather()

    def gather():
        pass

    unknown_name()
  `);
  assert.equal(m.of('coroutine'), 'asyncio.coroutine');
  assert.equal(m.of('sleep'), 'asyncio.sleep');
  assert.equal(m.of('gather'), 'gather', 'the module defines its own gather');
  assert.equal(m.of('unknown_name'), 'unknown_name');
  assert.deepEqual(m.names.importedModules, ['asyncio', 'mystery']);
  m.dispose();
});

test('import twisted.internet.defer as d makes d.inlineCallbacks Twisted\'s; import a.b binds a', async () => {
  const m = await qualified(`
    import twisted.internet.defer as d
    import os.path

    @d.inlineCallbacks
    def f():
        yield os.path.join("a", "b")
  `);
  assert.equal(m.of('d.inlineCallbacks'), 'twisted.internet.defer.inlineCallbacks');
  assert.equal(m.of('os.path.join'), 'os.path.join');
  assert.ok(m.names.binds('d') && m.names.binds('os') && !m.names.binds('path'));
  assert.deepEqual(m.names.importedModules, ['twisted.internet.defer', 'os.path']);
  m.dispose();
});

test('relative imports keep their leading dots, for the project model to resolve', async () => {
  const m = await qualified(`
    from .state import counter
    from . import helpers
    from ..shared.util import tool as t

    counter.bump(helpers.x, t)
  `);
  assert.equal(m.of('counter.bump'), '.state.counter.bump');
  assert.equal(m.of('helpers.x'), '.helpers.x');
  assert.equal(m.of('t'), '..shared.util.tool');
  assert.deepEqual(m.names.importedModules, ['.state', '.', '..shared.util']);
  m.dispose();
});

test('guarded imports in try/except and if still bind at module level; an import inside a function does not', async () => {
  const m = await qualified(`
    import sys
    try:
        from asyncio import coroutine
    except ImportError:
        coroutine = None
    if sys.version_info < (3, 8):
        from tornado import gen
    else:
        gen = None

    def local():
        from twisted.internet import defer
        return defer

    coroutine(gen.sleep, defer.succeed)
  `);
  assert.equal(m.of('coroutine'), 'asyncio.coroutine');
  assert.equal(m.of('gen.sleep'), 'tornado.gen.sleep');
  assert.equal(m.of('defer.succeed'), 'defer.succeed');
  m.dispose();
});

test('spell: the shortest spelling the module binds, or the import a new spelling needs', async () => {
  const m = await qualified(`
    import asyncio
    from asyncio import sleep
    from twisted.internet import defer
  `);
  assert.deepEqual(m.names.spell('asyncio.sleep'), { text: 'sleep' });
  assert.deepEqual(m.names.spell('asyncio.gather'), { text: 'asyncio.gather' });
  assert.deepEqual(m.names.spell('twisted.internet.defer.returnValue'), { text: 'defer.returnValue' });
  assert.deepEqual(m.names.spell('tornado.gen.coroutine'), { text: 'gen.coroutine', needs: 'from tornado import gen' });
  m.dispose();
});
