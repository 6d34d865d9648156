// The modules `interleavings` resolves imports against: every Python file
// under a directory argument (named by its path relative to that directory),
// and for a file argument, the files of its own directory that its imports
// name, read only when an import names them (so `import state` finds state.py).
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { PythonParser, SourceFile } from '../../engine';
import type { WorkspaceModule } from '../../engine/interleave/model';
import { importedModuleNames } from '../../engine/interleave/workspace';
import { CliError } from '../exitCodes';
import { parseFile } from '../loadSources';
import { isRegularFile, moduleName } from '../pythonFiles';

export interface LoadedWorkspace {
  /** By dotted module name; the first file to claim a name keeps it. */
  readonly modules: ReadonlyMap<string, WorkspaceModule>;
  /** The parse of each analysed path that could be read and parsed. */
  readonly files: ReadonlyMap<string, SourceFile>;
  /** One line for each analysed path that could not be, in order. */
  readonly problems: readonly string[];
  dispose(): void;
}

/**
 * Parses `analysed` (whose errors are the user's to see, in `problems`), every module under
 * a directory argument, and the neighbours a file argument imports,
 * transitively (others are skipped when they do not parse: they are only
 * context). `listPython(dir)` lists a directory argument's Python files.
 */
export function loadWorkspace(
  parser: PythonParser,
  given: readonly string[],
  analysed: readonly string[],
  listPython: (dir: string) => readonly string[],
): LoadedWorkspace {
  const parsed = new Map<string, SourceFile>();
  const modules = new Map<string, WorkspaceModule>();
  const problems: string[] = [];
  const dispose = () => {
    for (const file of parsed.values()) file.dispose();
  };
  const claim = (name: string | undefined, path: string, file: SourceFile): void => {
    if (name === undefined || modules.has(name)) return;
    parsed.set(path, file);
    modules.set(name, { path, file });
  };
  try {
    for (const path of analysed) {
      if (parsed.has(path)) continue;
      try {
        parsed.set(path, parseFile(parser, path));
      } catch (error) {
        // One unreadable file costs its own analysis, not the others'.
        if (!(error instanceof CliError)) throw error;
        problems.push(error.message);
      }
    }
    for (const arg of given) {
      if (!statSync(arg).isDirectory()) continue;
      for (const path of listPython(arg)) {
        const name = moduleName(arg, path);
        if (name === undefined || modules.has(name)) continue;
        const file = parsed.get(path) ?? parseContext(parser, path);
        if (file) claim(name, path, file);
      }
    }
    for (const arg of given) {
      const file = parsed.get(arg);
      if (!file || statSync(arg).isDirectory()) continue;
      // The file and, transitively, the neighbours its imports name.
      const root = dirname(arg);
      const pending: [string, SourceFile][] = [[arg, file]];
      claim(moduleName(root, arg), arg, file);
      for (let next = pending.pop(); next; next = pending.pop()) {
        const [path, importer] = next;
        for (const name of importedModuleNames(importer, { name: moduleName(root, path) ?? '__main__', isPackage: basename(path) === '__init__.py' })) {
          if (modules.has(name)) continue;
          const found = modulePath(root, name);
          const neighbour = found === undefined ? undefined : (parsed.get(found) ?? parseContext(parser, found));
          if (found === undefined || !neighbour) continue;
          claim(name, found, neighbour);
          pending.push([found, neighbour]);
        }
      }
    }
  } catch (error) {
    dispose();
    throw error;
  }
  return { modules, files: parsed, problems, dispose };
}

function parseContext(parser: PythonParser, path: string): SourceFile | undefined {
  try {
    return parseFile(parser, path);
  } catch (error) {
    if (error instanceof CliError) return undefined;
    throw error;
  }
}

/** The regular file that holds module `name` under `root` (`a/b.py` or `a/b/__init__.py`), if any. */
function modulePath(root: string, name: string): string | undefined {
  const base = join(root, ...name.split('.'));
  return [`${base}.py`, join(base, '__init__.py')].find(isRegularFile);
}

