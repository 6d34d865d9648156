// Rung "inline callbacks → async/await": the form the CPS → generator rung
// produces (functions decorated with the project's runner, yielding
// operations) becomes native coroutines on asyncio. `yield f(args)` of a
// converted function becomes `await f(args)`; a callback-based leaf,
// `yield lambda resume: leaf(args, resume)`, is awaited through a future
// adapter inserted once per module; the start `main()(k)` becomes
// `k(asyncio.run(main()))`; the runner goes once nothing uses it. A leaf the
// module does not show to call back before it returns is refused: under
// asyncio.run a callback left for the module's own scheduler never comes.
//
// Before:
// ```python
// # <the inline_callbacks runner, from inlineCallbacksRunner.ts>
//
//
// @inline_callbacks
// def square(x):
//     return x * x
//
//
// @inline_callbacks
// def sum_of_squares(a, b):
//     square_result = yield square(a)
//     square_result2 = yield square(b)
//     return square_result + square_result2
//
//
// sum_of_squares(3, 4)(lambda sum_of_squares_result: print(sum_of_squares_result))
// ```
// After:
// ```python
// import asyncio
//
//
// async def square(x):
//     return x * x
//
//
// async def sum_of_squares(a, b):
//     square_result = await square(a)
//     square_result2 = await square(b)
//     return square_result + square_result2
//
//
// (lambda sum_of_squares_result: print(sum_of_squares_result))(asyncio.run(sum_of_squares(3, 4)))
// ```
import type { Node } from '../../syntax/node';
import { EditBuilder } from '../../syntax/editBuilder';
import type { FunctionInfo } from '../../syntax/functionIndex';
import type { SourceFile, TextChange } from '../../syntax/sourceFile';
import { applyWithImports } from '../applyEdits';
import { yieldToAwait } from '../awaitExpression';
import { ADAPTER_NAME, callbackAwaitableSource } from '../callbackAwaitable';
import { isInlineCallbacksFunction } from '../continuations';
import type { Conversion, ConversionOptions, ConversionResult, Refusal } from '../conversion';
import { FreshNames } from '../freshNames';
import { RUNNER_NAME, runnerSource } from '../inlineCallbacksRunner';
import { isOwnRunner, isSource, runnerNames } from '../insertedHelpers';
import { leafOperation, leafProblem } from '../leafCallsBack';
import { helperInsertion, helperRemoval, usesOf } from '../moduleInsert';
import { children, identifiers, lineIndentOf, ownOfType } from '../pySyntax';
import { describeKind, moduleCoroutines, type Recognised } from '../../python/coroutines';
import { referencesTo } from '../references';
import { argumentsOf, enclosingFunction, isYieldFrom, operandOf, unparenthesize } from '../../python/scopes';
import { removeDecoratorLine } from '../decoratorLine';
import { nativeReturnType } from '../returnTypes';
import { brokenElsewhere } from '../projectUses';
import { unseenCallersBlocker } from '../publicContract';
import { blocker, refusalAt, refusalOf, RefuseError, type Blocker } from '../refusal';

export const inlineCallbacksToAsync: Conversion = {
  id: 'inline-callbacks-to-async',
  from: 'generator',
  to: 'async',
  changesCalls: true,
  candidates: (file) => claimed(file, undefined).map((r) => r.fn),
  convert: (file, functions, options) => convert(file, functions, options),
};

/** Functions decorated with a runner, each with the analysis that recognised it. */
function claimed(file: SourceFile, configured: string | undefined): Recognised[] {
  const found = new Map<number, Recognised>();
  for (const name of runnerNames(file, configured)) {
    const module = moduleCoroutines(file, name);
    for (const fn of file.functions.all) {
      const r = fn.kind === 'function' ? module.of(fn) : undefined;
      if (r?.flavour === 'runner' && !found.has(fn.node.id)) found.set(fn.node.id, r);
    }
  }
  return [...found.values()];
}

interface Plan {
  readonly edits: readonly TextChange[];
  /** Starts `f(args)(k)` of this function, to become `k(asyncio.run(f(args)))`. */
  readonly starts: readonly Node[];
  readonly wrapsLeaves: boolean;
  /** Callers in the inline-callbacks form outside the batch that yield this function. */
  readonly callers: readonly FunctionInfo[];
  /** The first of their yields. */
  readonly callerUse: Node | undefined;
}

interface Context {
  readonly file: SourceFile;
  readonly adapter: string;
  readonly batch: ReadonlyMap<number, Recognised>;
  readonly all: ReadonlyMap<number, Recognised>;
}

function convert(file: SourceFile, functions: readonly FunctionInfo[], options: ConversionOptions): ConversionResult {
  const all = new Map(claimed(file, options.runnerName).map((r) => [r.fn.node.id, r]));
  const refused: Refusal[] = [];
  // The refused functions by name and line, so each caller's check is a look-up rather than a scan of every refusal.
  const refusedAt = new Set<string>();
  const refuse = (fn: FunctionInfo, why: Blocker): void => {
    const refusal = refusalAt(file, fn, why);
    refused.push(refusal);
    refusedAt.add(`${String(refusal.defLine)} ${refusal.function}`);
  };
  const batch = new Map<number, Recognised>();
  for (const fn of functions) {
    const r = all.get(fn.node.id);
    const problem = r ? formProblem(file, r) : blocker('not-at-rung', undefined, describeKind(moduleCoroutines(file, options.runnerName).of(fn)));
    if (r && problem === undefined) batch.set(fn.node.id, r);
    else refuse(fn, problem ?? blocker('not-at-rung', undefined, 'is not in the inline-callbacks form'));
  }
  const existing = file.functions.all.find((f) => f.parent === undefined && f.name.startsWith(ADAPTER_NAME) && isSource(file.textOf(f.node), adapterSource(file, f.name)));
  const ctx: Context = { file, adapter: existing?.name ?? new FreshNames(file).fresh(ADAPTER_NAME), batch, all };
  // Whether a function can convert depends on which others do (callers, callees): repeat until the batch settles.
  let plans = new Map<number, Plan>();
  for (let settled = false; !settled; ) {
    plans = new Map();
    const failed: { r: Recognised; why: Blocker }[] = [];
    for (const [id, r] of batch) {
      try {
        plans.set(id, planFunction(ctx, r));
      } catch (error) {
        failed.push({ r, why: refusalOf(file, r.fn, error) });
      }
    }
    // A function's own problem first; only then what it means for its callees.
    if (failed.length === 0) {
      for (const [id, plan] of plans) {
        const r = batch.get(id);
        if (!r || plan.callers.length === 0) continue;
        const elsewhere = options.withCallers ? plan.callers.map((c) => brokenElsewhere(options.project, c, r.fn) ?? unseenCallersBlocker(file, c, options.publicApi, r.fn)).find((b) => b !== undefined) : undefined;
        if (options.withCallers && !elsewhere && plan.callers.every((c) => formProblem(file, all.get(c.node.id) as Recognised) === undefined && !refusedAt.has(`${String(c.line)} ${c.name}`))) {
          for (const c of plan.callers) batch.set(c.node.id, all.get(c.node.id) as Recognised);
          continue;
        }
        const names = plan.callers.map((c) => `${c.name} (line ${String(c.line)})`).join(', ');
        failed.push({ r, why: elsewhere ?? blocker(options.withCallers ? 'caller-cannot-follow' : 'needs-callers', plan.callerUse, `is yielded by ${names}, which would stay in the inline-callbacks form and could no longer yield it; convert this function with its callers in the module`) });
      }
    }
    for (const { r, why } of failed) {
      refuse(r.fn, why);
      batch.delete(r.fn.node.id);
    }
    settled = failed.length === 0 && [...plans.keys()].length === batch.size;
  }
  if (plans.size === 0) return { text: undefined, edits: [], converted: [], refused: sorted(refused) };
  const { edits, needs } = moduleEdits(ctx, [...plans.values()], existing !== undefined, options.runnerName);
  const outcome = applyWithImports(file, edits, needs);
  const converted = [...batch.values()].map((r) => r.fn);
  if (!outcome.ok) {
    for (const fn of converted) refuse(fn, blocker('output-invalid', undefined, outcome.reason));
    return { text: undefined, edits: [], converted: [], refused: sorted(refused) };
  }
  return { text: outcome.text, edits: outcome.edits, converted: converted.sort((a, b) => a.line - b.line).map((f) => f.name), refused: sorted(refused) };
}

/** All the edits: the functions', the starts', the runner's removal and the adapter's insertion; and the imports they need. */
function moduleEdits(ctx: Context, plans: readonly Plan[], hasAdapter: boolean, runnerName: string | undefined): { edits: TextChange[]; needs: Set<string> } {
  const { file, batch } = ctx;
  const module = moduleCoroutines(file, runnerName);
  const needs = new Set<string>();
  const spell = (qualified: string): string => {
    const spelling = module.names.spell(qualified);
    if (spelling.needs) needs.add(spelling.needs);
    return spelling.text;
  };
  const builder = new EditBuilder(file);
  for (const plan of plans) for (const e of plan.edits) builder.replace(e.start, e.end, e.newText);
  const run = spell('asyncio.run');
  const names = new FreshNames(file);
  // `box.total(2)(print)` may start any converted `total`: one start, whichever it reaches, rewritten once.
  const starts = new Map(plans.flatMap((p) => p.starts).map((start) => [start.id, start]));
  for (const start of starts.values()) rewriteStart(file, builder, start, run, names);
  // A set, and each use's parent asked once: a module of thousands of runner-decorated functions has as many uses.
  const dropped = new Set([...batch.values()].flatMap((r) => (r.decorator ? [r.decorator.id] : [])));
  const removals = runnerNames(file, runnerName).flatMap((name) => {
    const stillUsed = usesOf(file, name).filter((u) => {
      const parent = u.parent;
      return !(parent?.type === 'decorator' && dropped.has(parent.id));
    });
    const removal = helperRemoval(file, name, runnerSource(name), stillUsed.length);
    return removal ? [removal] : [];
  });
  const insertion = plans.some((p) => p.wrapsLeaves) && !hasAdapter ? helperInsertion(file, adapterSource(file, ctx.adapter, spell('asyncio.get_running_loop'))) : undefined;
  // An import added at offset 0 and an edit of ours there would be ambiguous: ours carries it instead.
  const eol = file.lines.eol;
  const lead = needs.size > 0 && (insertion?.offset === 0 || removals.some((r) => r.start === 0)) ? `${[...needs].join(eol)}${eol}${eol}${eol}` : '';
  if (lead) needs.clear();
  const leading = (start: number, text: string): string => (start === 0 ? lead + text : text);
  for (const removal of removals) {
    // The adapter takes the runner's place when both sit at the top of the module.
    const text = insertion?.offset === removal.start ? insertion.text : removal.text;
    builder.replace(removal.start, removal.end, leading(removal.start, text));
  }
  if (insertion && !removals.some((r) => r.start === insertion.offset)) builder.insert(insertion.offset, leading(insertion.offset, insertion.text));
  return { edits: builder.sorted(), needs };
}

function sorted(refused: Refusal[]): Refusal[] {
  return refused.sort((a, b) => a.line - b.line);
}

function adapterSource(file: SourceFile, name: string, getRunningLoop?: string): string {
  return callbackAwaitableSource(name, getRunningLoop ?? moduleCoroutines(file).names.spell('asyncio.get_running_loop').text);
}

/** Why a runner-decorated function is not in the form this rung converts, if it is not. */
function formProblem(file: SourceFile, r: Recognised): Blocker | undefined {
  const expression = r.decorator?.firstNamedChild;
  const written = expression ? file.textOf(expression) : RUNNER_NAME;
  const name = written.split('.').at(-1) ?? written;
  const runner = file.functions.named(name).find((f) => f.parent === undefined);
  if (written !== name || !runner || !isOwnRunner(file, runner)) {
    return blocker('unknown-runner', r.decorator, `is decorated with @${written}, which is not the ${RUNNER_NAME} runner the CPS → generator rung inserts into this module (it is imported or written differently), so what its yields mean is not known; convert it by hand`);
  }
  if (isInlineCallbacksFunction(file, r.fn, name)) return undefined;
  const other = moduleCoroutines(file, name).unknownDecorator(r.fn, r.decorator);
  if (other !== undefined) return blocker('unknown-decorator', r.fn.decorated, `is also decorated with @${other}, which may rely on getting the runner's operation back; convert it by hand`);
  return blocker('not-at-rung', undefined, 'is nested in another function, a special method or async; only top-level functions and methods of top-level classes convert from the inline-callbacks form');
}

/** The edits turning one function into a native coroutine; throws RefuseError with the reason it cannot. */
function planFunction(ctx: Context, r: Recognised): Plan {
  const { file, batch } = ctx;
  const module = moduleCoroutines(file);
  const edits = new EditBuilder(file);
  let wrapsLeaves = false;
  for (const own of r.yields) {
    const y = own.node;
    const at = `line ${String(file.lineOf(y))}`;
    if (own.inner) throw new RefuseError('yield-in-nested-scope', y, `has a yield inside ${own.inner.type === 'lambda' ? 'a lambda' : 'a comprehension'} at ${at}, which has no await form; move it into the function body first`);
    if (isYieldFrom(y)) throw new RefuseError('not-an-operation', y, `delegates with yield from at ${at}; the inline-callbacks form yields operations only`);
    const operand = operandOf(y);
    if (!operand) throw new RefuseError('not-an-operation', y, `has a bare yield at ${at}, which gives the runner no operation`);
    const op = unparenthesize(operand);
    const callees = op.type === 'call' ? module.callees(op).filter((c) => ctx.all.has(c.node.id)) : [];
    if (callees.length > 0) {
      const staying = callees.find((c) => !batch.has(c.node.id));
      if (staying) throw new RefuseError('callee-stays', y, `yields ${quote(file, op)} at ${at}, and ${staying.name} (line ${String(staying.line)}) stays in the inline-callbacks form; convert it too`);
      yieldToAwait(file, edits, y);
      continue;
    }
    const leaf = leafOperation(op);
    if (!leaf) {
      throw new RefuseError('not-an-operation', y, `yields ${quote(file, op)} at ${at}, which the module does not show to be an operation of the inline-callbacks form (a converted function's call, or \`lambda resume: leaf(args, resume)\`)`);
    }
    const problem = leafProblem(module, leaf);
    if (problem) throw new RefuseError('unsafe-leaf', y, `waits at ${at} on a callback-based leaf: ${problem.why}${problem.external ? '; make it awaitable by hand' : schedulerPhrase(ctx)}`);
    yieldToAwait(file, edits, y, { wrap: ctx.adapter });
    wrapsLeaves = true;
  }
  if (r.decorator) removeDecoratorLine(file, edits, r.decorator);
  edits.insert(r.fn.node.startIndex, 'async ');
  nativeReturnType(file, edits, r.fn.node);
  return { edits: edits.sorted(), wrapsLeaves, ...checkUses(ctx, r.fn) };
}

/** Every use of a converting function must become an await or the module's start. */
function checkUses(ctx: Context, fn: FunctionInfo): Pick<Plan, 'starts' | 'callers' | 'callerUse'> {
  const { file } = ctx;
  const starts: Node[] = [];
  const callers: FunctionInfo[] = [];
  let callerUse: Node | undefined;
  for (const ref of referencesTo(file, fn)) {
    const at = `line ${String(file.lineOf(ref.node))}`;
    const call = ref.call;
    if (!call) throw new RefuseError('used-as-value', ref.node, `is used as a value at ${at} (${quote(file, ref.statement)}), where a coroutine function would not behave as the runner's operation did`);
    let outer = call;
    while (outer.parent?.type === 'parenthesized_expression') outer = outer.parent;
    if (outer.parent?.type === 'yield') {
      const ownerNode = enclosingFunction(outer.parent);
      const owner = ownerNode ? file.functions.of(ownerNode) : undefined;
      if (owner && ctx.batch.has(owner.node.id)) continue;
      if (owner && ctx.all.has(owner.node.id)) {
        callers.push(owner);
        callerUse ??= outer.parent;
        continue;
      }
      throw new RefuseError('caller-cannot-follow', outer, `is yielded at ${at} by code outside the inline-callbacks form, which would get a coroutine instead of an operation`);
    }
    const invoked = call.parent?.type === 'call' && call.parent.childForFieldName('function')?.id === call.id ? call.parent : undefined;
    const args = invoked ? argumentsOf(invoked) : [];
    const statement = invoked?.parent;
    const isStart = invoked && (args.length === 1 || args.length === 2) && args.every((a) => !['keyword_argument', 'list_splat', 'dictionary_splat'].includes(a.type));
    if (isStart && statement?.type === 'expression_statement' && statement.firstNamedChild?.id === invoked.id && atModuleLevel(statement)) {
      starts.push(invoked);
      continue;
    }
    throw new RefuseError('caller-cannot-follow', call, `is called at ${at} (${quote(file, call)}) other than by a yield in the inline-callbacks form or as a module-level start \`f(args)(k)\`; that caller would get a coroutine instead of an operation`);
  }
  return { starts, callers: [...new Set(callers)], callerUse };
}

/** Outside every def, class and lambda (an `if __name__ == "__main__":` block is still module level). */
function atModuleLevel(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (['function_definition', 'class_definition', 'lambda'].includes(p.type)) return false;
  return true;
}

/**
 * `f(args)(k)` → `k(asyncio.run(f(args)))`; a lambda that ignores its argument becomes the statement after the run.
 * `f(args)(k, fail)`: the runner handed fail what f raised and k what it returned (what k raises goes up),
 * so `try: r = asyncio.run(f(args)) / except Exception as e: fail(e) / else: k(r)`.
 */
function rewriteStart(file: SourceFile, builder: EditBuilder, invoked: Node, run: string, names: FreshNames): void {
  const operation = invoked.childForFieldName('function');
  const [k, fail] = argumentsOf(invoked);
  if (!operation || !k) return;
  const started = `${run}(${file.textOf(operation)})`;
  const statement = invoked.parent;
  if (fail) {
    if (!statement) return;
    const eol = file.lines.eol;
    const indent = lineIndentOf(file, statement);
    const inner = `${indent}    `;
    const result = names.fresh('result');
    const error = names.fresh('error');
    const applied = (f: Node, value: string): string => `${PRIMARY.has(f.type) ? file.textOf(f) : `(${file.textOf(f)})`}(${value})`;
    builder.replaceNode(statement, [`try:`, `${inner}${result} = ${started}`, `${indent}except Exception as ${error}:`, `${inner}${applied(fail, error)}`, `${indent}else:`, `${inner}${applied(k, result)}`].join(eol));
    return;
  }
  const params = k.type === 'lambda' ? children(k.childForFieldName('parameters') ?? k).filter((p) => p.type !== 'comment') : [];
  const body = k.type === 'lambda' ? k.childForFieldName('body') : null;
  const [param] = params;
  const ignored = params.length === 1 && param?.type === 'identifier' && body && !identifiers(body).has(param.text);
  const startsLine = statement !== null && file.text.slice(file.lines.lineStart(file.positionAt(statement.startIndex).line), statement.startIndex).trim() === '';
  if (ignored && body.type === 'none') {
    builder.replaceNode(invoked, started);
  } else if (ignored && statement && startsLine) {
    builder.replaceNode(invoked, `${started}${file.lines.eol}${lineIndentOf(file, statement)}${file.textOf(body)}`);
  } else {
    builder.replaceNode(invoked, `${PRIMARY.has(k.type) ? file.textOf(k) : `(${file.textOf(k)})`}(${started})`);
  }
}

const PRIMARY = new Set(['identifier', 'attribute', 'call', 'subscript', 'parenthesized_expression']);

/**
 * Names the module's own scheduler, if it shows one: a module-level call of
 * one of its plain functions that loops (as `run()` draining a queue does).
 */
function schedulerPhrase(ctx: Context): string {
  const { file } = ctx;
  const blocks = [file.root, ...children(file.root).filter((s) => s.type === 'if_statement').flatMap((s) => children(s).filter((c) => c.type === 'block'))];
  const module = moduleCoroutines(file);
  for (const statement of blocks.flatMap((b) => children(b))) {
    const call = statement.type === 'expression_statement' ? statement.firstNamedChild : null;
    if (call?.type !== 'call' || call.childForFieldName('function')?.type !== 'identifier') continue;
    const [target] = module.callees(call).filter((f) => f.parent === undefined && !ctx.all.has(f.node.id));
    if (target && ownOfType(target.node, ['while_statement', 'for_statement']).length > 0) {
      return `; the module's own scheduler \`${file.textOf(call)}\` (line ${String(file.lineOf(call))}) would call it back, and asyncio.run does not run that scheduler, so the await would never finish; move the leaf onto asyncio first (e.g. the running loop's call_later)`;
    }
  }
  return '; asyncio.run would wait for it forever; move the leaf onto asyncio first';
}

function quote(file: SourceFile, node: Node): string {
  const text = file.textOf(node).replace(/\s+/g, ' ');
  return `\`${text.length > 50 ? `${text.slice(0, 47)}...` : text}\``;
}
