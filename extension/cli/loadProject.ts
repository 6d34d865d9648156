// The project a CLI run sees: every Python file under its directory
// arguments, and each file argument with the `.py` files beside it (named as
// Python would import them from there). Texts are read up front — that is
// cheap — but a module is parsed only when the model needs it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { decodePythonSource, MAX_SOURCE_BYTES, SourceFile, type PythonParser } from '../engine';
import { ProjectModel, type ModuleSource } from '../engine/python/project';

/**
 * The model over `args` (files and directories). `listPython(dir)` lists a
 * directory's Python files. Unreadable or undecodable neighbours are left
 * out: they are context, and the run reports only its own inputs' problems.
 */
export function loadProject(parser: PythonParser, args: readonly string[], listPython: (dir: string) => readonly string[]): ProjectModel {
  const model = new ProjectModel((source) => SourceFile.parse(parser, source.text));
  const seen = new Set<string>();
  for (const arg of args) {
    const isDirectory = isDir(arg);
    const root = isDirectory ? arg : dirname(arg);
    for (const path of isDirectory ? listPython(arg) : [arg, ...pythonBeside(arg)]) {
      if (seen.has(path)) continue;
      seen.add(path);
      const source = moduleSource(root, path);
      if (source) model.set(source);
    }
  }
  return model;
}

/** The module `path` is when imported from `root`; undefined when Python could not import it or it cannot be read. */
function moduleSource(root: string, path: string): ModuleSource | undefined {
  const parts = relative(root, path).replace(/\.py$/, '').split(sep);
  const isPackage = parts.at(-1) === '__init__';
  if (isPackage) parts.pop();
  if (parts.length === 0 || !parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) return undefined;
  const text = readText(path);
  return text === undefined ? undefined : { path, name: parts.join('.'), isPackage, text };
}

function readText(path: string): string | undefined {
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > MAX_SOURCE_BYTES) return undefined;
    const decoded = decodePythonSource(readFileSync(path));
    return decoded.ok ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The other `*.py` regular files in `file`'s directory. */
function pythonBeside(file: string): string[] {
  const dir = dirname(file);
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.py') && !n.startsWith('.'))
      .sort()
      .map((n) => join(dir, n))
      .filter((p) => p !== file);
  } catch {
    return [];
  }
}
