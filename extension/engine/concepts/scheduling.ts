// Scheduling concepts: event loops (take the next ready task or callback off
// a queue and run it) and futures (a value that is set later, with callbacks):
// classes that implement one, and functions that make one and hand it back.
import type { Node } from '../syntax/node';
import type { ConceptLabel } from './concept';
import { label, type ClassContext, type FunctionContext } from './context';
import { moduleCoroutines } from '../python/coroutines';
import { argumentsOf, boundNames, calleeName, contains, unparenthesize } from '../python/scopes';

/** Methods that run a task object taken off the queue. */
const RUN_METHODS = new Set(['run', '_run', 'step', '_step', 'send', 'resume', 'execute']);

/** A loop that takes items off a queue and runs each one it took. */
export function eventLoopLabels(ctx: FunctionContext): ConceptLabel[] {
  const evidence: Node[] = [];
  // Nothing is taken off a queue without one of these calls; most functions can skip the tree.
  if (ctx.scope.loops.length === 0 || !/\b(pop|popleft|get|get_nowait|heappop)\s*\(/.test(ctx.file.textOf(ctx.info.node))) return [];
  for (const loop of ctx.scope.loops) {
    const body = loop.childForFieldName('body');
    if (!body) continue;
    const inLoop = (n: Node): boolean => contains(body, n);
    const taken = new Set<string>();
    const takes: Node[] = [];
    for (const a of ctx.scope.assignments) {
      const right = a.childForFieldName('right');
      const left = a.childForFieldName('left');
      if (a.type !== 'assignment' || !inLoop(a) || !right || !left || !takesFromQueue(unparenthesize(right))) continue;
      takes.push(a);
      for (const id of boundNames(left)) taken.add(id.text);
    }
    const runs = ctx.scope.calls.filter((call) => inLoop(call) && (runsTaken(call, taken) || takesFromQueue(call.childForFieldName('function'))));
    if (runs.length > 0) evidence.push(loop, ...takes, ...runs);
  }
  return evidence.length > 0 ? [label(ctx.file, 'event-loop', evidence)] : [];
}

/**
 * `q.pop()`, `q.pop(0)`, `q.popleft()`, `q.get()`, `q.get_nowait()`,
 * `heapq.heappop(q)`; not `d.get(key)` or `d.pop(key)`, which look a value up by key.
 */
function takesFromQueue(expr: Node | null): boolean {
  if (expr?.type !== 'call') return false;
  const name = calleeName(expr);
  const args = argumentsOf(expr);
  if (name === 'heappop') return true;
  if (expr.childForFieldName('function')?.type !== 'attribute') return false;
  if (name === 'popleft' || name === 'get_nowait') return true;
  if (name === 'pop') return args.length === 0 || (args.length === 1 && /^-?\d+$/.test(args[0]?.text ?? ''));
  return name === 'get' && args.every((a) => a.type === 'keyword_argument');
}

/** `task()`, `handle._run()`, `next(gen)`, `gen.send(v)` on something the loop took off the queue. */
function runsTaken(call: Node, taken: ReadonlySet<string>): boolean {
  const fn = call.childForFieldName('function');
  if (!fn) return false;
  if (fn.type === 'identifier') {
    if (taken.has(fn.text)) return true;
    const [first] = argumentsOf(call);
    return fn.text === 'next' && first?.type === 'identifier' && taken.has(first.text);
  }
  if (fn.type !== 'attribute') return false;
  const object = fn.childForFieldName('object');
  return object?.type === 'identifier' && taken.has(object.text) && RUN_METHODS.has(calleeName(call) ?? '');
}

/** A class whose method runs the loop is the event loop. */
export function eventLoopClassLabels(ctx: ClassContext): ConceptLabel[] {
  const lines = [...ctx.methodLabels.values()].flat().filter((l) => l.id === 'event-loop').flatMap((l) => l.evidence);
  return lines.length > 0 ? [label(ctx.file, 'event-loop', [], lines)] : [];
}

/**
 * A future: a class with `set_result` and a way to read or wait for it
 * (`result`, `add_done_callback`, `__await__`), a Deferred-like `callback` +
 * `addCallback` pair, or a subclass of a `...Future`.
 */
export function futureClassLabels(ctx: ClassContext): ConceptLabel[] {
  const { methods, file } = ctx;
  const has = (...names: string[]): Node[] => names.flatMap((n) => methods.get(n)?.node ?? []);
  const setter = has('set_result');
  const readers = has('result', 'add_done_callback', '__await__');
  if (setter.length > 0 && readers.length > 0) return [label(file, 'future', [...setter, ...readers])];
  const deferred = has('callback', 'addCallback');
  if (deferred.length === 2) return [label(file, 'future', deferred)];
  const base = ctx.info.node
    .childForFieldName('superclasses')
    ?.namedChildren.find((b): b is Node => b !== null && (b.type === 'identifier' || b.type === 'attribute') && /(^|\.)_?\w*Future$/.test(b.text));
  return base ? [label(file, 'future', [base])] : [];
}

/** Futures of the other frameworks, by qualified name (asyncio's are the recognizer's). */
const FUTURE_CLASSES: ReadonlySet<string> = new Set(['twisted.internet.defer.Deferred', 'tornado.concurrent.Future', 'concurrent.futures.Future']);

/**
 * A plain function that makes a future and returns it (`fut = loop.create_future()`
 * … `return fut`, `return asyncio.ensure_future(...)`, `d = Deferred()` … `return d`):
 * its caller gets the placeholder, and the result arrives later.
 */
export function futureLabels(ctx: FunctionContext): ConceptLabel[] {
  const { file, scope } = ctx;
  if (ctx.info.isAsync || scope.yields.length > 0 || scope.returns.length === 0) return [];
  const coroutines = moduleCoroutines(file);
  const makesFuture = (node: Node | null): boolean => {
    const call = node ? unparenthesize(node) : undefined;
    if (call?.type !== 'call') return false;
    const callee = call.childForFieldName('function');
    return coroutines.makesFuture(call) || (callee !== null && FUTURE_CLASSES.has(coroutines.names.qualify(callee) ?? ''));
  };
  const made = new Map<string, Node>();
  for (const a of scope.assignments) {
    const left = a.childForFieldName('left');
    if (a.type === 'assignment' && left?.type === 'identifier' && makesFuture(a.childForFieldName('right'))) made.set(left.text, a);
  }
  const evidence: Node[] = [];
  for (const r of scope.returns) {
    const value = r.firstNamedChild;
    const maker = value?.type === 'identifier' ? made.get(value.text) : undefined;
    if (maker) evidence.push(maker, r);
    else if (makesFuture(value)) evidence.push(r);
  }
  return evidence.length > 0 ? [label(file, 'future', evidence)] : [];
}
