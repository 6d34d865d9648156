// Callers in other modules, with the built CLI and python3: converting a
// function whose caller lives in another file is refused with that file and
// line (the caller would silently misbehave), while converting the package
// together converts both and the program prints the same. Programs written
// for this test in the shapes Tornado and Twisted code takes: a coroutine in
// one module yielded from a coroutine in another.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli';
import { runPackage, writePackage } from '../helpers/pythonPackage';

const work = mkdtempSync(join(tmpdir(), 'cross-module-'));
after(() => {
  rmSync(work, { recursive: true, force: true });
});

const PROGRAMS: Record<string, Record<string, string>> = {
  twisted: {
    '__init__.py': '',
    'inventory.py': [
      'from twisted.internet import defer',
      '',
      'STOCK = {"bolt": 2}',
      '',
      '',
      '@defer.inlineCallbacks',
      'def take(item):',
      '    yield defer.succeed(None)',
      '    if STOCK.get(item, 0) == 0:',
      '        return False',
      '    STOCK[item] -= 1',
      '    return True',
      '',
    ].join('\n'),
    'main.py': [
      'from twisted.internet import defer',
      '',
      'from .inventory import take',
      '',
      '',
      '@defer.inlineCallbacks',
      'def drain(item, times):',
      '    got = []',
      '    for _ in range(times):',
      '        got.append((yield take(item)))',
      '    return got',
      '',
      '',
      'if __name__ == "__main__":',
      '    drain("bolt", 3).addCallback(print)',
      '',
    ].join('\n'),
  },
  tornado: {
    '__init__.py': '',
    'feeds.py': [
      'from tornado import gen',
      '',
      '',
      '@gen.coroutine',
      'def fetch(name):',
      '    yield gen.moment',
      '    raise gen.Return(name.upper())',
      '',
    ].join('\n'),
    'main.py': [
      'from tornado import gen, ioloop',
      '',
      'from . import feeds',
      '',
      '',
      '@gen.coroutine',
      'def both():',
      '    first = yield feeds.fetch("a")',
      '    second = yield feeds.fetch("b")',
      '    raise gen.Return(first + second)',
      '',
      '',
      'if __name__ == "__main__":',
      '    print(ioloop.IOLoop.current().run_sync(both))',
      '',
    ].join('\n'),
  },
};

/** The program's files as package `pkg` in a fresh folder. */
function materialise(files: Record<string, string>, folder: string): string {
  return writePackage(join(work, folder), files);
}

for (const [name, files] of Object.entries(PROGRAMS)) {
  const callee = Object.keys(files).find((f) => f !== '__init__.py' && f !== 'main.py') ?? '';

  test(`${name}: converting the callee alone is refused, naming its caller in the other module`, () => {
    const root = materialise(files, `${name}-alone`);
    const before = runPackage(root);
    const cli = runCli(['refactor', join('pkg', callee), '--to', 'async', '--write', '--json'], root);
    assert.equal(cli.status, 1, cli.stderr);
    const report = JSON.parse(cli.stdout) as { files: { converted: string[]; refused: { code: string; message: string }[] }[] };
    assert.equal(report.files.length, 1);
    const file = report.files[0];
    assert.ok(file);
    assert.deepEqual(file.converted, []);
    const refusal = file.refused[0];
    assert.ok(refusal);
    assert.equal(refusal.code, 'caller-in-other-module');
    assert.match(refusal.message, /pkg\/main\.py at line \d+/);
    assert.equal(readFileSync(join(root, 'pkg', callee), 'utf8'), files[callee], 'the file is untouched');
    assert.equal(runPackage(root), before);
  });

  test(`${name}: converting the package converts caller and callee together, and it prints the same`, () => {
    const root = materialise(files, `${name}-together`);
    const before = runPackage(root);
    // Every user of the package is in it, so its public coroutines may change their contract.
    const cli = runCli(['refactor', 'pkg', '--to', 'async', '--write', '--public-api', 'convert'], root);
    assert.equal(cli.status, 0, cli.stderr);
    for (const file of ['main.py', callee]) assert.match(readFileSync(join(root, 'pkg', file), 'utf8'), /async def/, `${file} converted`);
    assert.equal(runPackage(root), before);
  });
}
