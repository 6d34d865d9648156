// The project model over all of CPython's installed standard library (every
// `.py` under the stdlib directory but site-packages): building it, the first
// question that needs many modules parsed, the same question again, and the
// question after a one-character edit of one module — each as a ratio to
// tree-sitter's parse of the same text, measured in the same run.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadProject } from '../extension/cli/loadProject';
import type { ModuleSource, ProjectModel } from '../extension/engine/python/project';
import { pythonParser } from '../test/helpers/parser';
import { medianMs } from './measure';

/** The stdlib's top-level entries but site-packages, as the CLI would be given them. */
function stdlibArgs(): string[] {
  const root = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
  return readdirSync(root)
    .filter((n) => n !== 'site-packages' && !n.startsWith('.'))
    .sort()
    .map((n) => join(root, n));
}

/** Every use in the project of a function many modules mention. */
function usesOfJoin(model: ProjectModel): number {
  const posixpath = model.moduleNamed('posixpath') as ModuleSource;
  const join = model.fileOf(posixpath)?.functions.named('join')[0];
  if (!join) throw new Error('posixpath.join not found');
  return model.usesOf(posixpath, join).length;
}

async function main(): Promise<void> {
  const parser = await pythonParser();
  const args = stdlibArgs();
  const load = () => loadProject(parser, args);
  const model = load();
  const texts = model.modules.map((m) => m.text);
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  const parseAll = medianMs(() => {
    for (const t of texts) parser.parse(t).delete();
  }, 1, 0);
  const build = medianMs(() => {
    load().dispose();
  }, 1, 0);
  let uses = 0;
  const cold = medianMs(() => {
    const fresh = load();
    uses = usesOfJoin(fresh);
    fresh.dispose();
  }, 1, 0);
  usesOfJoin(model);
  const warm = medianMs(() => usesOfJoin(model));
  // One character added to one module that uses join: only it is parsed again.
  const edited = model.moduleNamed('shutil') as ModuleSource;
  const editedParse = medianMs(() => {
    parser.parse(edited.text).delete();
  });
  let toggle = false;
  const afterEdit = medianMs(() => {
    toggle = !toggle;
    model.set({ ...edited, text: edited.text + (toggle ? '#' : '') });
    usesOfJoin(model);
  });
  model.dispose();

  console.log(`\nproject model: CPython stdlib, ${String(model.modules.length)} files, ${(bytes / 1e6).toFixed(1)} M characters; ${String(uses)} uses of posixpath.join\n`);
  console.log('| measurement | median ms | × parse of the stdlib | × parse of the edited file |');
  console.log('|---|---:|---:|---:|');
  const row = (what: string, ms: number) => {
    console.log(`| ${what} | ${ms.toFixed(1)} | ${(ms / parseAll).toFixed(3)} | ${(ms / editedParse).toFixed(2)} |`);
  };
  row('tree-sitter parse of every file (baseline)', parseAll);
  row('build the model (read and name every module)', build);
  row('uses of posixpath.join, cold (parses the modules that mention it)', cold);
  row('the same question again', warm);
  row('one-character edit of shutil.py, then the question again', afterEdit);
  row('tree-sitter parse of shutil.py', editedParse);
}

void main();
