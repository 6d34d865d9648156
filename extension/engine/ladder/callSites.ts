// A converted coroutine's uses elsewhere in the module. A Tornado or Twisted
// coroutine starts running when called and hands back a Future or Deferred;
// a native one does nothing until awaited. Each use keeps its meaning or the
// conversion is refused with the line that stops it.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { dottedText } from '../python/imports';
import { callOf, type ModuleCoroutines, type Recognised } from '../python/coroutines';
import { contextOf, enclosingFunction, isYieldFrom } from '../python/scopes';
import { blocker, type Blocker } from './refusal';

export interface CallSitePlan {
  readonly refusal?: Blocker;
  /** Calls that must be wrapped so callers still get a Deferred (Twisted). */
  readonly wraps: readonly Node[];
  /** Generator-based callers that `yield from` it and are not being converted, each with its `yield from`. */
  readonly delegatingCallers: readonly DelegatingCaller[];
}

export interface DelegatingCaller {
  readonly fn: FunctionInfo;
  readonly use: Node;
}

/** Callees that take a coroutine function and run it properly. */
const RUNNERS_OF_FUNCTIONS = new Set(['run_sync', 'react']);
/** Callees that already turn a coroutine into a Deferred. */
const DEFERRED_WRAPPERS = new Set(['twisted.internet.defer.ensureDeferred', 'twisted.internet.defer.Deferred.fromCoroutine']);

export function planCallSites(module: ModuleCoroutines, target: Recognised, converting: ReadonlySet<number>): CallSitePlan {
  const { file } = module;
  const line = (node: Node): string => String(file.lineOf(node));
  const delegates = target.flavour === 'asyncio' || target.flavour === 'types' || target.flavour === 'undecorated';
  const handDriven = module.handDriven(target.fn);
  if (handDriven) return { refusal: blocker('driven-by-hand', handDriven.node, `is ${handDriven.how}, which a native coroutine does not support`), wraps: [], delegatingCallers: [] };
  const wraps: Node[] = [];
  const delegatingCallers: DelegatingCaller[] = [];
  for (const use of module.usesOf(target.fn)) {
    const call = callOf(use);
    if (!call) {
      if (delegates || isRunnerArgument(use)) continue;
      return {
        refusal: blocker('used-as-value', use, `is passed as a value at line ${line(use)} (${excerpt(file, valueUse(use))}); whoever calls it would get a coroutine that does not start until awaited, where it used to start at once; wrap that use yourself or keep this function as it is`),
        wraps,
        delegatingCallers,
      };
    }
    const context = contextOf(call);
    const awaitedBy = context?.type === 'yield' || context?.type === 'await' ? context : undefined;
    if (awaitedBy) {
      if (awaitedBy.type === 'await') continue;
      const caller = enclosingFunction(awaitedBy);
      if (caller && converting.has(caller.id)) continue;
      if (delegates) {
        const info = caller ? module.file.functions.of(caller) : undefined;
        // A @types.coroutine generator may `yield from` a native coroutine; a plain generator may not.
        if (info && isYieldFrom(awaitedBy) && module.of(info).flavour === 'types') continue;
        if (info && isYieldFrom(awaitedBy)) {
          delegatingCallers.push({ fn: info, use: awaitedBy });
          continue;
        }
        return { refusal: blocker('caller-cannot-follow', call, `is yielded at line ${line(call)} by code that stays a generator`), wraps, delegatingCallers };
      }
      if (target.flavour === 'twisted') wraps.push(call);
      continue;
    }
    if (delegates) continue; // a generator and a native coroutine both wait to be driven
    if (target.flavour === 'tornado' && (isYieldedCollectionElement(module, call) || isReturnedToRunner(call))) continue;
    if (target.flavour === 'twisted') {
      if (!isWrapped(module, call)) wraps.push(call);
      continue;
    }
    return {
      refusal: blocker('unawaited-call', call, `is called at line ${line(call)} without yield (${excerpt(file, call)}): @gen.coroutine starts running at the call, a native coroutine only when awaited, so its first steps would move; yield or await that call, or keep this function as it is`),
      wraps,
      delegatingCallers,
    };
  }
  return { wraps, delegatingCallers };
}

/** `IOLoop.current().run_sync(main)`, `task.react(main)`: the function is called and its coroutine run. */
function isRunnerArgument(use: Node): boolean {
  const args = use.parent;
  if (args?.type !== 'argument_list' || args.namedChild(0)?.id !== use.id) return false;
  const callee = args.parent?.childForFieldName('function');
  const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
  return name !== undefined && RUNNERS_OF_FUNCTIONS.has(name);
}

/** `run_sync(lambda: main(1))`: the lambda hands the coroutine to the runner. */
function isReturnedToRunner(call: Node): boolean {
  const lambda = contextOf(call);
  return lambda?.type === 'lambda' && lambda.childForFieldName('body')?.id === call.id && isRunnerArgument(lambda);
}

/** `yield [f(), g()]`, `yield {'a': f()}`, `yield gen.multi([f(x) for x in xs])`: made and awaited at once. */
function isYieldedCollectionElement(module: ModuleCoroutines, call: Node): boolean {
  let context = contextOf(call);
  if (context?.type === 'pair') context = contextOf(context);
  if (!context || !['list', 'dictionary', 'list_comprehension', 'dictionary_comprehension'].includes(context.type)) return false;
  let outer = contextOf(context);
  if (outer?.type === 'argument_list' && outer.namedChildren.length === 1) {
    const multi = outer.parent?.childForFieldName('function');
    const qualified = multi ? module.names.qualify(multi) : undefined;
    if (qualified !== 'tornado.gen.multi' && qualified !== 'tornado.gen.multi_future') return false;
    outer = outer.parent ? contextOf(outer.parent) : null;
  }
  return outer?.type === 'yield';
}

function isWrapped(module: ModuleCoroutines, call: Node): boolean {
  const args = contextOf(call);
  const callee = args?.type === 'argument_list' ? args.parent?.childForFieldName('function') : undefined;
  const qualified = callee ? module.names.qualify(callee) : undefined;
  return qualified !== undefined && DEFERRED_WRAPPERS.has(qualified);
}

/** What to quote for a use as a value: the call it is an argument of, or the expression it is in. */
function valueUse(use: Node): Node {
  const parent = use.parent;
  if (parent?.type === 'argument_list' && parent.parent) return parent.parent;
  return parent ?? use;
}

function excerpt(file: SourceFile, node: Node): string {
  const text = dottedText(file, node) ?? file.textOf(node).replace(/\s+/g, ' ');
  return `\`${text.length > 50 ? `${text.slice(0, 47)}...` : text}\``;
}
