// The project model on real parses of small multi-module projects: uses across
// modules resolved by binding (not by name), receivers whose class is
// inferable, overrides reached from a base class, library bases, spawn sites,
// and that a module is parsed only when a question needs it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SourceFile } from '../../../extension/engine';
import { ProjectModel, type ModuleSource, type Use } from '../../../extension/engine/python/project';
import { dedent, pythonParser } from '../../helpers/parser';

async function project(files: Record<string, string>): Promise<{ model: ProjectModel; parses: string[] }> {
  const parser = await pythonParser();
  const parses: string[] = [];
  const model = new ProjectModel((source) => {
    parses.push(source.path);
    return SourceFile.parse(parser, source.text);
  });
  for (const [path, text] of Object.entries(files)) {
    const parts = path.replace(/\.py$/, '').split('/');
    const isPackage = parts.at(-1) === '__init__';
    if (isPackage) parts.pop();
    model.set({ path, name: parts.join('.'), isPackage, text: dedent(text) });
  }
  return { model, parses };
}

function usesOf(model: ProjectModel, path: string, name: string): string[] {
  const module = model.module(path) as ModuleSource;
  const file = model.fileOf(module);
  const fn = file?.functions.named(name)[0];
  assert.ok(fn, `${name} is defined in ${path}`);
  return model.usesOf(module, fn).map((u: Use) => `${u.path}:${String(u.line)}:${u.kind}`);
}

test('a function is used wherever an import binds it, under any alias, and nowhere a same-named thing is used', async () => {
  const { model } = await project({
    'pkg/__init__.py': '',
    'pkg/fetch.py': `
      def get(url):
          return url.upper()
    `,
    'pkg/client.py': `
      from .fetch import get
      from pkg import fetch as f
      import pkg.fetch

      table = {'a': 1}

      def run():
          print(get('x'), f.get('y'), pkg.fetch.get('z'))
          print(table.get('a'))
          callbacks = [get]
          def inner(get):
              return get('shadowed')
          return callbacks, inner
    `,
    'other.py': `
      def get(url):
          return url
      print(get('not pkg.fetch.get'))
    `,
  });
  assert.deepEqual(usesOf(model, 'pkg/fetch.py', 'get'), [
    'pkg/client.py:1:import',
    'pkg/client.py:8:call',
    'pkg/client.py:8:call',
    'pkg/client.py:8:call',
    'pkg/client.py:10:value',
  ]);
});

test('a star import of a project module binds its functions', async () => {
  const { model } = await project({
    'lib.py': 'def square(x):\n    return x * x\n',
    'main.py': 'from lib import *\nprint(square(3))\n',
  });
  assert.deepEqual(usesOf(model, 'lib.py', 'square'), ['main.py:2:call']);
});

test('methods are used through receivers whose class the model can infer, in any module', async () => {
  const { model } = await project({
    'jobs.py': `
      class Job:
          def go(self):
              return self.step()

          def step(self):
              return 1

      class Client:
          def subscribe(self, topic):
              return topic
    `,
    'app.py': `
      from jobs import Job, Client

      class App:
          def __init__(self):
              self.client = Client()

          def start(self):
              self.client.subscribe('t')
              job = Job()
              job.go()
              Job().go()
              unknown.go()
              d = {}
              d.subscribe = None
    `,
  });
  // `unknown.go()`: no class of the project but Job and no library type has a `go`, so it can only be Job's.
  assert.deepEqual(usesOf(model, 'jobs.py', 'Job.go'), ['app.py:10:call', 'app.py:11:call', 'app.py:12:call']);
  assert.deepEqual(usesOf(model, 'jobs.py', 'Client.subscribe'), ['app.py:8:call']);
  assert.deepEqual(usesOf(model, 'jobs.py', 'Job.step'), ['jobs.py:3:call']);
});

test('an override is reached from the base class that calls it through self, and inherited methods through subclasses', async () => {
  const { model } = await project({
    'base.py': `
      class Handler:
          def handle(self):
              return self.on_message('m')

          def on_message(self, m):
              return m
    `,
    'impl.py': `
      import base

      class Echo(base.Handler):
          def on_message(self, m):
              return m * 2

      class Loud(Echo):
          def shout(self):
              return self.on_message('x')
    `,
  });
  assert.deepEqual(usesOf(model, 'impl.py', 'Echo.on_message'), ['base.py:3:override', 'base.py:5:redefinition', 'impl.py:9:call']);
  assert.deepEqual(usesOf(model, 'base.py', 'Handler.on_message'), ['base.py:3:call', 'impl.py:4:redefinition', 'impl.py:9:call'], 'the override below it is another definition a call may reach');
  const impl = model.module('impl.py') as ModuleSource;
  const echo = model.fileOf(impl)?.functions.named('Echo')[0];
  assert.ok(echo);
  assert.deepEqual(model.ancestors(impl, echo).map((a) => a.info.name), ['Handler']);
  const base = model.module('base.py') as ModuleSource;
  const handler = model.fileOf(base)?.functions.named('Handler')[0];
  assert.ok(handler);
  assert.deepEqual(model.descendants(base, handler).map((d) => d.info.name), ['Echo', 'Loud']);
});

test('bases outside the project are reported as library classes that may call a method', async () => {
  const { model } = await project({
    'enc.py': `
      import json
      from twisted.internet.protocol import Protocol

      class Encoder(json.JSONEncoder):
          def default(self, o):
              return str(o)

      class Echo(Protocol):
          def dataReceived(self, data):
              self.transport.write(data)
    `,
  });
  const module = model.module('enc.py') as ModuleSource;
  const file = model.fileOf(module);
  const names = (cls: string) => model.libraryBases(module, file?.functions.named(cls)[0] as never).map((b) => b.name);
  assert.deepEqual(names('Encoder'), ['json.JSONEncoder']);
  assert.deepEqual(names('Echo'), ['twisted.internet.protocol.Protocol']);
});

test('getattr with the function name counts as a use the model cannot follow', async () => {
  const { model } = await project({
    'plugins.py': `
      class Plugin:
          def on_load(self):
              return 1

      def call(obj, name):
          return getattr(obj, 'on_load')()
    `,
  });
  assert.deepEqual(usesOf(model, 'plugins.py', 'Plugin.on_load'), ['plugins.py:6:getattr']);
});

test('spawn sites name what they start', async () => {
  const { model } = await project({
    'workers.py': `
      async def work(n):
          return n
    `,
    'main.py': `
      import asyncio
      from workers import work

      async def main(loop):
          t = asyncio.create_task(work(1))
          loop.call_soon(print, 'x')
          await asyncio.gather(work(2), work(3))
          return t
    `,
  });
  const sites = model.spawnSites(model.module('main.py') as ModuleSource);
  assert.deepEqual(
    sites.map((s) => `${String(s.line)}:${s.api}:${s.targets.map((t) => t.info.name).join(',')}`),
    ['5:asyncio.create_task:work', '6:loop.call_soon:', '7:asyncio.gather:work,work'],
  );
});

test('a module is parsed only when it mentions the name asked about, and an edit re-parses only that module', async () => {
  const { model, parses } = await project({
    'a.py': 'def ping():\n    return 1\n',
    'b.py': 'from a import ping\nprint(ping())\n',
    'c.py': 'print("nothing to see")\n',
  });
  assert.deepEqual(usesOf(model, 'a.py', 'ping'), ['b.py:1:import', 'b.py:2:call']);
  assert.deepEqual(parses.sort(), ['a.py', 'b.py']);
  parses.length = 0;
  model.set({ path: 'b.py', name: 'b', isPackage: false, text: 'from a import ping\nprint(ping(), ping())\n' });
  assert.deepEqual(usesOf(model, 'a.py', 'ping'), ['b.py:1:import', 'b.py:2:call', 'b.py:2:call']);
  assert.deepEqual(parses, ['b.py']);
});

test('a receiver naming a submodule its package imports (`from . import sub`) resolves without recursing for ever', async () => {
  const { model } = await project({
    'pkg/__init__.py': 'from . import sub\nprint(sub.compile(1))\n',
    'pkg/sub.py': `
      def compile(x):
          return x
    `,
    'pattern.py': `
      class Pattern:
          def compile(self, x):
              return x

      print(Pattern().compile(2))
    `,
  });
  assert.deepEqual(usesOf(model, 'pattern.py', 'Pattern.compile'), ['pattern.py:5:call']);
});

test('a use spelled with other characters Python reads as the same name (NFKC) is found in another module', async () => {
  const { model } = await project({
    'shapes.py': 'def square(x):\n    return x * x\n',
    'main.py': 'from shapes import ｓｑｕａｒｅ\nimport shapes\nprint(ｓｑｕａｒｅ(3), shapes.ｓｑｕａｒｅ(4))\n',
    'other.py': 'def ｓｑｕａｒｅ(x):\n    return x\n',
    'uses_other.py': 'from other import square\nprint(square(1))\n',
  });
  assert.deepEqual(usesOf(model, 'shapes.py', 'square'), ['main.py:1:import', 'main.py:3:call', 'main.py:3:call']);
  assert.equal(model.mentionedOutside(model.module('shapes.py') as ModuleSource, 'square'), true);
  assert.deepEqual(usesOf(model, 'other.py', 'ｓｑｕａｒｅ'), ['uses_other.py:1:import', 'uses_other.py:2:call']);
});

test('a method called on a receiver the model cannot type is an untyped-receiver use unless nothing else can have a method of that name', async () => {
  const { model } = await project({
    'store.py': `
      class Ledger:
          def settle(self, amount):
              return amount

          def update(self, amount):
              return amount

          def close_books(self):
              return 0

      class Till:
          def close_books(self):
              return 1
    `,
    'app.py': `
      import json
      from store import Ledger

      def run(book, other: Ledger, till):
          book.settle(1)
          book.update(2)
          book.close_books()
          other.update(3)
          json.settle(4)
          'x'.update()
          till.settle = None
          return getattr(book, 'on_' + till)
    `,
  });
  assert.deepEqual(usesOf(model, 'store.py', 'Ledger.settle'), ['app.py:5:call'], 'only Ledger has settle: the untyped call is its call');
  assert.deepEqual(usesOf(model, 'store.py', 'Ledger.update'), ['app.py:6:untyped-receiver', 'app.py:8:call'], 'a dict has update too; the annotated parameter is a Ledger');
  assert.deepEqual(usesOf(model, 'store.py', 'Ledger.close_books'), ['app.py:7:untyped-receiver'], 'Till has close_books too');
});

test('getattr by a prefix or by a name the code does not show may find a function or a method of self', async () => {
  const { model } = await project({
    'handlers.py': `
      class Bot:
          def on_ping(self):
              return 1

          def dispatch(self, kind):
              return getattr(self, 'on_' + kind)()

      def helper():
          return 2

      def other():
          return 3
    `,
    'app.py': `
      import handlers

      def call(name):
          return getattr(handlers, name)()

      def on(kind):
          return getattr(handlers, f'help{kind}')
    `,
  });
  assert.deepEqual(usesOf(model, 'handlers.py', 'Bot.on_ping'), ['handlers.py:6:getattr']);
  assert.deepEqual(usesOf(model, 'handlers.py', 'helper'), ['app.py:4:getattr', 'app.py:7:getattr']);
  assert.deepEqual(usesOf(model, 'handlers.py', 'other'), ['app.py:4:getattr']);
});

test('a name imported from a project module is an instance of the class that module assigns it, not a module', async () => {
  const { model } = await project({
    'app.py': 'import json\n\n\nclass Registry:\n    def lookup(self, key):\n        return key\n\n\nclass Other:\n    def lookup(self, key):\n        return None\n\n\nregistry = Registry()\nother = Other()\nmade = make()\n',
    'main.py': 'from app import registry, other, made\nimport app\nfrom json import loads\n\nregistry.lookup("a")\nother.lookup("b")\nmade.lookup("c")\napp.registry.lookup("d")\nloads.lookup("e")\n',
  });
  assert.deepEqual(usesOf(model, 'app.py', 'Registry.lookup'), ['main.py:5:call', 'main.py:7:untyped-receiver', 'main.py:8:untyped-receiver'], 'registry is a Registry, other an Other, made and app.registry unknown; a library name is neither');
});
