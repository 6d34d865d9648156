// The project a CLI run sees: every Python file under its directory
// arguments, and each file argument with the `.py` files beside it, each
// named as Python would import it (from the top of the package it sits in).
// Texts are read up front, which is cheap; a module is parsed only when the
// model needs it (its text mentions the name asked about).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decodePythonSource, SourceFile, type PythonParser } from '../engine';
import { ProjectModel, type ModuleSource } from '../engine/python/project';
import { CliError } from './exitCodes';
import { readSource } from './loadSources';
import { isRegularFile, moduleName, pythonFiles } from './pythonFiles';

export function loadProject(parser: PythonParser, args: readonly string[]): ProjectModel {
  const model = new ProjectModel((source) => SourceFile.parse(parser, source.text));
  const seen = new Set<string>();
  for (const arg of args) {
    const isDirectory = !isRegularFile(arg);
    const root = packageRoot(isDirectory ? arg : dirname(arg));
    for (const path of isDirectory ? pythonFiles([arg]) : [arg, ...pythonBeside(arg)]) {
      if (seen.has(path)) continue;
      seen.add(path);
      const source = moduleSource(root, path);
      if (source) model.set(source);
    }
  }
  return model;
}

/** The directory Python would import `dir`'s modules from: above every package (`__init__.py`) around it. */
function packageRoot(dir: string): string {
  let root = dir;
  while (existsSync(join(root, '__init__.py')) && dirname(root) !== root) root = dirname(root);
  return root;
}

/** Undefined when Python could not import the file by a name, or it cannot be read: neighbours are context, not inputs. */
function moduleSource(root: string, path: string): ModuleSource | undefined {
  const name = moduleName(root, path);
  if (name === undefined) return undefined;
  try {
    const decoded = decodePythonSource(readSource(path));
    return decoded.ok ? { path, name, isPackage: path.endsWith('__init__.py'), text: decoded.text } : undefined;
  } catch (error) {
    if (error instanceof CliError) return undefined;
    throw error;
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
      .filter((p) => p !== file && isRegularFile(p));
  } catch {
    return [];
  }
}
