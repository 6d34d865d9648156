// A method and the other definitions of its name in its class hierarchy (an
// override, or the method it overrides; python/methodOwner) move a rung
// together or not at all: a call that reaches one on some instance reaches
// another on another, and cannot be written for two rungs. Converting one
// brings the others along when the same conversion takes them; when one of
// them cannot convert, none does (`overridden`, at that one's line), unless
// the step writes no call and its callers take either form (STAYS_ALONE,
// holdsBack).
// Direct → CPS decides this itself, with its callers.
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import type { Node } from '../syntax/node';
import { callOf, type Flavour, type ModuleCoroutines } from '../python/coroutines';
import { redefinitionsOf } from '../python/methodOwner';
import { contextOf, enclosingFunction, isYieldFrom } from '../python/scopes';
import type { Conversion, Refusal } from './conversion';
import { blocker, refusalAt, type Blocker, type RefusalCode } from './refusal';

const DECIDES_ITSELF = 'direct-to-cps';

/** Whether `conversion` leaves its methods' families to this module. */
export function movesFamilies(conversion: Conversion): boolean {
  return conversion.id !== DECIDES_ITSELF;
}

/** Why `fn` stays because `stays`, another definition of it in its hierarchy, does: `how` says why that one does. */
export function overriddenBlocker(fn: FunctionInfo, stays: FunctionInfo, how: string): Blocker {
  return blocker('overridden', stays.node, `${stays.name} (line ${String(stays.line)}) defines ${fn.name.slice(fn.name.lastIndexOf('.') + 1)} again in the same class hierarchy and ${how}, so a call reaching either would be written for the wrong one; convert both together or keep this method as it is`);
}

/**
 * Refusals, by conversion, after which a method stays where it is without
 * holding back the rest of its family. From `async def` to `@types.coroutine`
 * no call is written again, and every call of the name keeps working with
 * either form: `await x.m()`, `async with`/`async for`, and `yield from x.m()`
 * in a generator-based coroutine take both. So a method that has no generator
 * form of its own (an abstract `async def close(self): pass` that never
 * awaits, a body with `async with`) stays native while the others move. A call
 * handing the coroutine to asyncio.run or create_task (which take only native
 * ones from 3.12 on), or a use as a value, keeps every definition it may
 * reach native: asyncToGenerator checks each against every such use.
 */
const STAYS_ALONE: ReadonlyMap<string, ReadonlySet<RefusalCode>> = new Map([['async-to-generator', new Set<RefusalCode>(['never-suspends', 'no-generator-form'])]]);

/** Generator-based coroutines whose callers may also `yield from` a native coroutine. */
const DELEGATING_FLAVOURS: ReadonlySet<Flavour | undefined> = new Set<Flavour>(['types', 'asyncio']);

/**
 * Whether `other`, a definition of `fn`'s name in its hierarchy that
 * `conversion` does not take, keeps `fn` where it is. From `@types.coroutine`
 * (or `@asyncio.coroutine`) to `async def`, one that is native already does
 * not: afterwards the family is native throughout, as if all had moved, and
 * a call that may reach it either awaits it, delegates to it from a
 * generator-based coroutine (which may `yield from` a native one), or is one
 * of `fn`'s own uses the conversion checks. A `yield from` in any other
 * generator that may reach it, not shown to be `fn`'s own, still holds it back.
 */
export function holdsBack(module: ModuleCoroutines, conversion: Conversion, fn: FunctionInfo, other: FunctionInfo): boolean {
  if (conversion.id !== 'generator-to-async' || module.of(other).kind !== 'native-coroutine' || !DELEGATING_FLAVOURS.has(module.of(fn).flavour)) return true;
  const own = new Set(module.usesOf(fn).map((use) => use.id));
  return module.usesThatMayRun(fn).some((use) => !own.has(use.id) && delegatedToByPlainGenerator(module, use));
}

/** `yield from <use>(…)` in a function that is not a generator-based coroutine of a delegating flavour. */
function delegatedToByPlainGenerator(module: ModuleCoroutines, use: Node): boolean {
  const call = callOf(use);
  const context = call ? contextOf(call) : undefined;
  if (!context || !isYieldFrom(context)) return false;
  const caller = enclosingFunction(context);
  const info = caller ? module.file.functions.of(caller) : undefined;
  return !info || !DELEGATING_FLAVOURS.has(module.of(info).flavour);
}

/**
 * After `conversion` of `functions`: the converted ones a refused member of
 * their family leaves behind, each with its refusal. Converting again without
 * them keeps the family on one rung.
 */
export function strandedByFamily(file: SourceFile, conversion: Conversion, functions: readonly FunctionInfo[], refused: readonly Refusal[]): { fn: FunctionInfo; refusal: Refusal }[] {
  const alone = STAYS_ALONE.get(conversion.id);
  const key = (f: FunctionInfo): string => `${f.name}\0${String(f.line)}`;
  const refusalKey = (r: Refusal): string => `${r.function}\0${String(r.defLine)}`;
  const refusedAt = new Set(refused.map(refusalKey));
  // A member refused for a reason its family need not share stays alone.
  const holdsBack = new Set(refused.filter((r) => !alone?.has(r.code)).map(refusalKey));
  const stranded: { fn: FunctionInfo; refusal: Refusal }[] = [];
  for (const fn of functions) {
    if (refusedAt.has(key(fn))) continue;
    const stays = redefinitionsOf(file, fn).find((f) => holdsBack.has(key(f)));
    if (stays) stranded.push({ fn, refusal: refusalAt(file, fn, overriddenBlocker(fn, stays, 'cannot be converted')) });
  }
  return stranded;
}
