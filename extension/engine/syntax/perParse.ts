// Answers about one definition of a parse, kept for as long as the parse:
// the steps, the lenses and the conversions ask the same question of the same
// function many times (once for itself, again for every call of it), and each
// answer walks its body through the WebAssembly tree.
import type { FunctionInfo } from './functionIndex';
import type { SourceFile } from './sourceFile';

/** `compute`, asked at most once per parse and function. */
export function perFunction<T>(compute: (file: SourceFile, fn: FunctionInfo) => T): (file: SourceFile, fn: FunctionInfo) => T {
  const answers = new WeakMap<SourceFile, Map<number, T>>();
  return (file, fn) => {
    let known = answers.get(file);
    if (!known) answers.set(file, (known = new Map<number, T>()));
    if (known.has(fn.node.id)) return known.get(fn.node.id) as T;
    const answer = compute(file, fn);
    known.set(fn.node.id, answer);
    return answer;
  };
}
