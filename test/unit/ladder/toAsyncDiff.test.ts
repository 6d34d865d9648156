// The --diff output is a real unified diff: git apply turns the old file into the new one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { unifiedDiff } from '../../../extension/cli/unifiedDiff';

function applies(before: string, after: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'cl-diff-'));
  writeFileSync(join(dir, 'm.py'), before);
  writeFileSync(join(dir, 'change.patch'), unifiedDiff('m.py', before, after));
  const run = spawnSync('git', ['apply', '--whitespace=nowarn', 'change.patch'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(readFileSync(join(dir, 'm.py'), 'utf8'), after);
}

test('unified diffs apply: scattered hunks, merged nearby hunks, edits at both ends, no final newline', () => {
  const lines = Array.from({ length: 60 }, (_, i) => `line ${String(i)}`);
  const before = lines.join('\n') + '\n';
  const changed = [...lines];
  changed[0] = 'first changed';
  changed[10] = 'ten';
  changed.splice(14, 1);
  changed.splice(30, 0, 'inserted', 'twice');
  changed[changed.length - 1] = 'last changed';
  applies(before, changed.join('\n') + '\n');
  applies(before, changed.join('\n'));
  applies('a\nb', 'a\nb\n');
  assert.equal(unifiedDiff('m.py', before, before), '');
});

test('a diff of CRLF text keeps the carriage returns', () => {
  applies('a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n');
});
