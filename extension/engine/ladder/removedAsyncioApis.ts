// What Python 3.10 and 3.11 took out of asyncio's API, which code written
// for `@asyncio.coroutine` still uses. Converting such a module to async/await
// is how it gets onto 3.11, so the same step spells these the current way:
// - the `loop=` argument (removed in 3.10 from the functions and classes
//   below; a coroutine could only ever pass the loop running it), where it
//   is a name or an attribute (`loop=self._loop`), which reading does nothing;
// - coroutines handed to `asyncio.wait` (refused since 3.11), which 3.10
//   wrapped in tasks itself: they are wrapped where they are made.
import type { Node } from '../syntax/node';
import type { EditBuilder } from '../syntax/editBuilder';
import type { ModuleCoroutines } from '../python/coroutines';
import { dottedText } from '../python/imports';
import { argumentsOf, unparenthesize } from '../python/scopes';

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
 * Respells the module's uses of removed asyncio API. `ensureFuture` is how the
 * module spells `asyncio.ensure_future` (its import noted by the caller).
 */
export function respellRemovedAsyncioApis(module: ModuleCoroutines, edits: EditBuilder, ensureFuture: () => string): void {
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
  } else {
    // Anything else may hold coroutines the module cannot see: each is wrapped as 3.10 did.
    edits.insert(awaited.startIndex, `[${ensureFuture()}(aw) for aw in `).insert(awaited.endIndex, ']');
  }
}
