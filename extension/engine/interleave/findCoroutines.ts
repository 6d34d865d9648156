// Which functions of a module run as coroutines, which plain functions can run
// while a coroutine is suspended (they are called or scheduled from one), and
// which coroutine is the program's entry point (a single instance, first to run).
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import type { CoroutineKind } from './model';
import { INLINE_CALLBACKS_FLAVOURS, moduleCoroutines, type ModuleCoroutines } from '../python/coroutines';

export interface Coroutine {
  readonly fn: FunctionInfo;
  readonly kind: CoroutineKind;
}

export interface FunctionRoles {
  readonly coroutines: readonly Coroutine[];
  /** Plain functions reachable from a coroutine by call or reference: their writes interfere too. */
  readonly helpers: readonly FunctionInfo[];
  /** Coroutines started by `asyncio.run(f())` / `run_until_complete(f())` / Tornado's `run_sync(f)`. */
  readonly entries: ReadonlySet<FunctionInfo>;
}

/** How the interleaving analysis treats each coroutine the one recognizer finds. */
function coroutineKind(coroutines: ModuleCoroutines, fn: FunctionInfo): CoroutineKind | undefined {
  if (fn.kind !== 'function') return undefined;
  const { kind, flavour } = coroutines.of(fn);
  if (kind === 'native-coroutine') return 'async-def';
  if (kind !== 'generator-coroutine' && kind !== 'coroutine-primitive') return undefined;
  return flavour !== undefined && INLINE_CALLBACKS_FLAVOURS.has(flavour) ? 'framework-generator' : 'generator-coroutine';
}

export function findFunctionRoles(file: SourceFile): FunctionRoles {
  const coroutines: Coroutine[] = [];
  const plain: FunctionInfo[] = [];
  const recognised = moduleCoroutines(file);
  for (const fn of file.functions.all) {
    if (fn.kind !== 'function') continue;
    const kind = coroutineKind(recognised, fn);
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
/** Tornado's `IOLoop.current().run_sync(main)`: the function itself is passed. */
const RUN_SYNC = /\brun_sync\s*\(\s*([A-Za-z_]\w*)\s*[,)]/g;

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
  for (const match of file.text.matchAll(RUN_SYNC)) {
    const name = match[1] ?? '';
    const node = file.root.descendantForIndex(match.index + match[0].lastIndexOf(name));
    if (node?.type === 'identifier' && node.parent?.parent?.type === 'call') started.add(name);
  }
  return new Set(coroutines.filter((c) => c.fn.parent === undefined && started.has(c.fn.name)).map((c) => c.fn));
}
