// Answers about one definition of a parse, kept for as long as the parse:
// the steps, the lenses and the conversions ask the same question of the same
// function many times (once for itself, again for every call of it), and each
// answer walks its body through the WebAssembly tree. Answers about one
// top-level statement are kept longer: for as long as parses take it over.
import type { FunctionInfo } from './functionIndex';
import type { Node } from './node';
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

/**
 * `compute`, asked at most once per top-level statement and carried over to
 * every later parse that takes the statement over unchanged (`SyntaxTree.takeOver`):
 * after an edit, or in the re-parse of a step's output, only the statements
 * the change touched are asked again. `compute` must read nothing but the
 * statement (its text and tree) and answer in offsets relative to its start,
 * holding no node (an answer outlives the parse it was asked of).
 */
export function perStatement<T>(compute: (file: SourceFile, statement: Node) => T): (file: SourceFile, statement: Node) => T {
  const question = {};
  return (file, statement) => {
    const known = file.tree.statementAnswers(statement);
    if (known.has(question)) return known.get(question) as T;
    const answer = compute(file, statement);
    known.set(question, answer);
    return answer;
  };
}
