// The runner and trampoline the refactors insert are machinery, not the
// user's functions: never candidates, and names inside them are not references.
import type { Node } from 'web-tree-sitter';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { INLINE_CALLBACKS_RUNNER, RUNNER_NAME } from './inlineCallbacksRunner';
import { TRAMPOLINE_NAME, TRAMPOLINE_SOURCE } from './trampolineSource';
import { ADAPTER_NAME, ADAPTER_SOURCE } from './callbackAwaitable';

export function isInsertedHelper(file: SourceFile, fn: FunctionInfo): boolean {
  if (fn.parent !== undefined) return false;
  const text = file.textOf(fn.node);
  if (isSource(text.replace(/^def \w+\(/, `def ${ADAPTER_NAME}(`), ADAPTER_SOURCE)) return true;
  return (fn.name === TRAMPOLINE_NAME && isSource(text, TRAMPOLINE_SOURCE)) || isSource(text.replace(/^def \w+\(/, `def ${RUNNER_NAME}(`), INLINE_CALLBACKS_RUNNER);
}

/** Is `text` (a definition as found in a file, any line breaks) exactly the helper `source`? */
export function isSource(text: string, source: string): boolean {
  return text.replace(/\r\n?/g, '\n') === source.trimEnd();
}

const helperRanges = new WeakMap<SourceFile, readonly Node[]>();

/** Is `node` inside one of the inserted helpers? */
export function insideInsertedHelper(file: SourceFile, node: Node): boolean {
  let helpers = helperRanges.get(file);
  if (!helpers) {
    helpers = file.functions.all.filter((f) => isInsertedHelper(file, f)).map((f) => f.node);
    helperRanges.set(file, helpers);
  }
  return helpers.some((h) => h.startIndex <= node.startIndex && node.endIndex <= h.endIndex);
}
