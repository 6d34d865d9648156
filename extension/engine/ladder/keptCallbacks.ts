// A callback a leaf keeps for later: put into a container (`handlers.append(cb)`,
// `ready.append((cb, args))`, `heapq.heappush(timers, (when, cb))`). A ready
// queue or a timer heap takes each entry out before calling it, so it calls the
// callback once; a list of subscribers nothing takes entries out of is gone
// through again each time, so it may call the callback any number of times.
import type { Node } from '../syntax/node';
import type { SourceFile } from '../syntax/sourceFile';
import { argumentsOf } from '../python/scopes';

/** Methods that put an entry into the container they are called on. */
const PUTS = new Set(['append', 'appendleft', 'add', 'insert', 'extend', 'put', 'put_nowait']);
/** Methods that take entries out of it. */
const TAKES = new Set(['pop', 'popleft', 'popitem', 'clear', 'remove', 'discard', 'get', 'get_nowait']);
/** Functions that push onto, or pop from, the heap given first. */
const HEAP_PUSHES = new Set(['heappush', 'heapq.heappush']);
const HEAP_POPS = new Set(['heappop', 'heapq.heappop', 'heapreplace', 'heapq.heapreplace', 'heappushpop', 'heapq.heappushpop']);

/**
 * Where `body` puts its callback `param` into a container the module never
 * takes entries out of: that container's text, and the line. Undefined when
 * it keeps it nowhere, or only where entries are taken out.
 */
export function keptWithoutTaking(file: SourceFile, body: Node, param: string): { container: string; line: number } | undefined {
  for (const use of body.descendantsOfType('identifier')) {
    if (use?.text !== param) continue;
    const container = containerPutInto(use, body);
    if (container !== undefined && !takenFrom(file).has(container)) return { container, line: file.lineOf(use) };
  }
  return undefined;
}

/** The container the statement around `use` puts it into (in a tuple, a lambda or a partial as well). */
function containerPutInto(use: Node, body: Node): string | undefined {
  for (let node = use, parent = use.parent; parent && parent.id !== body.id && parent.type !== 'block'; node = parent, parent = parent.parent) {
    const call = parent.type === 'argument_list' ? parent.parent : null;
    const callee = call?.childForFieldName('function');
    if (!call || !callee) continue;
    if (callee.type === 'attribute' && PUTS.has(callee.childForFieldName('attribute')?.text ?? '')) return callee.childForFieldName('object')?.text;
    const heap = argumentsOf(call)[0];
    if (HEAP_PUSHES.has(callee.text) && heap && heap.id !== node.id) return heap.text;
  }
  return undefined;
}

const takenByFile = new WeakMap<SourceFile, ReadonlySet<string>>();

/** The containers the module takes entries out of (`ready.popleft()`, `heappop(timers)`, `del waiting[k]`), by text, found once per parse. */
function takenFrom(file: SourceFile): ReadonlySet<string> {
  let taken = takenByFile.get(file);
  if (!taken) {
    const found = new Set<string>();
    for (const call of file.root.descendantsOfType('call')) {
      const callee = call?.childForFieldName('function');
      if (!call || !callee) continue;
      if (callee.type === 'attribute' && TAKES.has(callee.childForFieldName('attribute')?.text ?? '')) found.add(callee.childForFieldName('object')?.text ?? '');
      const heap = argumentsOf(call)[0];
      if (HEAP_POPS.has(callee.text) && heap) found.add(heap.text);
    }
    for (const statement of file.root.descendantsOfType('delete_statement')) {
      for (const target of statement?.descendantsOfType('subscript') ?? []) found.add(target?.childForFieldName('value')?.text ?? '');
    }
    takenByFile.set(file, (taken = found));
  }
  return taken;
}
