// Which functions of a module run as coroutines, which plain functions can run
// while a coroutine is suspended (they are called or scheduled from one), and
// which coroutine is the program's entry point (a single instance, first to run).
import type { Node } from 'web-tree-sitter';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import type { CoroutineKind } from './model';
import { ownDescendants } from './ownNodes';

export interface Coroutine {
  readonly fn: FunctionInfo;
  readonly kind: CoroutineKind;
}

export interface FunctionRoles {
  readonly coroutines: readonly Coroutine[];
  /** Plain functions reachable from a coroutine by call or reference: their writes interfere too. */
  readonly helpers: readonly FunctionInfo[];
  /** Coroutines started by `asyncio.run(f())` / `run_until_complete(f())`. */
  readonly entries: ReadonlySet<FunctionInfo>;
}

const GENERATOR_COROUTINE = /(^|\.)coroutine$/;
const FRAMEWORK = /(^|\.)(gen\.coroutine|gen\.engine|inlineCallbacks)$/;

function coroutineKind(file: SourceFile, fn: FunctionInfo): CoroutineKind | undefined {
  if (fn.kind !== 'function') return undefined;
  if (fn.isAsync) return 'async-def';
  if (fn.decorators.some((d) => FRAMEWORK.test(d))) return 'framework-generator';
  if (!/\byield\b/.test(file.textOf(fn.node))) return undefined;
  const yields = ownDescendants(fn.node, 'yield');
  const yieldFrom = yields.some(isYieldFrom);
  const plainYield = yields.some((y) => !isYieldFrom(y));
  if (fn.decorators.some((d) => GENERATOR_COROUTINE.test(d))) return yields.length > 0 ? 'generator-coroutine' : undefined;
  // An undecorated generator that only delegates is the pre-3.5 asyncio style.
  return yieldFrom && !plainYield ? 'generator-coroutine' : undefined;
}

export function isYieldFrom(node: Node): boolean {
  return node.children.some((c) => c?.type === 'from');
}

export function findFunctionRoles(file: SourceFile): FunctionRoles {
  const coroutines: Coroutine[] = [];
  const plain: FunctionInfo[] = [];
  for (const fn of file.functions.all) {
    if (fn.kind !== 'function') continue;
    const kind = coroutineKind(file, fn);
    if (kind) coroutines.push({ fn, kind });
    else plain.push(fn);
  }
  // Plain functions referenced by simple name from a coroutine (called,
  // `self.helper()`, or handed to `call_soon`), and transitively from those.
  const bySimpleName = new Map<string, FunctionInfo[]>();
  for (const fn of plain) {
    const simple = fn.name.slice(fn.name.lastIndexOf('.') + 1);
    if (simple !== '__init__') bySimpleName.set(simple, [...(bySimpleName.get(simple) ?? []), fn]);
  }
  const helpers = new Set<FunctionInfo>();
  const pending = coroutines.map((c) => c.fn);
  for (let fn = pending.pop(); fn; fn = pending.pop()) {
    for (const name of referencedNames(file, fn)) {
      for (const candidate of bySimpleName.get(name) ?? []) {
        if (helpers.has(candidate)) continue;
        helpers.add(candidate);
        pending.push(candidate);
      }
    }
  }
  return { coroutines, helpers: plain.filter((f) => helpers.has(f)), entries: findEntries(file, coroutines) };
}

/**
 * Words of the function's text: every name it uses, nested functions included
 * (they run on its behalf), and a few from strings and comments, which can
 * only add helpers, never hide one.
 */
function referencedNames(file: SourceFile, fn: FunctionInfo): Set<string> {
  return new Set(file.textOf(fn.node).match(/[A-Za-z_]\w*/g));
}

/** `asyncio.run(main(`, `loop.run_until_complete(main(`: found in the text, confirmed on the tree. */
const RUNNER_CALL = /\b(?:run|run_until_complete)\s*\(\s*([A-Za-z_]\w*)\s*\(/g;

function findEntries(file: SourceFile, coroutines: readonly Coroutine[]): Set<FunctionInfo> {
  const started = new Set<string>();
  for (const match of file.text.matchAll(RUNNER_CALL)) {
    const name = match[1] ?? '';
    const offset = match.index + match[0].lastIndexOf(name, match[0].length - 1);
    const node = file.root.descendantForIndex(offset);
    const inner = node?.parent;
    const outer = inner?.parent?.parent;
    if (node?.type === 'identifier' && inner?.type === 'call' && outer?.type === 'call') started.add(name);
  }
  return new Set(coroutines.filter((c) => c.fn.parent === undefined && started.has(c.fn.name)).map((c) => c.fn));
}
