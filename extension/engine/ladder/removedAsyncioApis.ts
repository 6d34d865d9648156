// What Python 3.10 and 3.11 took out of asyncio's API, which code written
// for `@asyncio.coroutine` still uses. Converting such a module to async/await
// is how it gets onto 3.11, so the same step spells these the current way:
// - the `loop=` argument (removed in 3.10 from the functions and classes
//   below; a coroutine could only ever pass the loop running it), where it
//   is a name or an attribute (`loop=self._loop`), which reading does nothing;
// - coroutines handed to `asyncio.wait` (refused since 3.11), which 3.10
//   wrapped in tasks itself: they are wrapped where they are made;
// - `asyncio.Task.current_task()` and `Task.all_tasks()` (removed in 3.9),
//   where the module-level functions that replaced them do the same (below).
import type { Node } from '../syntax/node';
import type { EditBuilder } from '../syntax/editBuilder';
import type { ModuleCoroutines } from '../python/coroutines';
import { dottedText } from '../python/imports';
import { argumentsOf, unparenthesize } from '../python/scopes';
import { blocker, type Blocker } from './refusal';

const LOOP_ARGUMENT_REMOVED = new Set([
  'asyncio.sleep',
  'asyncio.gather',
  'asyncio.shield',
  'asyncio.wait_for',
  'asyncio.wait',
  'asyncio.as_completed',
  'asyncio.Queue',
  'asyncio.PriorityQueue',
  'asyncio.LifoQueue',
  'asyncio.Lock',
  'asyncio.Event',
  'asyncio.Condition',
  'asyncio.Semaphore',
  'asyncio.BoundedSemaphore',
  'asyncio.open_connection',
  'asyncio.start_server',
  'asyncio.open_unix_connection',
  'asyncio.start_unix_server',
  'asyncio.create_subprocess_exec',
  'asyncio.create_subprocess_shell',
]);

const COLLECTIONS = new Set(['list', 'set', 'tuple']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'generator_expression']);

/**
 * Respells the module's uses of removed asyncio API. `spell` is how the module
 * spells a qualified name of asyncio (its import noted by the caller).
 */
export function respellRemovedAsyncioApis(module: ModuleCoroutines, edits: EditBuilder, spell: (qualified: string) => string): void {
  for (const use of removedTaskMethodUses(module)) {
    if (use.respelling !== undefined) edits.replace(use.callee.startIndex, use.callee.endIndex, spell(use.respelling));
  }
  const ensureFuture = (): string => spell('asyncio.ensure_future');
  for (const call of module.file.root.descendantsOfType('call')) {
    const callee = call?.childForFieldName('function');
    const qualified = callee ? module.names.qualify(callee) : undefined;
    if (!call || !qualified || !LOOP_ARGUMENT_REMOVED.has(qualified)) continue;
    const args = argumentsOf(call);
    const loop = args.findIndex((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'loop');
    const loopArgument = args[loop];
    const value = loopArgument?.childForFieldName('value');
    // `loop`, `self._loop`: reading it does nothing else, so it can go unread.
    if (loopArgument && value && dottedText(module.file, value) !== undefined) {
      // `f(x, loop=l)` loses `, loop=l`; `f(loop=l, k=x)` loses `loop=l, `; `f(loop=l,)` all of it.
      const before = args[loop - 1];
      const after = args[loop + 1];
      const comma = loopArgument.nextSibling?.type === ',' ? loopArgument.nextSibling : undefined;
      if (before) edits.delete(before.endIndex, loopArgument.endIndex);
      else if (after) edits.delete(loopArgument.startIndex, after.startIndex);
      else edits.delete(loopArgument.startIndex, comma ? comma.endIndex + spacesAt(module.file.text, comma.endIndex) : loopArgument.endIndex);
    }
    const awaited = args[0];
    if (qualified === 'asyncio.wait' && awaited && awaited.type !== 'keyword_argument') wrapInTasks(module, edits, awaited, ensureFuture);
  }
}

function spacesAt(text: string, offset: number): number {
  return /^[ \t]*/.exec(text.slice(offset, offset + 80))?.[0].length ?? 0;
}

/** `asyncio.wait([fetch(a), fetch(b)])` → `asyncio.wait([ensure_future(fetch(a)), ensure_future(fetch(b))])`. */
function wrapInTasks(module: ModuleCoroutines, edits: EditBuilder, awaited: Node, ensureFuture: () => string): void {
  const wrap = (item: Node): void => {
    if (module.isFuture(item)) return;
    edits.insert(item.startIndex, `${ensureFuture()}(`).insert(item.endIndex, ')');
  };
  const value = unparenthesize(awaited);
  const items = value.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  if (COLLECTIONS.has(value.type) && items.every((i) => i.type !== 'list_splat')) {
    items.forEach(wrap);
  } else if (COMPREHENSIONS.has(value.type) && value.childForFieldName('body')) {
    wrap(value.childForFieldName('body') as Node);
  } else if (!module.holdsOnlyFutures(value)) {
    // Anything else may hold coroutines the module cannot see: each is wrapped as 3.10 did.
    edits.insert(awaited.startIndex, `[${ensureFuture()}(aw) for aw in `).insert(awaited.endIndex, ']');
  }
}

/**
 * 3.8's class methods of Task and the functions 3.7 put in their place. The
 * old ones read the loop from `get_event_loop()` when given none (no running
 * loop: the current one, where `current_task()` found no task and said None),
 * the new ones from `get_running_loop()` (no running loop: RuntimeError). And
 * `Task.all_tasks` returned every task of the loop not yet collected, done
 * ones included, where `all_tasks` returns the pending ones only.
 */
const REMOVED_TASK_METHODS = new Map([
  ['asyncio.Task.current_task', 'asyncio.current_task'],
  ['asyncio.Task.all_tasks', 'asyncio.all_tasks'],
]);

interface RemovedTaskMethodUse {
  readonly call: Node;
  readonly callee: Node;
  /** The qualified name that does the same here; undefined when nothing provably does. */
  readonly respelling: string | undefined;
  /** Why no spelling does the same (when `respelling` is undefined). */
  readonly why: string;
}

const usesByModule = new WeakMap<ModuleCoroutines, RemovedTaskMethodUse[]>();

/** The module's uses of the removed Task class methods, found once: every converting function asks. */
function removedTaskMethodUses(module: ModuleCoroutines): RemovedTaskMethodUse[] {
  let uses = usesByModule.get(module);
  if (!uses) usesByModule.set(module, (uses = findRemovedTaskMethodUses(module)));
  return uses;
}

function findRemovedTaskMethodUses(module: ModuleCoroutines): RemovedTaskMethodUse[] {
  const uses: RemovedTaskMethodUse[] = [];
  // Most modules never name them: their calls need not be walked (and qualified) again.
  if (!/\b(?:current_task|all_tasks)\b/.test(module.file.text)) return uses;
  for (const call of module.file.root.descendantsOfType('call')) {
    const callee = call?.childForFieldName('function');
    const qualified = callee ? module.names.qualify(callee) : undefined;
    const replacement = qualified ? REMOVED_TASK_METHODS.get(qualified) : undefined;
    if (!call || !callee || !qualified || !replacement) continue;
    const old = `\`${module.file.textOf(call)}\``;
    const args = argumentsOf(call);
    // Given the loop, both look it up the same way; given none, only a running loop makes them agree.
    const givesLoop = args.length === 1 && (args[0]?.type !== 'keyword_argument' || args[0].childForFieldName('name')?.text === 'loop') && args[0]?.type !== 'list_splat' && args[0]?.type !== 'dictionary_splat';
    const loopFound = givesLoop || (args.length === 0 && runsInAsyncioCoroutine(module, call));
    const respelling = loopFound && (qualified.endsWith('.current_task') || readsPendingTasksOnly(call)) ? replacement : undefined;
    const why = !loopFound
      ? `${old} (removed in Python 3.9) says None where no event loop runs, and \`${replacement}()\` raises RuntimeError there; pass the loop, or call it in a coroutine`
      : `${old} (removed in Python 3.9) also returns the loop's finished tasks, and \`${replacement}()\` only the pending ones; only a \`for\` loop that just cancels each task, or a comprehension keeping those \`not t.done()\`, reads the same from both`;
    uses.push({ call, callee, respelling, why });
  }
  return uses;
}

/**
 * Why `fn`'s code keeps a removed Task method no spelling does the same as:
 * converted, it would still fail on the Python the conversion is for.
 */
export function removedApiBlocker(module: ModuleCoroutines, fnNode: Node): Blocker | undefined {
  const kept = removedTaskMethodUses(module).find((use) => use.respelling === undefined && fnNode.startIndex <= use.call.startIndex && use.call.endIndex <= fnNode.endIndex);
  return kept ? blocker('removed-api', kept.call, `line ${String(module.file.lineOf(kept.call))}: ${kept.why}`) : undefined;
}

/** Is `node` in the own code of a coroutine asyncio drives (which runs only while its loop does)? */
function runsInAsyncioCoroutine(module: ModuleCoroutines, node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'lambda' || p.type === 'class_definition') return false;
    if (p.type !== 'function_definition') continue;
    const fn = module.file.functions.at(p.startIndex);
    if (fn?.node.id !== p.id) return false;
    const r = module.of(fn);
    return r.kind === 'native-coroutine' || (r.kind === 'generator-coroutine' && r.flavour === 'asyncio');
  }
  return false;
}

/**
 * Does what reads the tasks `call` returns see only pending ones, so finished
 * ones make no difference: `for t in call: t.cancel()` (cancelling a finished
 * task does nothing), or `[t for t in call if not t.done()]`. (Which order a
 * set of tasks is visited in was never defined.)
 */
function readsPendingTasksOnly(call: Node): boolean {
  const holder = call.parent;
  if (holder?.type === 'for_statement' && holder.childForFieldName('right')?.id === call.id) {
    const task = holder.childForFieldName('left');
    const body = holder.childForFieldName('body');
    if (task?.type !== 'identifier' || !body || holder.childForFieldName('alternative')) return false;
    const statements = body.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    return statements.length > 0 && statements.every((st) => st.type === 'expression_statement' && isMethodCall(st.firstNamedChild, task.text, 'cancel'));
  }
  if (holder?.type === 'for_in_clause' && holder.childForFieldName('right')?.id === call.id) {
    const task = holder.childForFieldName('left');
    const comprehension = holder.parent;
    if (task?.type !== 'identifier' || !comprehension) return false;
    const clauses = comprehension.namedChildren.filter((c): c is Node => c !== null && (c.type === 'for_in_clause' || c.type === 'if_clause'));
    return clauses.length === 2 && clauses.some((c) => {
      const condition = c.type === 'if_clause' ? c.firstNamedChild : null;
      return condition?.type === 'not_operator' && isMethodCall(condition.childForFieldName('argument'), task.text, 'done');
    });
  }
  return false;
}

/** `name.method()`, with no arguments. */
function isMethodCall(node: Node | null | undefined, name: string, method: string): boolean {
  const call = node ? unparenthesize(node) : undefined;
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  return callee?.type === 'attribute' && callee.childForFieldName('object')?.text === name && callee.childForFieldName('attribute')?.text === method && call !== undefined && argumentsOf(call).length === 0;
}
