// A callback a leaf keeps for later: put into a container (`handlers.append(cb)`,
// `ready.append((cb, args))`, `heapq.heappush(timers, (when, cb))`) or a slot
// (`self.handlers[key] = cb`, `self._on_data = cb`, a global). A ready queue or
// a timer heap takes each entry out before calling it, so it calls the callback
// once; a list of subscribers nothing takes entries out of is gone through
// again each time, so it may call the callback any number of times. A slot is
// taken out of where the module clears it (`self._on_data = None`, `del
// self.handlers[key]`, `self.handlers.pop(key)`), as one-shot code does before
// calling what it held; one never cleared may be called again and again.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { callsModuleDefinition, makesFunction, registeredCallable } from '../python/callbacks';
import { localNamesOf } from '../python/localNames';
import { argumentsOf, enclosingFunction } from '../python/scopes';

/** Methods that put an entry into the container they are called on. */
const PUTS = new Set(['append', 'appendleft', 'add', 'insert', 'extend', 'put', 'put_nowait']);
/** Methods that take entries out of it. */
const TAKES = new Set(['pop', 'popleft', 'popitem', 'clear', 'remove', 'discard', 'get', 'get_nowait']);
/** Functions that push onto, or pop from, the heap given first. */
const HEAP_PUSHES = new Set(['heappush', 'heapq.heappush']);
const HEAP_POPS = new Set(['heappop', 'heapq.heappop', 'heapreplace', 'heapq.heapreplace', 'heappushpop', 'heapq.heappushpop']);

/**
 * Where `body` puts its callback (held under `names`) into a container or a
 * slot the module never takes it out of: that container's text, and the line.
 * Undefined when it keeps it nowhere, or only where it is taken out.
 */
export function keptWithoutTaking(file: SourceFile, body: Node, names: ReadonlySet<string>, slotOwner: SlotOwner = () => undefined): { container: string; line: number } | undefined {
  return containersHolding(file, body, names).find((kept) => {
    const owns = slotOwner(kept.container);
    return owns ? !file.functions.all.some((f) => owns(f) && takesOutIn(file, f.node, kept.container)) : !takenFrom(file).has(kept.container);
  });
}

/**
 * For a container's text, which functions' code means that container when it
 * spells it: `self._on_done` written in a method is that instance's slot, so
 * only the methods of its class family mean it (undefined: all of them).
 */
export type SlotOwner = (container: string) => ((fn: FunctionInfo) => boolean) | undefined;

/** The containers and slots `body` puts its callback (held under `names`) into, by text, with the line. */
export function containersHolding(file: SourceFile, body: Node, names: ReadonlySet<string>): { container: string; line: number }[] {
  const locals = localNamesOf(body.parent ?? body);
  const kept: { container: string; line: number }[] = [];
  for (const use of body.descendantsOfType('identifier')) {
    if (!use || !names.has(use.text)) continue;
    const container = containerPutInto(use, body, (name) => !names.has(name) && !locals.has(name));
    if (container !== undefined) kept.push({ container, line: file.lineOf(use) });
  }
  return kept;
}

/** Calls of what one function (or the module) reads out of a container: the container as that code spells it, the function, and the calls. */
export interface CallsOut {
  readonly container: string;
  readonly scope: Node;
  readonly calls: readonly Node[];
}

/**
 * The calls of what the module reads back out of the container or slot
 * `container` and leaves there (`self._cb(data)`, `cb = self._cb` then
 * `cb(data)`, `self.handlers[key](v)`), grouped by the function (or module)
 * they are in.
 */
export function callsOutOf(file: SourceFile, container: string): readonly CallsOut[] {
  return callsOutBy(file, container, () => file.root.descendantsOfType(['attribute', 'identifier']).filter((read): read is Node => read?.text === container));
}

/**
 * callsOutOf every slot named `attribute`, on whatever receiver
 * (`self._on_done`, `job._on_done`), grouped by the function and the
 * receiver: which of them mean one class's slot is for the caller to say.
 */
export function callsOutOfAttribute(file: SourceFile, attribute: string): readonly CallsOut[] {
  return callsOutBy(file, `.${attribute}`, () => [...attributesNamed(file, attribute)]);
}

const attributesByFile = new WeakMap<SourceFile, ReadonlyMap<string, readonly Node[]>>();

/** The module's attribute accesses `<receiver>.<name>`, indexed by name once per parse. */
export function attributesNamed(file: SourceFile, name: string): readonly Node[] {
  let index = attributesByFile.get(file);
  if (!index) {
    const byName = new Map<string, Node[]>();
    for (const access of file.root.descendantsOfType('attribute')) {
      const key = access?.childForFieldName('attribute')?.text;
      if (!access || key === undefined) continue;
      const list = byName.get(key);
      if (list) list.push(access);
      else byName.set(key, [access]);
    }
    attributesByFile.set(file, (index = byName));
  }
  return index.get(name) ?? [];
}

/** The calls out of the reads `find` gives, found once per parse under `key`: many leaves keep their callbacks in the same slot. */
function callsOutBy(file: SourceFile, key: string, find: () => Node[]): readonly CallsOut[] {
  let known = callsOutByFile.get(file);
  if (!known) callsOutByFile.set(file, (known = new Map<string, readonly CallsOut[]>()));
  let calls = known.get(key);
  if (!calls) known.set(key, (calls = groupCallsOut(file, find())));
  return calls;
}

const callsOutByFile = new WeakMap<SourceFile, Map<string, readonly CallsOut[]>>();

function groupCallsOut(file: SourceFile, reads: readonly Node[]): CallsOut[] {
  const groups = new Map<string, { container: string; scope: Node; calls: Node[] }>();
  for (const read of reads) {
    if (isWritten(read)) continue;
    // What a take (`pop`, `popleft`, `get` of a queue) hands out is a new entry each time: only a read that leaves it there can call it again.
    const parent = read.parent;
    const taken = parent?.type === 'subscript' && parent.childForFieldName('value')?.id === read.id ? parent : read;
    const scope = enclosingFunction(taken) ?? file.root;
    const calls = calledAt(file, taken, scope);
    if (calls.length === 0) continue;
    const key = `${String(scope.id)}\0${read.text}`;
    const group = groups.get(key);
    if (group) group.calls.push(...calls);
    else groups.set(key, { container: read.text, scope, calls: [...calls] });
  }
  return [...groups.values()];
}

/**
 * Where the value `taken` is called: at once (`taken(v)`), handed to a
 * library's scheduler that will (`call_soon(taken, v)`) or to a function of
 * the module's own, which may (`clock.call_later(taken, 5)`, `defer(taken, v)`:
 * where it puts it is its definition's to say, not its name's), or so through
 * the local it is put in (`cb = taken` … `cb(v)` or `call_soon(cb, v)`).
 */
function calledAt(file: SourceFile, taken: Node, scope: Node): Node[] {
  const direct = callRunning(file, taken);
  if (direct) return [direct];
  const pass = passCalling(file, taken);
  if (pass) return [pass];
  const alias = aliasOf(taken);
  if (alias?.type !== 'identifier') return [];
  return scope.descendantsOfType('identifier').flatMap((use) => (use && use.text === alias.text && use.id !== alias.id ? (callRunning(file, use) ?? []) : []));
}

/**
 * The loop going through the container `taken` (`for listener in
 * self._listeners`) when its body calls each entry, or hands it to a call
 * that may: one pass calls each callback kept there once, so the loop, not a
 * call in its body, stands for that call.
 */
function passCalling(file: SourceFile, taken: Node): Node | undefined {
  const loop = taken.parent;
  if (loop?.type !== 'for_statement' || loop.childForFieldName('right')?.id !== taken.id) return undefined;
  const entry = loop.childForFieldName('left');
  const body = loop.childForFieldName('body');
  if (entry?.type !== 'identifier' || !body) return undefined;
  return body.descendantsOfType('identifier').some((use) => use?.text === entry.text && callRunning(file, use) !== undefined) ? loop : undefined;
}

/**
 * The call that runs `value`: it is the callee, or it is handed to a call that
 * may run it (see calledAt), or put into a container something runs it out of
 * (`ready.append((value, args))`), itself or made into a partial first.
 */
function callRunning(file: SourceFile, value: Node): Node | undefined {
  const parent = value.parent;
  if (parent?.type === 'call' && parent.childForFieldName('function')?.id === value.id) return parent;
  const handedTo = parent?.type === 'argument_list' ? parent.parent : null;
  if (handedTo?.type === 'call' && makesFunction(handedTo)) return callRunning(file, handedTo);
  if (handedTo?.type === 'call' && (registeredCallable(file, handedTo)?.id === value.id || callsModuleDefinition(file, handedTo))) return handedTo;
  const statement = enclosingStatement(value);
  return statement && containerPutInto(value, statement, () => false) !== undefined ? value : undefined;
}

/** The statement `node` is part of, in its block. */
function enclosingStatement(node: Node): Node | undefined {
  let statement: Node | null = node;
  while (statement && statement.parent?.type !== 'block' && statement.parent?.type !== 'module') statement = statement.parent;
  return statement ?? undefined;
}

/** The target `value` is assigned to: `cb = value`, or its place in `cb, self._cb = value, None`. */
function aliasOf(value: Node): Node | undefined {
  const parent = value.parent;
  if (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === value.id) return parent.childForFieldName('left') ?? undefined;
  const assignment = parent?.type === 'expression_list' ? parent.parent : null;
  const targets = assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === parent?.id ? assignment.childForFieldName('left') : null;
  if (!parent || (targets?.type !== 'pattern_list' && targets?.type !== 'tuple_pattern')) return undefined;
  return pairs(targets, parent).find(([, v]) => v.id === value.id)?.[0];
}

/** The targets of a tuple assignment paired with its values, when both have as many items. */
function pairs(targets: Node, values: Node): [Node, Node][] {
  const left = targets.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  const right = values.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  return left.length === right.length ? left.map((t, i) => [t, right[i] as Node]) : [];
}

/** Whether `node` is written to (an assignment's target, or deleted), not read. */
function isWritten(node: Node): boolean {
  const parent = node.parent;
  return (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === node.id) || parent?.type === 'delete_statement';
}

/**
 * The container or slot the statement around `use` puts it into (in a tuple, a
 * lambda or a partial as well): a name counts as a slot where `isSlot` says it
 * outlives the call (a global), not where it is a local alias.
 */
function containerPutInto(use: Node, body: Node, isSlot: (name: string) => boolean): string | undefined {
  for (let node = use, parent = use.parent; parent && parent.id !== body.id && parent.type !== 'block'; node = parent, parent = parent.parent) {
    if (parent.type === 'assignment' && parent.childForFieldName('right')?.id === node.id) {
      const target = parent.childForFieldName('left');
      if (target?.type === 'subscript') return target.childForFieldName('value')?.text;
      if (target?.type === 'attribute' || (target?.type === 'identifier' && isSlot(target.text))) return target.text;
      return undefined;
    }
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
  if (!taken) takenByFile.set(file, (taken = takenIn(file, file.root)));
  return taken;
}

/**
 * Whether the function `scope` takes what `container` holds out of it (clears
 * the slot, deletes or pops the entry), so that a call of it there is the last
 * one of that callback: code after it finds the slot empty.
 */
export function takesOutIn(file: SourceFile, scope: Node, container: string): boolean {
  if (scope.type !== 'function_definition') return false;
  let known = takenByFunction.get(file);
  if (!known) takenByFunction.set(file, (known = new Map<number, ReadonlySet<string>>()));
  let taken = known.get(scope.id);
  if (!taken) known.set(scope.id, (taken = takenIn(file, scope)));
  return taken.has(container);
}

/** takenIn per function, found once per parse: every leaf call keeping its callback in a class's slot asks of each method of the class. */
const takenByFunction = new WeakMap<SourceFile, Map<number, ReadonlySet<string>>>();

/** The containers the code under `root` takes entries out of, by text. */
function takenIn(file: SourceFile, root: Node): ReadonlySet<string> {
  const found = new Set<string>();
  for (const call of root.descendantsOfType('call')) {
    const callee = call?.childForFieldName('function');
    if (!call || !callee) continue;
    if (callee.type === 'attribute' && TAKES.has(callee.childForFieldName('attribute')?.text ?? '')) found.add(callee.childForFieldName('object')?.text ?? '');
    const heap = argumentsOf(call)[0];
    if (HEAP_POPS.has(callee.text) && heap) found.add(heap.text);
  }
  for (const statement of root.descendantsOfType('delete_statement')) {
    for (const target of statement?.descendantsOfType('subscript') ?? []) found.add(target?.childForFieldName('value')?.text ?? '');
    for (const target of statement?.descendantsOfType('attribute') ?? []) found.add(target?.text ?? '');
  }
  // Clearing a slot takes out what it held; setting it up empty (in `__init__`, at module level) does not.
  for (const assignment of root.descendantsOfType('assignment')) {
    const target = assignment?.childForFieldName('left');
    const value = assignment?.childForFieldName('right');
    const scope = assignment ? file.functions.at(assignment.startIndex) : undefined;
    if (!target || !value || scope?.kind !== 'function' || scope.name.endsWith('__init__')) continue;
    // `self._cb = None`, or `cb, self._cb = self._cb, None` taking it out and clearing it at once.
    const cleared = value.type === 'expression_list' ? pairs(target, value) : [[target, value] as const];
    for (const [slot, empty] of cleared) if (empty.type === 'none') found.add(slot.text);
  }
  return found;
}
