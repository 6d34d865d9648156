// `interleavings FILE` reads the neighbours the file's imports name (and
// theirs, transitively), and only those.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli';

test('a write in a module imported through another module is an interferer; an unimported neighbour is never read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-lazy-'));
  writeFileSync(join(dir, 'state.py'), 'counter = 0\n');
  writeFileSync(join(dir, 'workers.py'), 'import state\n\nasync def reset():\n    state.counter = 0\n');
  writeFileSync(join(dir, 'services.py'), 'import workers\n');
  writeFileSync(join(dir, 'app.py'), 'import state\nimport services\n\nasync def bump():\n    seen = state.counter\n    await tick()\n    state.counter = seen + 1\n');
  // Imported by no one: were it read, its write would be listed.
  writeFileSync(join(dir, 'unrelated.py'), 'import state\n\nasync def other():\n    state.counter = 5\n');
  const run = runCli(['interleavings', join(dir, 'app.py'), '--json']);
  assert.equal(run.status, 1, run.stderr);
  const json = JSON.parse(run.stdout) as { files: { hazards: { interferers: { function: string; file?: string }[] }[] }[] };
  const writers = json.files.flatMap((f) => f.hazards.flatMap((h) => h.interferers.map((w) => `${w.function}@${w.file?.split('/').pop() ?? 'app.py'}`)));
  assert.ok(writers.includes('reset@workers.py'), writers.join(', '));
  assert.ok(!writers.some((w) => w.endsWith('unrelated.py')), writers.join(', '));
});
