// The real parser for tests, loaded from the packages the bundle copies it from.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PythonParser, SourceFile, type FunctionInfo } from '../../extension/engine';

const require = createRequire(__filename);
let loaded: Promise<PythonParser> | undefined;

export function pythonParser(): Promise<PythonParser> {
  loaded ??= PythonParser.load({
    runtime: readFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm')),
    python: readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm')),
  });
  return loaded;
}

/** Parses `text` with the real parser; strips a common indent so tests can indent sources. */
export async function parse(text: string): Promise<SourceFile> {
  return SourceFile.parse(await pythonParser(), text);
}

/** Removes the indentation common to every non-blank line, and one leading newline. */
export function dedent(text: string): string {
  const body = text.replace(/^\n/, '');
  const indents = body.split('\n').filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = Math.min(...indents);
  return body.split('\n').map((l) => l.slice(cut)).join('\n');
}

/** The definition of `file` with the dotted name `name` (the first, if several); throws if there is none. */
export function definition(file: SourceFile, name: string): FunctionInfo {
  const [found] = file.functions.named(name);
  if (!found) throw new Error(`no definition named ${name}`);
  return found;
}
