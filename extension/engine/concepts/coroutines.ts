// Coroutine concepts: native (`async def`), async generators, generator-based
// coroutines (`@asyncio.coroutine`, `@types.coroutine`, `yield from` awaiting)
// and inline-callbacks coroutines (Twisted, Tornado, the ladder's runner or the
// module's own) — as the one recognizer in python/coroutines.ts sees them.
import type { Node } from '../syntax/node';
import { INLINE_CALLBACKS_FLAVOURS, moduleCoroutines, type Recognised } from '../python/coroutines';
import { calleeName, isYieldFrom } from '../python/scopes';
import type { ConceptLabel } from './concept';
import { label, type FunctionContext } from './context';

/** How inline-callbacks coroutines hand back their result. */
const RETURN_HELPERS = new Set(['returnValue', 'Return']);

export function coroutineLabels(ctx: FunctionContext): ConceptLabel[] {
  const { file, info, scope } = ctx;
  if (info.isAsync) {
    const asyncKeyword = info.node.firstChild ?? info.node;
    if (scope.yields.length > 0) return [label(file, 'async-generator', [asyncKeyword, ...scope.yields])];
    const suspensions = [...scope.awaits, ...[...scope.loops, ...scope.withs].filter((n) => n.firstChild?.type === 'async')];
    return [label(file, 'native-coroutine', [asyncKeyword, ...suspensions])];
  }
  const recognised = moduleCoroutines(file).of(info);
  if (!isGeneratorBased(recognised)) return [];
  const decorator: Node[] = recognised.decorator ? [recognised.decorator] : [];
  if (recognised.flavour !== undefined && INLINE_CALLBACKS_FLAVOURS.has(recognised.flavour)) {
    const returns = scope.calls.filter((c) => RETURN_HELPERS.has(calleeName(c) ?? ''));
    return [label(file, 'inline-callbacks-coroutine', [...decorator, ...scope.yields, ...returns])];
  }
  return [label(file, 'generator-coroutine', [...decorator, ...scope.yields.filter(isYieldFrom)])];
}

/** A generator the recognizer calls a coroutine (or a `@types.coroutine` primitive): its yields suspend it. */
export function isGeneratorBasedCoroutine(ctx: FunctionContext): boolean {
  return !ctx.info.isAsync && isGeneratorBased(moduleCoroutines(ctx.file).of(ctx.info));
}

function isGeneratorBased(recognised: Recognised): boolean {
  return recognised.kind === 'generator-coroutine' || recognised.kind === 'coroutine-primitive';
}
