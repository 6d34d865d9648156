// Rung "generator-based coroutine → async/await": asyncio/types.coroutine
// `yield from`, Tornado `@gen.coroutine`, Twisted `@inlineCallbacks` and
// undecorated delegating generators become `async def` with `await`.
// Every function in the batch converts completely or is refused and left
// untouched; the whole result re-parses or nothing changes.
//
// Before:
// ```python
// import asyncio
// import types
//
//
// @types.coroutine
// def double(x):
//     yield from asyncio.sleep(0)
//     return x * 2
//
//
// async def main():
//     print(await double(21))
//
//
// asyncio.run(main())
// ```
// After:
// ```python
// import asyncio
//
//
// async def double(x):
//     await asyncio.sleep(0)
//     return x * 2
//
//
// async def main():
//     print(await double(21))
//
//
// asyncio.run(main())
// ```
import type { Node } from '../../syntax/node';
import { EditBuilder } from '../../syntax/editBuilder';
import type { FunctionInfo } from '../../syntax/functionIndex';
import type { SourceFile, TextChange } from '../../syntax/sourceFile';
import { planCallSites, type DelegatingCaller } from '../callSites';
import type { Conversion, ConversionOptions, ConversionResult, Refusal } from '../conversion';
import { rewriteReturns, rewriteYield, spell, type IdiomContext } from '../frameworkIdioms';
import { applyWithImports } from '../applyEdits';
import { describeKind, moduleCoroutines, type ModuleCoroutines, type Recognised } from '../../python/coroutines';
import { isYieldFrom, operandOf, scopeNodes, unparenthesize } from '../../python/scopes';
import { removeDecoratorLine } from '../decoratorLine';
import { nativeReturnType } from '../returnTypes';
import { brokenElsewhere } from '../projectUses';
import { publicContract, wrapInDeferred } from '../publicContract';
import { hiddenCaller } from '../../python/hiddenCallers';
import { hiddenCallerBlocker } from '../hiddenCallerRefusal';
import { blocker, refusalAt, type Blocker } from '../refusal';
import { FreshNames } from '../freshNames';
import { helperInsertion } from '../moduleInsert';
import { removedApiBlocker, respellRemovedAsyncioApis } from '../removedAsyncioApis';
import { isTornadoYieldAdapter, TORNADO_YIELD_NAME, tornadoYieldSource, tornadoYieldSpelling } from '../tornadoYield';

interface Plan {
  readonly edits: TextChange[];
  readonly needs: Set<string>;
  /** Whether the edits call the Tornado yield adapter. */
  readonly usesTornadoYield?: boolean;
  readonly refusal?: Blocker;
  readonly delegatingCallers: readonly DelegatingCaller[];
}

export const generatorToAsync: Conversion = {
  id: 'generator-to-async',
  from: 'generator',
  to: 'async',
  changesCalls: false,
  candidates(file) {
    return moduleCoroutines(file).generatorCoroutines.map((r) => r.fn);
  },
  convert(file, functions, options) {
    return convert(file, functions, options);
  },
};

function convert(file: SourceFile, functions: readonly FunctionInfo[], options: ConversionOptions): ConversionResult {
  const module = moduleCoroutines(file, options.runnerName);
  const adapter = tornadoYieldAdapter(module);
  const refused: Refusal[] = [];
  const refuse = (fn: FunctionInfo, why: Blocker): void => {
    refused.push(refusalAt(file, fn, why));
  };
  const batch = new Map<number, Recognised>();
  for (const fn of functions) {
    const r = module.of(fn);
    if (r.kind === 'generator-coroutine') batch.set(fn.node.id, r);
    else refuse(fn, blocker('not-at-rung', undefined, describeKind(r)));
  }
  // Plans depend on what else converts (callers, callees): repeat until no refusal or added caller changes the batch.
  let plans = new Map<number, Plan>();
  for (let settled = false; !settled; ) {
    settled = true;
    plans = new Map();
    const ids = new Set(batch.keys());
    for (const [id, r] of [...batch]) {
      const plan = planFunction(module, r, ids, options, adapter.name);
      const callers = plan.delegatingCallers;
      let reason = plan.refusal;
      if (!reason && callers.length > 0) {
        const convertible = callers.every(({ fn: c }) => module.of(c).kind === 'generator-coroutine' && !refused.some((x) => x.function === c.name && x.defLine === c.line));
        const elsewhere = options.withCallers ? callers.map(({ fn: c }) => brokenElsewhere(options.project, c, r.fn)).find((b) => b !== undefined) : undefined;
        if (options.withCallers && convertible && !elsewhere) {
          for (const { fn: c } of callers) batch.set(c.node.id, module.of(c));
          settled = false;
          continue;
        }
        const names = callers.map(({ fn: c }) => `${c.name} (line ${String(c.line)})`).join(', ');
        reason = elsewhere ?? blocker(options.withCallers ? 'caller-cannot-follow' : 'needs-callers', callers[0]?.use, `is delegated to with yield from by ${names}, which would stay a generator and could no longer do so; convert this function with its callers in the module`);
      }
      if (reason) {
        refuse(r.fn, reason);
        batch.delete(id);
        settled = false;
        continue;
      }
      plans.set(id, plan);
    }
  }
  const needs = new Set([...plans.values()].flatMap((p) => [...p.needs]));
  const edits = [...plans.values()].flatMap((p) => p.edits);
  if ([...batch.values()].some((r) => r.flavour === 'asyncio')) {
    const respelled = new EditBuilder(file);
    respellRemovedAsyncioApis(module, respelled, (qualified) => spell({ module, needs }, qualified));
    edits.push(...respelled.sorted());
  }
  if (!adapter.present && [...plans.values()].some((p) => p.usesTornadoYield === true)) edits.push(adapter.insertion(needs));
  const outcome = applyWithImports(file, edits, needs);
  if (!outcome.ok) {
    for (const r of batch.values()) refuse(r.fn, blocker('output-invalid', undefined, outcome.reason));
    return { text: undefined, edits: [], converted: [], refused: sortRefusals(refused) };
  }
  const converted = [...batch.values()].map((r) => r.fn).sort((a, b) => a.line - b.line).map((f) => f.name);
  return { text: outcome.text, edits: outcome.edits, converted, refused: sortRefusals(refused) };
}

function sortRefusals(refused: Refusal[]): Refusal[] {
  return refused.sort((a, b) => a.line - b.line);
}

/** Edits converting one function, given the set of functions converting with it. */
function planFunction(module: ModuleCoroutines, target: Recognised, converting: ReadonlySet<number>, options: ConversionOptions, tornadoYield: string): Plan {
  const { file } = module;
  const edits = new EditBuilder(file);
  const needs = new Set<string>();
  const uses = { tornadoYield: false };
  const ctx: IdiomContext = { file, edits, module, needs, target, project: options.project, tornadoYield, uses };
  const refuse = (refusal: Blocker): Plan => ({ edits: [], needs, refusal, delegatingCallers: [] });
  const fn = target.fn;
  const body = fn.node.childForFieldName('body');
  if (!body) return refuse(blocker('unsupported-syntax', undefined, 'has no body'));

  const decoratorProblem = checkDecorators(module, target);
  if (decoratorProblem) return refuse(decoratorProblem);
  const hidden = startsUnseen(target) ? hiddenCaller(file, fn) : undefined;
  // Tornado runs what its own handlers return; a call the module does not spell may drop a coroutine unstarted.
  if (hidden && (target.flavour === 'twisted' || hidden.kind === 'by-name' || hidden.kind === 'class-body-value')) return refuse(hiddenCallerBlocker(file, hidden));
  const contract = publicContract(ctx, target, options.publicApi ?? 'keep');
  if (typeof contract === 'object') return refuse(contract);
  if (target.yields.length === 0 && target.flavour === 'twisted') {
    return refuse(blocker('never-suspends', target.decorator, 'is decorated with @inlineCallbacks but never yields; Twisted rejects it when it is called, so there is nothing to keep'));
  }
  for (const own of target.yields) {
    const reason = rewriteYield(ctx, own);
    if (reason) return refuse(reason);
    const reasonAwaiting = awaitsUnconvertedGenerator(module, own.node, converting);
    if (reasonAwaiting) return refuse(reasonAwaiting);
  }
  const returns = rewriteReturns(ctx);
  if (returns) return refuse(returns);
  if (target.flavour === 'asyncio') {
    const removed = removedApiBlocker(module, fn.node);
    if (removed) return refuse(removed);
  }
  if (target.yields.length === 0 && target.flavour === 'asyncio') {
    const reason = awaitReturnedAwaitables(ctx, body);
    if (reason) return refuse(reason);
  }
  if (target.decorator) removeDecoratorLine(file, edits, target.decorator);
  edits.insert(fn.node.startIndex, 'async ');
  nativeReturnType(file, edits, fn.node);
  if (contract === 'wrap') {
    // Every use, seen or not, still gets a Deferred from the wrapper.
    wrapInDeferred(ctx, fn);
    return { edits: edits.sorted(), needs, usesTornadoYield: uses.tornadoYield, delegatingCallers: [] };
  }

  const sites = planCallSites(module, target, converting);
  if (sites.refusal) return refuse(sites.refusal);
  if (sites.wraps.length > 0) {
    const wrapper = spell(ctx, 'twisted.internet.defer.ensureDeferred');
    for (const call of sites.wraps) edits.insert(call.startIndex, `${wrapper}(`).insert(call.endIndex, ')');
  }
  return { edits: edits.sorted(), needs, usesTornadoYield: uses.tornadoYield, delegatingCallers: sites.delegatingCallers };
}

/** The module's Tornado yield adapter: the one already there (ours, unchanged), or a fresh name and its insertion. */
function tornadoYieldAdapter(module: ModuleCoroutines): { name: string; present: boolean; insertion(needs: Set<string>): TextChange } {
  const { file } = module;
  const existing = file.functions.all.find((f) => isTornadoYieldAdapter(file, f));
  const name = existing?.name ?? new FreshNames(file).fresh(TORNADO_YIELD_NAME);
  return {
    name,
    present: existing !== undefined,
    insertion(needs) {
      const spelling = tornadoYieldSpelling(module.names, (s) => {
        if (s.needs) needs.add(s.needs);
      });
      const { offset, text } = helperInsertion(file, tornadoYieldSource(name, spelling));
      return { start: offset, end: offset, newText: text };
    },
  };
}

/** A Twisted or Tornado coroutine runs when called; a caller the module cannot show may never await the native one. */
function startsUnseen(target: Recognised): boolean {
  return target.flavour === 'twisted' || target.flavour === 'tornado';
}

/** Other decorators must still work around an `async def`. */
function checkDecorators(module: ModuleCoroutines, target: Recognised): Blocker | undefined {
  const other = module.unknownDecorator(target.fn, target.decorator);
  return other === undefined
    ? undefined
    : blocker('unknown-decorator', target.fn.decorated ?? target.fn.node, `is also decorated with @${other}, which may rely on getting a generator, Future or Deferred back; check it accepts an async def and convert this one by hand`);
}

/** `yield from g()` becomes `await g()`: g must then be awaitable, which an undecorated generator left as it is is not. */
function awaitsUnconvertedGenerator(module: ModuleCoroutines, y: Node, converting: ReadonlySet<number>): Blocker | undefined {
  if (!isYieldFrom(y)) return undefined;
  const operand = operandOf(y);
  const call = operand ? unparenthesize(operand) : undefined;
  if (call?.type !== 'call') return undefined;
  for (const callee of module.callees(call)) {
    const r = module.of(callee);
    if (r.kind === 'generator-coroutine' && r.flavour === 'undecorated' && !converting.has(callee.node.id)) {
      return blocker('callee-stays', y, `awaits ${callee.name} (line ${String(callee.line)}) at line ${String(module.file.lineOf(y))}, an undecorated generator that is not being converted and could not be awaited; convert it too`);
    }
  }
  return undefined;
}

/**
 * A non-generator `@asyncio.coroutine` awaits what it returns when that is
 * awaitable; the native form must say so, and refuses when it cannot tell.
 */
function awaitReturnedAwaitables(ctx: IdiomContext, body: Node): Blocker | undefined {
  for (const { node, inner } of scopeNodes(body, 'return_statement')) {
    if (inner) continue;
    const value = node.firstNamedChild;
    if (!value) continue;
    const bare = unparenthesize(value);
    if (ctx.module.isAwaitableOperand(bare)) {
      ctx.edits.insert(value.startIndex, 'await ');
      continue;
    }
    const plain = ['integer', 'float', 'string', 'concatenated_string', 'true', 'false', 'none', 'list', 'tuple', 'dictionary', 'set', 'binary_operator', 'comparison_operator', 'boolean_operator', 'not_operator'];
    if (!plain.includes(bare.type)) {
      return blocker('not-awaitable', node, `returns ${ctx.file.textOf(value)} at line ${String(ctx.file.lineOf(node))}, which @asyncio.coroutine would await if it were awaitable; the module does not show whether it is`);
    }
  }
  return undefined;
}
