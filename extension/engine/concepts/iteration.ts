// Iteration concepts: generators (plain, delegating, enhanced) on functions;
// iterables and iterators on classes.
import type { Node } from '../syntax/node';
import type { ConceptLabel } from './concept';
import { label, type ClassContext, type FunctionContext } from './context';
import { isGeneratorBasedCoroutine } from './coroutines';
import { contains, isYieldFrom, logicalParent, unparenthesize } from '../python/scopes';

/**
 * `generator`, `delegating-generator`, `enhanced-generator` for a plain (non-async)
 * `def` with its own `yield`. A generator-based coroutine's yields are its
 * suspension points: the coroutine label says so, and implies `generator`.
 */
export function generatorLabels(ctx: FunctionContext): ConceptLabel[] {
  const { file, scope } = ctx;
  if (ctx.info.isAsync || scope.yields.length === 0 || isGeneratorBasedCoroutine(ctx)) return [];
  const labels = [label(file, 'generator', scope.yields)];
  const delegating = scope.yields.filter(isYieldFrom);
  if (delegating.length > 0) labels.push(label(file, 'delegating-generator', delegating));
  const enhanced = [...receivingYields(scope.yields), ...throwHandlers(ctx)];
  if (enhanced.length > 0) labels.push(label(file, 'enhanced-generator', enhanced));
  return labels;
}

/** `x = yield v`, `f((yield))`: the value sent in is used. `yield from` returns the delegate's result instead. */
function receivingYields(yields: readonly Node[]): Node[] {
  return yields.filter((y) => !isYieldFrom(y) && logicalParent(y)?.type !== 'expression_statement');
}

/**
 * `except` clauses that can only be catching what `throw()` or `close()` put in:
 * `except GeneratorExit`, or any handler whose `try` body is nothing but yields.
 */
function throwHandlers(ctx: FunctionContext): Node[] {
  const handlers: Node[] = [];
  for (const t of ctx.scope.tries) {
    const body = t.childForFieldName('body');
    if (!body) continue;
    const yieldsInside = ctx.scope.yields.filter((y) => contains(body, y));
    if (yieldsInside.length === 0) continue;
    const onlyYields = body.namedChildren.every((s) => s?.type === 'expression_statement' && yieldStatement(s));
    for (const clause of t.namedChildren) {
      if (clause?.type !== 'except_clause') continue;
      const caught = clause.childForFieldName('value');
      if (onlyYields || (caught && /\bGeneratorExit\b/.test(caught.text))) handlers.push(clause);
    }
  }
  return handlers;
}

/** `yield v` or `x = yield v` as a whole statement. */
function yieldStatement(statement: Node): boolean {
  const expr = statement.firstNamedChild;
  if (!expr) return false;
  const value = expr.type === 'assignment' ? expr.childForFieldName('right') : expr;
  return value !== null && unparenthesize(value).type === 'yield';
}

/** `iterator` for a class with `__next__` whose `__iter__` returns `self` (or inherits one that does); else `iterable` if it has `__iter__`. */
export function iterationClassLabels(ctx: ClassContext): ConceptLabel[] {
  const { file, methods } = ctx;
  const iter = methods.get('__iter__');
  const next = methods.get('__next__');
  const base = iteratorBase(ctx);
  const returnsSelf = iter ? selfReturns(iter.node) : [];
  if (next && (returnsSelf.length > 0 || base)) return [label(file, 'iterator', [...(iter ? [iter.node] : []), ...returnsSelf, next.node, ...(base ? [base] : [])])];
  return iter ? [label(file, 'iterable', [iter.node])] : [];
}

/** `return self` statements of a method. */
function selfReturns(def: Node): Node[] {
  return def
    .descendantsOfType('return_statement')
    .filter((r): r is Node => r !== null && r.firstNamedChild?.type === 'identifier' && r.firstNamedChild.text === 'self');
}

/** A base class such as `collections.abc.Iterator`, which supplies `__iter__` returning self. */
function iteratorBase(ctx: ClassContext): Node | undefined {
  const bases = ctx.info.node.childForFieldName('superclasses');
  return bases?.namedChildren.find(
    (b): b is Node => b !== null && (b.type === 'identifier' || b.type === 'attribute') && /(^|\.)(Iterator|Generator)$/.test(b.text),
  );
}
