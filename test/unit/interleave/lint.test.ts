// The interleavings linter as a project adopts it: pyproject.toml settings,
// suppression comments, GitHub annotations, a baseline, and the pre-commit hook.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { isLinted, readLintConfig } from '../../../extension/engine/interleave/lintConfig';
import { analyzeInterleavings } from '../../../extension/engine/interleave/model';
import { lintHazards } from '../../../extension/engine/interleave/suppressions';
import { CLI, ROOT, runCli } from '../../helpers/cli';
import { dedent, parse } from '../../helpers/parser';

const RACY = join(ROOT, 'test/corpus/interleavings/racy');
const SAFE = join(ROOT, 'test/corpus/interleavings/safe');

test('pyproject.toml: the [tool.concept-lenses] subset is read; other tables are skipped whatever they hold', () => {
  const { config, problems, found } = readLintConfig(
    [
      '[project]',
      'name = "shop"',
      'description = """',
      '[tool.concept-lenses]',
      'include = ["not", "this"]',
      '"""',
      '',
      '[tool.concept-lenses]  # ours',
      'include = ["src"]',
      'exclude = [',
      '  "src/legacy",   # old code',
      "  'src/**/gen_*.py',",
      ']',
      'ignore-state = ["STATS", "self._metrics"]',
      'severity = { stale-read = "off" }',
      '',
      '[tool.concept-lenses.severity]',
      'lost-update = "error"',
      '"check-then-act" = "info"',
      '',
      '[tool.other]',
      "x = '''",
      '[tool.concept-lenses.severity]',
      "'''",
    ].join('\n'),
  );
  assert.deepEqual(problems, []);
  assert.equal(found, true);
  assert.deepEqual(config, {
    include: ['src'],
    exclude: ['src/legacy', 'src/**/gen_*.py'],
    ignoreState: ['STATS', 'self._metrics'],
    severity: { 'stale-read': 'off', 'lost-update': 'error', 'check-then-act': 'info' },
  });
  assert.equal(isLinted('src/shop/cart.py', config), true);
  assert.equal(isLinted('tests/test_cart.py', config), false);
  assert.equal(isLinted('src/legacy/old.py', config), false);
  assert.equal(isLinted('src/a/b/gen_models.py', config), false);
  assert.equal(isLinted('src/gen_models.py', config), false);
  assert.equal(isLinted('src/a/regen_models.py', config), true);
});

test('pyproject.toml: values outside the subset, unknown settings and kinds are problems with their line', () => {
  const { problems } = readLintConfig(
    ['[tool.concept-lenses]', 'exclude = "src"', 'include = [1.5]', 'colour = "red"', '[tool.concept-lenses.severity]', 'races = "error"', 'stale-read = "loud"'].join('\n'),
  );
  assert.deepEqual(problems.map((p) => p.line).sort(), [2, 3, 4, 6, 7]);
  assert.equal(readLintConfig('[tool.black]\nline-length = 100\n').found, false);
});

const SUPPRESSED = dedent(`
  import asyncio

  counter = 0
  hits = 0
  CACHE = {}

  async def bump():
      global counter
      seen = counter
      await asyncio.sleep(0)
      counter = seen + 1  # concept-lenses: ignore[lost-update] -- only one bump task runs at a time

  async def hit():
      global hits
      seen = hits
      await asyncio.sleep(0)
      # concept-lenses: ignore -- hits are approximate
      hits = seen + 1

  async def load(key):
      if key not in CACHE:
          CACHE[key] = await asyncio.sleep(0, key)  # concept-lenses: ignore[lost-update]

  async def quiet():
      await asyncio.sleep(0)  # concept-lenses: ignore[stale-read, races] -- nothing here
`);

test('suppression comments: on the line or alone above it, by kind; unused, reasonless and unknown-kind ones are reported', async () => {
  const file = await parse(SUPPRESSED);
  const hazards = analyzeInterleavings(file).hazards;
  assert.deepEqual(hazards.map((h) => `${h.kind} ${h.variable}`), ['lost-update counter', 'lost-update hits', 'check-then-act CACHE']);
  const none = { include: [], exclude: [], ignoreState: [], severity: {} };
  const result = lintHazards(file, hazards, none);
  assert.deepEqual(result.findings.map((f) => `${f.hazard.kind} ${f.hazard.variable} ${f.severity}`), ['check-then-act CACHE warning']);
  assert.deepEqual(result.suppressed.map((s) => s.by.reason), ['only one bump task runs at a time', 'hits are approximate']);
  assert.deepEqual(
    result.problems.map((p) => `${String(p.line)} ${p.code}`),
    ['22 suppression-without-reason', '22 unused-suppression', '25 unknown-hazard-kind'],
  );
  const configured = lintHazards(file, hazards, { ...none, ignoreState: ['CACHE'], severity: { 'lost-update': 'off' } });
  assert.deepEqual(configured.findings, []);
  // Suppressions of hazards the configuration hides are not stale.
  assert.deepEqual(configured.problems, result.problems);
  file.dispose();
});

/** A scratch project: pyproject.toml and Python files copied from the corpus. */
function project(files: Record<string, string>, pyproject?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'concept-lenses-lint-'));
  if (pyproject !== undefined) writeFileSync(join(dir, 'pyproject.toml'), pyproject);
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(join(dir, to, '..'), { recursive: true });
    copyFileSync(from, join(dir, to));
  }
  return dir;
}

test('the CLI reads the nearest pyproject.toml: exclude drops files given by name, severity is in JSON and SARIF', () => {
  const dir = project(
    { 'src/deposit.py': join(RACY, 'deposit_lost.py'), 'src/legacy/words.py': join(RACY, 'word_counts.py') },
    '[tool.concept-lenses]\nexclude = ["src/legacy"]\n[tool.concept-lenses.severity]\nlost-update = "error"\n',
  );
  try {
    const run = runCli(['interleavings', '--format', 'json', 'src/deposit.py', 'src/legacy/words.py'], dir);
    assert.equal(run.status, 1, run.stderr);
    const json = JSON.parse(run.stdout) as { files: { path: string; hazards: { severity: string }[] }[] };
    assert.deepEqual(json.files.map((f) => [f.path, f.hazards.map((h) => h.severity)]), [['src/deposit.py', ['error']]]);
    const sarif = JSON.parse(runCli(['interleavings', '--sarif', 'src'], dir).stdout) as { runs: { results: { level: string }[] }[] };
    assert.deepEqual(sarif.runs[0]?.results.map((r) => r.level), ['error']);
    writeFileSync(join(dir, 'pyproject.toml'), '[tool.concept-lenses]\nexclude = "src"\n');
    const bad = runCli(['interleavings', 'src'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /pyproject\.toml:2: exclude must be an array of strings/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--format github writes one escaped workflow command per finding', () => {
  const run = runCli(['interleavings', '--format', 'github', `${RACY}/deposit_lost.py`]);
  assert.equal(run.status, 1, run.stderr);
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? '', /^::warning file=test\/corpus\/interleavings\/racy\/deposit_lost\.py,line=13,col=\d+,title=lost-update of self\.balance::.+%0A1\. task A \(Wallet\.withdraw\) reads self\.balance at line 11%0A/);
  assert.doesNotMatch(lines[0] ?? '', /\n/);
  assert.equal(runCli(['interleavings', '--format', 'xml', `${SAFE}/module_lock.py`]).status, 2);
});

test('--baseline: existing findings are accepted, a new one still fails, and moving code keeps the match', () => {
  const dir = project({ 'deposit.py': join(RACY, 'deposit_lost.py') });
  try {
    assert.equal(runCli(['interleavings', '--baseline', 'base.json', 'deposit.py'], dir).status, 2, 'a missing baseline is a usage error');
    const written = runCli(['interleavings', '--baseline', 'base.json', '--update-baseline', 'deposit.py'], dir);
    assert.equal(written.status, 0, written.stderr);
    assert.match(written.stdout, /Wrote 1 finding to base\.json/);
    assert.equal(runCli(['interleavings', '--baseline', 'base.json', 'deposit.py'], dir).status, 0);
    // Lines added above move the finding; a second racy file is new.
    const text = readFileSync(join(dir, 'deposit.py'), 'utf8');
    writeFileSync(join(dir, 'deposit.py'), text.replace('import asyncio', 'import asyncio\n\n\nLIMIT = 10'));
    copyFileSync(join(RACY, 'word_counts.py'), join(dir, 'words.py'));
    const run = runCli(['interleavings', '--baseline', 'base.json', 'deposit.py', 'words.py'], dir);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /words\.py\n {2}11: lost-update of counts in tally/);
    assert.doesNotMatch(run.stdout, /deposit\.py\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** An environment with `concept-lenses` on PATH, as `npm install -g` would put it. */
function withCliOnPath(dir: string): NodeJS.ProcessEnv {
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'concept-lenses'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'concept-lenses'), 0o755);
  return { ...process.env, PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}` };
}

/** The hook's entry as pre-commit runs it: `entry` split on spaces, then the staged files of its `types`. */
function hookEntry(): { entry: string[]; types: string[] } {
  const yaml = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  const entry = /^\s+entry:\s*(.+)$/m.exec(yaml)?.[1]?.trim().split(/\s+/) ?? [];
  const types = (/^\s+types:\s*\[(.*)\]$/m.exec(yaml)?.[1] ?? '').split(',').map((t) => t.trim());
  assert.match(yaml, /^- id: concept-lenses-interleavings$/m);
  assert.match(yaml, /^\s+language: system$/m);
  return { entry, types };
}

test('the pre-commit hook entry, run as pre-commit calls it with the staged Python files, fails on a hazard and passes without', () => {
  const { entry, types } = hookEntry();
  assert.deepEqual(types, ['python']);
  const dir = project({ 'app/deposit.py': join(RACY, 'deposit_lost.py'), 'app/locked.py': join(SAFE, 'module_lock.py') });
  const env = withCliOnPath(dir);
  const run = (files: string[]) => spawnSync(entry[0] ?? '', [...entry.slice(1), ...files], { cwd: dir, env, encoding: 'utf8' });
  try {
    const failing = run(['app/deposit.py', 'app/locked.py']);
    assert.equal(failing.status, 1, failing.stderr);
    assert.match(failing.stdout, /app\/deposit\.py\n {2}13: lost-update/);
    const passing = run(['app/locked.py']);
    assert.equal(passing.status, 0, passing.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pre-commit itself runs the hook from this repository (when pre-commit is installed)', (t) => {
  const which = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  if (which.status !== 0) {
    t.skip('pre-commit is not installed here; the entry test above runs the hook command as pre-commit would');
    return;
  }
  const dir = project({ 'deposit.py': join(RACY, 'deposit_lost.py') });
  const env = { ...withCliOnPath(dir), PRE_COMMIT_HOME: join(dir, '.cache') };
  const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  try {
    git('init', '-q');
    git('add', 'deposit.py');
    // try-repo uses the hooks file of the repository's HEAD.
    const run = spawnSync('pre-commit', ['try-repo', ROOT, 'concept-lenses-interleavings', '--files', 'deposit.py'], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /concept-lenses interleavings\.+Failed/);
    assert.match(run.stdout, /13: lost-update of self\.balance in Wallet\.withdraw/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
