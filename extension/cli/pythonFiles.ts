// Which Python files a CLI run reads, and the module each one is.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CliError } from './exitCodes';

/**
 * Files as given; directories searched recursively for *.py, in name order,
 * skipping hidden entries, not following symbolic links to directories, and
 * leaving out what is not a regular file (a FIFO or a link to a device).
 */
export function pythonFiles(paths: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (path: string, given: boolean): void => {
    let entries: string[] | undefined;
    try {
      if ((given ? statSync(path) : lstatSync(path)).isDirectory()) entries = readdirSync(path);
    } catch (error) {
      throw new CliError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
    }
    if (entries) for (const name of entries.filter((n) => !n.startsWith('.')).sort()) visit(join(path, name), false);
    else if (given || (path.endsWith('.py') && isRegularFile(path))) found.push(path);
  };
  for (const path of paths) visit(path, true);
  return found;
}

export function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `pkg/state.py` → `pkg.state`, `pkg/__init__.py` → `pkg`; undefined for names Python cannot import. */
export function moduleName(root: string, path: string): string | undefined {
  const parts = relative(root, path).replace(/\.py$/, '').split(sep);
  if (parts.at(-1) === '__init__') parts.pop();
  return parts.length > 0 && parts.every((p) => /^[A-Za-z_]\w*$/.test(p)) ? parts.join('.') : undefined;
}
