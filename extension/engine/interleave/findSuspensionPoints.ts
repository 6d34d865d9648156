// Where a coroutine can suspend. The value-flow walk meets these nodes in
// execution order and numbers them; this module decides what counts.
import type { Node } from '../syntax/node';
import type { CoroutineKind, SuspensionKind } from './model';
import { isYieldFrom } from '../python/scopes';

/** The suspension an expression node causes when evaluated (`await`, `yield from`, framework `yield`). */
export function expressionSuspension(node: Node, coroutine: CoroutineKind | undefined): SuspensionKind | undefined {
  if (node.type === 'await') return coroutine === 'async-def' ? 'await' : undefined;
  if (node.type !== 'yield' || coroutine === undefined || coroutine === 'async-def') return undefined;
  return isYieldFrom(node) ? 'yield-from' : 'yield';
}

/** `async for`, `async with`, and `async for` clauses of comprehensions. */
export function isAsyncConstruct(node: Node): boolean {
  return node.children[0]?.type === 'async';
}
