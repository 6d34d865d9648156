// The modules `interleavings` resolves imports against: every Python file
// under a directory argument (named by its path relative to that directory),
// and a file argument's own directory (so `import state` finds state.py).
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { PythonParser, SourceFile } from '../../engine';
import type { WorkspaceModule } from '../../engine/interleave/model';
import { CliError } from '../exitCodes';
import { parseFile } from '../loadSources';

export interface LoadedWorkspace {
  /** By dotted module name; the first file to claim a name keeps it. */
  readonly modules: ReadonlyMap<string, WorkspaceModule>;
  /** The parse of each analysed path. */
  readonly files: ReadonlyMap<string, SourceFile>;
  dispose(): void;
}

/**
 * Parses `analysed` (whose errors are the user's to see) and the sibling
 * modules of file arguments (skipped when they do not parse: they are only
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
  const dispose = () => {
    for (const file of parsed.values()) file.dispose();
  };
  try {
    for (const path of analysed) if (!parsed.has(path)) parsed.set(path, parseFile(parser, path));
    for (const arg of given) {
      const isDirectory = statSync(arg).isDirectory();
      const root = isDirectory ? arg : dirname(arg);
      for (const path of isDirectory ? listPython(arg) : [arg, ...siblings(arg)]) {
        const name = moduleName(root, path);
        if (name === undefined || modules.has(name)) continue;
        const file = parsed.get(path) ?? parseContext(parser, path);
        if (!file) continue;
        parsed.set(path, file);
        modules.set(name, { path, file });
      }
    }
  } catch (error) {
    dispose();
    throw error;
  }
  return { modules, files: parsed, dispose };
}

function parseContext(parser: PythonParser, path: string): SourceFile | undefined {
  try {
    return parseFile(parser, path);
  } catch (error) {
    if (error instanceof CliError) return undefined;
    throw error;
  }
}

/** The other `*.py` files beside `file`, unreadable directories giving none. */
function siblings(file: string): string[] {
  const dir = dirname(file);
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.py') && !n.startsWith('.') && n !== basename(file))
      .sort()
      .map((n) => join(dir, n))
      .filter((p) => statSync(p).isFile());
  } catch {
    return [];
  }
}

/** `pkg/state.py` → `pkg.state`, `pkg/__init__.py` → `pkg`; undefined for names Python cannot import. */
export function moduleName(root: string, path: string): string | undefined {
  const parts = relative(root, path).replace(/\.py$/, '').split(sep);
  if (parts.at(-1) === '__init__') parts.pop();
  return parts.length > 0 && parts.every((p) => /^[A-Za-z_]\w*$/.test(p)) ? parts.join('.') : undefined;
}
