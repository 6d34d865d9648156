// Coroutine concepts: native (`async def`), async generators, generator-based
// coroutines (`@asyncio.coroutine`, `@types.coroutine`, `yield from` awaiting)
// and inline-callbacks coroutines (Twisted, Tornado, or this module's runner).
import type { Node } from 'web-tree-sitter';
import type { ConceptLabel } from './concept';
import { label, type FunctionContext } from './context';
import { calleeName, calleeText, isYieldFrom } from './ownScope';

const GENERATOR_COROUTINE_DECORATORS = new Set(['asyncio.coroutine', 'types.coroutine']);
const INLINE_CALLBACKS_DECORATORS = new Set([
  'inlineCallbacks',
  'defer.inlineCallbacks',
  'twisted.internet.defer.inlineCallbacks',
  'gen.coroutine',
  'tornado.gen.coroutine',
  'gen.engine',
  'tornado.gen.engine',
  // The runner the ladder's generator rung inserts.
  'inline_callbacks',
]);
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
  const decorator = decoratorNode(ctx, (name) => isGeneratorCoroutineDecorator(ctx, name));
  const delegations = scope.yields.filter(isYieldFrom);
  if (decorator) return [label(file, 'generator-coroutine', [decorator, ...delegations])];
  const runner = decoratorNode(ctx, (name) => INLINE_CALLBACKS_DECORATORS.has(name) || ctx.module.runners.has(name));
  if (runner) {
    const returns = scope.calls.filter((c) => RETURN_HELPERS.has(calleeName(c) ?? ''));
    return [label(file, 'inline-callbacks-coroutine', [runner, ...scope.yields, ...returns])];
  }
  // An undecorated generator that only ever `yield from`s asyncio is a pre-3.5 coroutine.
  const awaitsAsyncio = delegations.filter((y) => delegatesToAsyncio(y));
  if (awaitsAsyncio.length > 0 && delegations.length === scope.yields.length) {
    return [label(file, 'generator-coroutine', delegations)];
  }
  return [];
}

function isGeneratorCoroutineDecorator(ctx: FunctionContext, name: string): boolean {
  return GENERATOR_COROUTINE_DECORATORS.has(name) || (name === 'coroutine' && ctx.module.bareCoroutineIsGeneratorBased);
}

/** The `decorator` node whose expression (arguments ignored) satisfies `test`. */
function decoratorNode(ctx: FunctionContext, test: (name: string) => boolean): Node | undefined {
  const decorated = ctx.info.decorated;
  if (!decorated) return undefined;
  return decorated.namedChildren.find((d): d is Node => {
    if (d?.type !== 'decorator') return false;
    const expr = d.firstNamedChild;
    const target = expr?.type === 'call' ? expr.childForFieldName('function') : expr;
    return target ? test(target.text) : false;
  });
}

/** `yield from asyncio.sleep(1)`, `yield from asyncio.wait_for(...)`. */
function delegatesToAsyncio(y: Node): boolean {
  const value = y.namedChildren.find((c) => c !== null && c.type !== 'comment');
  return value?.type === 'call' && (calleeText(value) ?? '').startsWith('asyncio.');
}
