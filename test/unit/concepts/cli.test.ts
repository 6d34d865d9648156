// `concept-lenses concepts` as a user runs it (the built dist/cli.js).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../../helpers/cli';
import { dedent } from '../../helpers/parser';

const dir = mkdtempSync(join(tmpdir(), 'concepts-cli-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const path = join(dir, 'legacy.py');
writeFileSync(
  path,
  dedent(`
    import asyncio


    class Poller:
        @asyncio.coroutine
        def poll(self, delay):
            yield from asyncio.sleep(delay)
            return delay

        def plain(self):
            return 1
  `),
);

test('--json prints files → functions (dotted names, classes too) → most specific concepts with what they imply and evidence lines', () => {
  const run = runCli(['concepts', path, '--json']);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), {
    files: [
      {
        path,
        functions: [{ name: 'Poller.poll', line: 6, endLine: 8, concepts: [{ id: 'generator-coroutine', parents: ['generator', 'iterator', 'iterable'], evidence: [5, 7] }] }],
      },
    ],
  });
});

test('the text form names each labelled function with its concepts and lines', () => {
  const run = runCli(['concepts', path]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, `${path}\n  6-8         Poller.poll: generator coroutine (5, 7)\n`);
});

test('an unparsable file is a usage error naming the file and line', () => {
  const broken = join(dir, 'broken.py');
  writeFileSync(broken, 'def f(:\n    pass\n');
  const run = runCli(['concepts', broken]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /broken\.py:1:/);
});
