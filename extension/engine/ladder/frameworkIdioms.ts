// How each framework's generator idioms become native ones: what a `yield`
// means, how a value is returned, and what has no faithful native form.
import type { Node } from '../syntax/node';
import type { EditBuilder } from '../syntax/editBuilder';
import type { SourceFile } from '../syntax/sourceFile';
import { lockIdiomToAsyncWith, yieldToAwait } from './awaitExpression';
import type { ModuleCoroutines, OwnYield, Recognised } from '../python/coroutines';
import type { ProjectUses } from './projectUses';
import { blocker, type Blocker } from './refusal';
import { isYieldFrom, operandOf, scopeNodes, unparenthesize } from '../python/scopes';

export interface IdiomContext {
  readonly file: SourceFile;
  readonly edits: EditBuilder;
  readonly module: ModuleCoroutines;
  /** Import statements the rewritten code needs. */
  readonly needs: Set<string>;
  readonly target: Recognised;
  /** The project around the file, when the front end supplies it. */
  readonly project?: ProjectUses | undefined;
  /** The name the module's Tornado yield adapter has (or will get when first used). */
  readonly tornadoYield: string;
  /** Set when the rewritten code calls the Tornado yield adapter. */
  readonly uses: { tornadoYield: boolean };
}

/** Spells a qualified name for this module, noting the import it needs. */
export function spell(ctx: Pick<IdiomContext, 'module' | 'needs'>, qualified: string): string {
  const { text, needs } = ctx.module.names.spell(qualified);
  if (needs) ctx.needs.add(needs);
  return text;
}

const PLAIN_VALUES = new Set(['integer', 'float', 'string', 'concatenated_string', 'true', 'false', 'none', 'tuple', 'expression_list', 'list', 'dictionary', 'set', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension', 'generator_expression', 'lambda']);
/** Plain values that evaluate to themselves, with no effect to keep. */
const CONSTANTS = new Set(['integer', 'float', 'string', 'concatenated_string', 'true', 'false', 'none']);
const TORNADO_CALLBACK_BRIDGES = new Set(['tornado.gen.Task', 'tornado.gen.Callback', 'tornado.gen.Wait', 'tornado.gen.WaitAll']);

const at = (file: SourceFile, node: Node): string => `line ${String(file.lineOf(node))}`;
const quote = (file: SourceFile, node: Node): string => {
  const text = file.textOf(node).replace(/\s+/g, ' ');
  return `\`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
};

/** Rewrites one of the coroutine's own yields; returns what blocks it instead when it cannot. */
export function rewriteYield(ctx: IdiomContext, own: OwnYield): Blocker | undefined {
  const { file, target } = ctx;
  const y = own.node;
  if (own.inner) {
    const where = own.inner.type === 'lambda' ? 'a lambda' : 'a comprehension';
    return blocker('yield-in-nested-scope', y, `has a yield inside ${where} at ${at(file, y)}, which has no await form; move it into the function body first`);
  }
  const operand = operandOf(y);
  switch (target.flavour) {
    case 'asyncio':
    case 'types':
    case 'undecorated':
      return rewriteDelegation(ctx, y, operand);
    case 'tornado':
      return rewriteTornadoYield(ctx, y, operand);
    case 'twisted':
      return rewriteTwistedYield(ctx, y, operand);
    case 'tornado-engine':
      return blocker('no-await-form', target.decorator, 'is a Tornado gen.engine coroutine, whose yields are callback tasks with no await form; move it to gen.coroutine first');
    case 'own-runner':
      return blocker('unknown-runner', target.decorator, 'is driven by a runner the module defines itself, whose protocol await cannot keep; move it to asyncio first');
    case 'runner':
    case undefined:
      return blocker('unknown-runner', target.decorator, `is driven by the ${ctx.module.runnerName} runner: it yields callback operations, not awaitables, and native coroutines need an event loop the module does not run; move its callers to asyncio first`);
  }
}

function rewriteDelegation(ctx: IdiomContext, y: Node, operand: Node | undefined): Blocker | undefined {
  const { file, module, target } = ctx;
  if (!operand && target.flavour === 'asyncio') {
    // asyncio's Task treats a bare yield as "let others run", which is what sleep(0) does.
    yieldToAwait(file, ctx.edits, y, { instead: `${spell(ctx, 'asyncio.sleep')}(0)` });
    return undefined;
  }
  if (!isYieldFrom(y) || !operand) {
    return blocker('driven-by-hand', y, `yields a plain value at ${at(file, y)} (${quote(file, y)}); a coroutine only delegates with yield from, so this is a generator driven by hand`);
  }
  if (module.isValueSource(operand)) {
    return blocker('not-awaitable', y, `delegates to a value generator or iterable at ${at(file, y)} (${quote(file, operand)}), which cannot be awaited`);
  }
  const parens = y.parent;
  const item = parens?.type === 'parenthesized_expression' ? parens.parent : null;
  const clause = item?.type === 'with_item' ? item.parent : null;
  if (parens && item && clause?.type === 'with_clause' && clause.namedChildCount === 1 && clause.parent) {
    // `with (yield from lock):` acquires an asyncio lock; `async with lock:` is its native form.
    const lockLike = operand.type === 'identifier' || operand.type === 'attribute';
    if (lockLike && item.childForFieldName('value')?.id === parens.id) {
      lockIdiomToAsyncWith(ctx.edits, clause.parent, parens, y);
      return undefined;
    }
  }
  yieldToAwait(file, ctx.edits, y);
  return undefined;
}

function rewriteTornadoYield(ctx: IdiomContext, y: Node, operand: Node | undefined): Blocker | undefined {
  const { file, module } = ctx;
  if (isYieldFrom(y)) {
    return blocker('no-await-form', y, `uses yield from inside @gen.coroutine at ${at(file, y)}; Tornado drives the inner generator directly, which has no await form`);
  }
  const value = operand ? unparenthesize(operand) : undefined;
  // Tornado waits one turn of the loop for nothing, None and gen.moment alike.
  if (!value || value.type === 'none' || module.names.qualify(value) === 'tornado.gen.moment') {
    yieldToAwait(file, ctx.edits, y, { instead: `${spell(ctx, 'asyncio.sleep')}(0)` });
    return undefined;
  }
  if (value.type === 'call') {
    const callee = value.childForFieldName('function');
    const qualified = callee ? module.names.qualify(callee) : undefined;
    if (qualified && TORNADO_CALLBACK_BRIDGES.has(qualified)) {
      return blocker('no-await-form', y, `yields ${qualified.replace('tornado.', '')} at ${at(file, y)}, a callback bridge Tornado 6 removed; wrap the callback API in a Future and await that`);
    }
  }
  if (['list', 'dictionary', 'list_comprehension', 'dictionary_comprehension'].includes(value.type)) {
    yieldToAwait(file, ctx.edits, y, { wrap: spell(ctx, 'tornado.gen.multi') });
    return undefined;
  }
  if (PLAIN_VALUES.has(value.type)) {
    return blocker('not-awaitable', y, `yields ${quote(file, value)} at ${at(file, y)}, which Tornado cannot wait for either; yield a Future, a coroutine, or a list or dict of them`);
  }
  if (value.type === 'identifier') {
    const shape = collectionShape(ctx, value.text);
    if (shape === 'mixed') {
      return blocker('ambiguous-yield', y, `yields ${value.text} at ${at(file, y)}, which holds a list or dict on some paths and a single awaitable on others; make it one or the other`);
    }
    if (shape === 'collection') {
      yieldToAwait(file, ctx.edits, y, { wrap: spell(ctx, 'tornado.gen.multi') });
      return undefined;
    }
  }
  if (isKnownAwaitable(ctx, value)) {
    yieldToAwait(file, ctx.edits, y);
    return undefined;
  }
  // Tornado also takes a yielded None (`yield sem.release()`) or a list the
  // module cannot see; await takes neither, so the adapter does what Tornado did.
  ctx.uses.tornadoYield = true;
  yieldToAwait(file, ctx.edits, y, { wrap: ctx.tornadoYield });
  return undefined;
}

function rewriteTwistedYield(ctx: IdiomContext, y: Node, operand: Node | undefined): Blocker | undefined {
  const { file } = ctx;
  if (isYieldFrom(y)) {
    return blocker('no-await-form', y, `uses yield from inside @inlineCallbacks at ${at(file, y)}, which has no await form`);
  }
  const value = operand ? unparenthesize(operand) : undefined;
  if (!value || PLAIN_VALUES.has(value.type)) {
    plainYieldToValue(ctx, y, operand, value);
    return undefined;
  }
  if (isKnownAwaitable(ctx, value)) {
    yieldToAwait(file, ctx.edits, y);
    return undefined;
  }
  // @inlineCallbacks hands a non-Deferred straight back (`yield pipe.close()` giving None,
  // a cache giving a string on a hit); maybeDeferred gives a Deferred either way.
  const maybeDeferred = spell(ctx, 'twisted.internet.defer.maybeDeferred');
  const callee = value.type === 'call' ? value.childForFieldName('function') : null;
  const args = value.type === 'call' ? value.childForFieldName('arguments') : null;
  const takesF = args?.namedChildren.some((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'f') ?? false;
  if (callee && args?.type === 'argument_list' && !takesF) {
    // `f(a, k=b)` → `maybeDeferred(f, a, k=b)`: the same evaluation order, and f's exceptions still raise at the await.
    yieldToAwait(file, ctx.edits, y);
    const empty = args.namedChildren.every((a) => a?.type === 'comment');
    ctx.edits.insert(value.startIndex, `${maybeDeferred}(`).replace(callee.endIndex, args.startIndex + 1, empty ? '' : ', ');
  } else {
    yieldToAwait(file, ctx.edits, y, { prefix: `${maybeDeferred}(lambda: ` });
  }
  return undefined;
}

/**
 * @inlineCallbacks sends a yielded non-Deferred straight back in, without a
 * turn of the reactor: `x = yield 5` is `x = 5`. A statement that yields a
 * constant does nothing, so it goes (`pass` when it is all its block has).
 */
function plainYieldToValue(ctx: IdiomContext, y: Node, operand: Node | undefined, value: Node | undefined): void {
  const { file, edits } = ctx;
  const statement = y.parent;
  if (statement?.type === 'expression_statement' && statement.namedChildCount === 1 && (!value || isConstant(value))) {
    const first = file.positionAt(statement.startIndex);
    const last = file.positionAt(statement.endIndex);
    const aloneOnItsLines = file.lines.lineText(first.line).slice(0, first.character).trim() === '' && file.lines.lineText(last.line).slice(last.character).trim() === '';
    const othersInBlock = statement.parent?.type === 'block' && statement.parent.namedChildren.some((c) => c !== null && c.id !== statement.id && c.type !== 'comment');
    if (othersInBlock && aloneOnItsLines) edits.delete(file.lines.lineStart(first.line), file.lines.lineStart(last.line + 1));
    else edits.replaceNode(statement, 'pass');
  } else if (!operand) {
    edits.replaceNode(y, 'None');
  } else {
    edits.delete(y.startIndex, operand.startIndex);
  }
}

function isConstant(value: Node): boolean {
  return CONSTANTS.has(value.type) && value.descendantsOfType('interpolation').length === 0;
}

/** A value the module shows to be awaitable, or a call of a coroutine another module of the project defines. */
function isKnownAwaitable(ctx: IdiomContext, value: Node): boolean {
  if (ctx.module.isAwaitableOperand(value)) return true;
  const callee = value.type === 'call' ? value.childForFieldName('function') : null;
  return callee !== null && ctx.project?.callsCoroutineElsewhere(callee) === true;
}

/** Whether a name the function yields holds a list/dict (gen.multi) or a single awaitable. */
function collectionShape(ctx: IdiomContext, name: string): 'collection' | 'single' | 'mixed' {
  const body = ctx.target.fn.node.childForFieldName('body');
  if (!body) return 'single';
  const kinds = new Set<string>();
  for (const { node } of scopeNodes(body, 'assignment')) {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left?.type !== 'identifier' || left.text !== name || !right) continue;
    const value = unparenthesize(right);
    kinds.add(['list', 'dictionary', 'list_comprehension', 'dictionary_comprehension'].includes(value.type) ? 'collection' : 'single');
  }
  if (kinds.size > 1) return 'mixed';
  return kinds.has('collection') ? 'collection' : 'single';
}

/**
 * Tornado's `raise gen.Return(v)` and Twisted's `returnValue(v)` become
 * `return v`. Both are exceptions, so one raised inside a `try` whose handler
 * would catch it changes meaning; that is refused.
 */
export function rewriteReturns(ctx: IdiomContext): Blocker | undefined {
  const { file, module, target } = ctx;
  const body = target.fn.node.childForFieldName('body');
  if (!body || (target.flavour !== 'tornado' && target.flavour !== 'twisted')) return undefined;
  const returnName = target.flavour === 'tornado' ? 'tornado.gen.Return' : 'twisted.internet.defer.returnValue';
  const statements = target.flavour === 'tornado' ? scopeNodes(body, 'raise_statement') : scopeNodes(body, 'expression_statement');
  const handled = new Set<number>();
  for (const { node: statement, inner } of statements) {
    const raised = statement.namedChild(0);
    if (!raised || inner) continue;
    const call = raised.type === 'call' ? raised : undefined;
    const callee = call ? call.childForFieldName('function') : raised;
    if (!callee || module.names.qualify(callee) !== returnName) continue;
    if (target.flavour === 'twisted' && !call) continue;
    if (statement.namedChildCount > 1) return blocker('return-idiom', statement, `raises ${quote(file, statement)} at ${at(file, statement)} with a cause; return the value instead`);
    const catcher = caughtBy(ctx, statement, target.flavour === 'tornado');
    if (catcher) {
      return blocker('return-idiom', statement, `returns with ${quote(file, raised)} at ${at(file, statement)} inside \`${catcher}\`, which would catch it; as a plain return it would not be caught, so move it out of there first`);
    }
    const args = call?.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment') ?? [];
    if (args.length > 1) return blocker('return-idiom', statement, `calls ${quote(file, raised)} with ${String(args.length)} arguments at ${at(file, statement)}`);
    const [arg] = args;
    if (!arg) {
      ctx.edits.replaceNode(statement, 'return');
    } else {
      const value = arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
      if (!value || arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
        return blocker('return-idiom', statement, `calls ${quote(file, raised)} with an unpacked argument at ${at(file, statement)}`);
      }
      ctx.edits.replace(statement.startIndex, value.startIndex, 'return ').delete(value.endIndex, statement.endIndex);
    }
    if (call) handled.add(call.id);
    handled.add(callee.id);
  }
  // Any other use of gen.Return / returnValue (passed around, called in an expression) has no safe rewrite.
  for (const { node } of [...scopeNodes(body, 'attribute'), ...scopeNodes(body, 'identifier')]) {
    if (handled.has(node.id) || node.parent?.type === 'attribute') continue;
    if (module.names.qualify(node) === returnName) {
      return blocker('return-idiom', node, `uses ${quote(file, node)} at ${at(file, node)} other than as a statement of its own; rewrite it as a return first`);
    }
  }
  return undefined;
}

/** The handler of an enclosing try (within the function) that would catch the return exception. */
function caughtBy(ctx: IdiomContext, statement: Node, isException: boolean): string | undefined {
  const fnBody = ctx.target.fn.node.childForFieldName('body');
  let child = statement;
  for (let p = statement.parent; p && p.id !== fnBody?.id; child = p, p = p.parent) {
    if (p.type === 'with_statement') {
      // `with contextlib.suppress(...)` swallows exceptions like an except clause.
      for (const call of p.descendantsOfType('call')) {
        const callee = call?.childForFieldName('function');
        if (call && callee && ctx.module.names.qualify(callee) === 'contextlib.suppress' && call.startIndex < child.startIndex) {
          return `with ${ctx.file.textOf(call)}`;
        }
      }
    }
    if (p.type !== 'try_statement' || p.childForFieldName('body')?.id !== child.id) continue;
    for (const clause of p.namedChildren) {
      if (clause?.type !== 'except_clause' && clause?.type !== 'except_group_clause') continue;
      const value = clause.childForFieldName('value') ?? clause.namedChildren.find((c) => c?.type !== 'block' && c?.type !== 'comment');
      if (!value) return 'except:';
      const typeNode = value.type === 'as_pattern' ? value.namedChild(0) : value;
      const types = typeNode?.type === 'tuple' ? typeNode.namedChildren : [typeNode];
      for (const t of types) {
        if (!t) continue;
        const q = ctx.module.names.qualify(t);
        const catches = ['BaseException', 'tornado.gen.Return', 'twisted.internet.defer._DefGen_Return', ...(isException ? ['Exception'] : [])];
        if (q !== undefined && catches.includes(q)) return `except ${ctx.file.textOf(typeNode ?? t)}`;
        if (q === undefined) return `except ${ctx.file.textOf(t)}`;
      }
    }
  }
  return undefined;
}
