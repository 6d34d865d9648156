// What the per-file sub-commands share: each file parsed once and its tree
// freed before the next, then either JSON or a listing by line range.
import type { PythonParser, SourceFile } from '../engine';
import type { CommandContext } from './command';
import { parseFile } from './loadSources';
import { visible } from '../engine/syntax/visibleText';

/** `read` applied to every file in turn; each tree is disposed even when `read` throws. */
export function mapParsedFiles<T>(parser: PythonParser, paths: readonly string[], read: (file: SourceFile, path: string) => T): T[] {
  return paths.map((path) => {
    const file = parseFile(parser, path);
    try {
      return read(file, path);
    } finally {
      file.dispose();
    }
  });
}

interface ListedFunction {
  readonly name: string;
  readonly line: number;
  readonly endLine: number;
}

/**
 * `{ files }` as JSON under --json; otherwise each path, then one line per
 * function: its line range, its name and whatever `detail` adds.
 */
export function printFunctionListing<F extends ListedFunction>(
  context: CommandContext,
  files: readonly { readonly path: string; readonly functions: readonly F[] }[],
  detail: (f: F) => string = () => '',
): void {
  if (context.flags['json']) {
    context.out(JSON.stringify({ files }, null, 2));
    return;
  }
  for (const { path, functions } of files) {
    context.out(visible(path));
    for (const f of functions) context.out(visible(`  ${`${String(f.line)}-${String(f.endLine)}`.padEnd(11)} ${f.name}${detail(f)}`));
  }
}
