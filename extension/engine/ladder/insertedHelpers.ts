// The runner, trampoline and error guard the refactors insert are machinery, not the
// user's functions: never candidates, and names inside them are not references.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { perFunction } from '../syntax/perParse';
import { INLINE_CALLBACKS_RUNNER, RUNNER_NAME, runnerSource } from './inlineCallbacksRunner';
import { TRAMPOLINE_NAME, TRAMPOLINE_SOURCE } from './trampolineSource';
import { ADAPTER_NAME, ADAPTER_SOURCE } from './callbackAwaitable';
import { isTornadoYieldAdapter } from './tornadoYield';
import { ERROR_GUARD_NAME, ERROR_GUARD_SOURCE } from './errorGuardSource';

/** Asked of every function by several rungs' filters: compared with each helper's source once per parse. */
export const isInsertedHelper = perFunction((file: SourceFile, fn: FunctionInfo): boolean => {
  if (fn.parent !== undefined) return false;
  const text = file.textOf(fn.node);
  if (isSource(text.replace(/^def \w+\(/, `def ${ADAPTER_NAME}(`), ADAPTER_SOURCE) || isTornadoYieldAdapter(file, fn)) return true;
  if (fn.name === ERROR_GUARD_NAME && isSource(text, ERROR_GUARD_SOURCE)) return true;
  return (fn.name === TRAMPOLINE_NAME && isSource(text, TRAMPOLINE_SOURCE)) || isSource(text.replace(/^def \w+\(/, `def ${RUNNER_NAME}(`), INLINE_CALLBACKS_RUNNER);
});

/** The names of the runner in `file`: the configured (or default) one, and every module-level def that is the runner renamed. */
export function runnerNames(file: SourceFile, configured: string | undefined): string[] {
  const names = new Set([configured ?? RUNNER_NAME]);
  for (const f of file.functions.all) if (isOwnRunner(file, f)) names.add(f.name);
  return [...names];
}

/** Is `f` a module-level def that is exactly the runner the refactors insert, under its own name? */
export function isOwnRunner(file: SourceFile, f: FunctionInfo): boolean {
  return f.parent === undefined && f.kind === 'function' && isSource(file.textOf(f.node), runnerSource(f.name));
}

/** Is `text` (a definition as found in a file, any line breaks) exactly the helper `source`? */
export function isSource(text: string, source: string): boolean {
  // Most texts have no `\r`: rewriting every function's text only to compare it showed in profiles of `--to async`.
  return (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text) === source.trimEnd();
}

/** Does the module define the helper \`name\` exactly as the refactor inserts it? */
export function hasHelper(file: SourceFile, name: string, source: string): boolean {
  return file.functions.named(name).some((f) => isSource(file.textOf(f.node), source));
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

/** Does the module already hold our trampoline, unchanged (so a step reuses it rather than inserting another)? */
export function hasOwnTrampoline(file: SourceFile): boolean {
  return hasHelper(file, TRAMPOLINE_NAME, TRAMPOLINE_SOURCE);
}

/** Does the module define a `trampoline` of its own, so ours cannot be inserted under that name? */
export function trampolineNameTaken(file: SourceFile): boolean {
  return !hasOwnTrampoline(file) && file.functions.named(TRAMPOLINE_NAME).length > 0;
}
