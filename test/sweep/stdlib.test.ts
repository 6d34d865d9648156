// Every rung of the ladder over every module of the installed CPython standard
// library, in-process, as `refactor FILE --to RUNG` would take it (the modules
// beside it as its project, callers not brought along). Code we did not write:
// every output must compile with CPython, and change nothing outside the
// functions the conversion reports converting except imports, inserted
// helpers and lines that use a converted function. No module may crash it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import type { SourceFile } from '../../extension/engine';
import type { Rung } from '../../extension/engine/ladder/conversion';
import { stepModules } from '../../extension/engine/ladder/stepModules';
import { loadProject } from '../../extension/cli/loadProject';
import { readPythonSource } from '../../extension/cli/loadSources';
import { encodeLike } from '../../extension/cli/writeInPlace';
import { parse, pythonParser } from '../helpers/parser';
import { unreportedChange } from './reportedEdits';

const RUNGS: readonly Rung[] = ['async', 'generator', 'cps', 'direct'];
/**
 * Third-party packages are not the standard library. CPython's own test suites
 * (and their deliberately broken data files) are left out too: they are 60 % of
 * the files, Debian does not install them, and the sweep must stay a few minutes.
 */
const NOT_SWEPT = new Set(['site-packages', 'dist-packages', '__pycache__', 'test', 'tests', 'idle_test']);

function stdlibDir(): string {
  const run = spawnSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim();
}

function modulesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !NOT_SWEPT.has(e.name) && !e.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? modulesUnder(join(dir, e.name)) : e.isFile() && e.name.endsWith('.py') ? [join(dir, e.name)] : []));
}

/** One python3 compiles every file; it prints the ones that fail, with CPython's message. */
function uncompilable(paths: readonly string[]): { path: string; error: string }[] {
  const script = `import json, sys
failed = []
for path in json.load(sys.stdin):
    try:
        with open(path, 'rb') as f:
            compile(f.read(), path, 'exec', dont_inherit=True)
    except (SyntaxError, ValueError) as e:
        failed.append({'path': path, 'error': f'{type(e).__name__}: {e}'})
print(json.dumps(failed))`;
  const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(paths), encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { path: string; error: string }[];
}

interface Tally {
  modules: number;
  changed: number;
  converted: number;
  refused: Map<string, number>;
}

test('every rung over every module of the standard library: output compiles, nothing changes unreported, nothing crashes', async () => {
  const started = Date.now();
  const root = stdlibDir();
  const paths = modulesUnder(root);
  const parser = await pythonParser();
  // As `refactor FILE` sees it: the file and the modules beside it; one model per directory.
  const projects = new Map<string, ReturnType<typeof loadProject>>();
  const projectOf = (path: string): ReturnType<typeof loadProject> => {
    let project = projects.get(dirname(path));
    if (!project) projects.set(dirname(path), (project = loadProject(parser, [path])));
    return project;
  };
  const out = mkdtempSync(join(tmpdir(), 'cl-sweep-'));
  const problems: string[] = [];
  const unparsable: string[] = [];
  const written = new Map<string, string>();
  const tallies = new Map(RUNGS.map((r): [Rung, Tally] => [r, { modules: 0, changed: 0, converted: 0, refused: new Map() }]));
  try {
    for (const path of paths) {
      let input: ReturnType<typeof readPythonSource>;
      let file: SourceFile;
      try {
        input = readPythonSource(path);
        file = await parse(input.text);
      } catch (error) {
        unparsable.push(`${relative(root, path)}: ${(error as Error).message}`);
        continue;
      }
      try {
        if (file.syntaxErrors.length > 0) {
          unparsable.push(relative(root, path));
          continue;
        }
        for (const rung of RUNGS) {
          const tally = tallies.get(rung);
          assert.ok(tally);
          const where = `${relative(root, path)} --to ${rung}`;
          tally.modules++;
          let result;
          try {
            result = stepModules([{ path, file }], rung, { withCallers: false }, projectOf(path)).get(path);
          } catch (error) {
            problems.push(`${where}: crashed: ${(error as Error).stack ?? String(error)}`);
            continue;
          }
          assert.ok(result, where);
          tally.converted += result.converted.length;
          for (const r of result.refused) tally.refused.set(r.code, (tally.refused.get(r.code) ?? 0) + 1);
          if (result.text === undefined) continue;
          tally.changed++;
          const after = file.reparse(result.text);
          try {
            const why = unreportedChange(file, after, result);
            if (why) problems.push(`${where}: ${why}`);
          } finally {
            after.dispose();
          }
          const target = join(out, rung, relative(root, path));
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, encodeLike(path, result.text, input.bytes));
          written.set(target, where);
        }
      } finally {
        file.dispose();
      }
    }
    const compiledIn = Date.now();
    for (const { path, error } of uncompilable([...written.keys()])) problems.push(`${written.get(path) ?? path}: the output does not compile: ${error}`);

    console.log(`stdlib sweep of ${root}: ${String(paths.length)} modules, ${String(unparsable.length)} not parsable (left out, as the CLI reports them): ${unparsable.join('; ')}`);
    for (const [rung, t] of tallies) {
      const refusals = [...t.refused].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${String(n)}`).join(', ');
      console.log(`--to ${rung}: ${String(t.modules)} modules, ${String(t.changed)} changed, ${String(t.converted)} functions converted; refused: ${refusals || 'none'}`);
    }
    console.log(`${String(written.size)} outputs compiled in ${String(Date.now() - compiledIn)} ms; whole sweep ${String(Math.round((Date.now() - started) / 1000))} s`);
    assert.deepEqual(problems, []);
  } finally {
    for (const project of projects.values()) project.dispose();
    rmSync(out, { recursive: true, force: true });
  }
});
