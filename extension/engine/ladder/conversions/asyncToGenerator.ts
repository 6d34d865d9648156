// Reverse rung for learners: a native coroutine becomes the generator-based
// coroutine it abbreviates, `@types.coroutine` with `yield from`, which runs
// on Python 3.11+ and can be awaited by native coroutines.
//
// Before:
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
// After:
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
import type { Node } from '../../syntax/node';
import { EditBuilder } from '../../syntax/editBuilder';
import { generatorReturnType } from '../returnTypes';
import type { FunctionInfo } from '../../syntax/functionIndex';
import type { SourceFile } from '../../syntax/sourceFile';
import { applyWithImports } from '../applyEdits';
import { awaitToYieldFrom, PRIMARY_TYPES } from '../awaitExpression';
import type { Conversion, ConversionResult, Refusal } from '../conversion';
import { spell } from '../frameworkIdioms';
import { callOf, describeKind, moduleCoroutines, readsName, type ModuleCoroutines } from '../../python/coroutines';
import { bindingScopeOf } from '../../python/localNames';
import { contextOf, enclosingFunction, isYieldFrom, operandOf, ownNodesByFunction, type ScopeNode } from '../../python/scopes';
import { blocker, refusalAt, type Blocker } from '../refusal';

export const asyncToGenerator: Conversion = {
  id: 'async-to-generator',
  from: 'async',
  to: 'generator',
  changesCalls: false,
  candidates(file) {
    // Only an `async def` is a native coroutine: a module without one (every step of the lower ladder
    // to generators) need not have each of its functions recognised.
    if (!file.functions.all.some((f) => f.isAsync)) return [];
    return moduleCoroutines(file).nativeCoroutines.map((r) => r.fn);
  },
  convert(file, functions, options) {
    return convert(file, functions, options.runnerName);
  },
};

function convert(file: SourceFile, functions: readonly FunctionInfo[], runnerName: string | undefined): ConversionResult {
  const module = moduleCoroutines(file, runnerName);
  const refused: Refusal[] = [];
  const edits = new EditBuilder(file);
  const needs = new Set<string>();
  const converted: FunctionInfo[] = [];
  for (const fn of functions) {
    const r = module.of(fn);
    const planned = r.kind === 'native-coroutine' ? plan(module, fn, needs) : blocker('not-at-rung', undefined, describeKind(r));
    if (!(planned instanceof EditBuilder)) {
      refused.push(refusalAt(file, fn, planned));
      continue;
    }
    try {
      for (const e of planned.sorted()) edits.replace(e.start, e.end, e.newText);
    } catch (error) {
      refused.push(refusalAt(file, fn, blocker('output-invalid', undefined, `overlaps another conversion (${(error as Error).message})`)));
      continue;
    }
    converted.push(fn);
  }
  const outcome = applyWithImports(file, edits.sorted(), needs);
  if (!outcome.ok) {
    for (const fn of converted) refused.push(refusalAt(file, fn, blocker('output-invalid', undefined, outcome.reason)));
    return { text: undefined, edits: [], converted: [], refused };
  }
  return {
    text: outcome.text,
    edits: outcome.edits,
    converted: converted.map((f) => f.name),
    refused: refused.sort((a, b) => a.line - b.line),
  };
}

/** The edits for one function, or why it has no generator form. */
function plan(module: ModuleCoroutines, fn: FunctionInfo, needs: Set<string>): EditBuilder | Blocker {
  const { file } = module;
  const body = fn.node.childForFieldName('body');
  const asyncKeyword = fn.node.firstChild;
  if (!body || asyncKeyword?.type !== 'async') return blocker('unsupported-syntax', undefined, 'has no body');
  const line = (node: Node): string => String(file.lineOf(node));
  const nodes = ownNodes(module).get(fn.node.id) ?? new Map<string, ScopeNode[]>();
  for (const type of ['with_statement', 'for_statement']) {
    const found = nodes.get(type)?.find(({ node }) => node.firstChild?.type === 'async');
    if (found) return blocker('no-generator-form', found.node, `uses async ${type === 'with_statement' ? 'with' : 'for'} at line ${line(found.node)}, which has no generator form; rewrite it with explicit awaits first`);
  }
  const found = nodes.get('for_in_clause')?.find(({ node }) => node.firstChild?.type === 'async');
  if (found) return blocker('no-generator-form', found.node, `uses an async comprehension at line ${line(found.node)}, which has no generator form`);
  const awaits = nodes.get('await') ?? [];
  const inComprehension = awaits.find((a) => a.inner);
  if (inComprehension) return blocker('no-generator-form', inComprehension.node, `awaits inside a comprehension at line ${line(inComprehension.node)}, where yield from is not allowed`);
  if (awaits.length === 0) {
    return blocker('never-suspends', undefined, 'never awaits, so it has no yield from to become a generator; @types.coroutine would return its value instead of an awaitable');
  }
  const decorator = module.unknownDecorator(fn, undefined);
  if (decorator !== undefined) return blocker('unknown-decorator', fn.decorated, `is decorated with @${decorator}, which may need a native coroutine function; convert it by hand if it does not`);
  const caller = entryPointUse(module, fn);
  if (caller) return caller;

  const edits = new EditBuilder(file);
  const typesCoroutine = spell({ module, needs }, 'types.coroutine');
  const defLine = file.positionAt(fn.node.startIndex).line;
  const lineStart = file.lines.lineStart(defLine);
  const indent = file.text.slice(lineStart, fn.node.startIndex);
  const defKeyword = asyncKeyword.nextSibling;
  if (indent.trim() !== '' || !defKeyword) return blocker('unsupported-syntax', undefined, 'does not start its own line');
  // The decorator goes innermost, right above `def`, so @classmethod and friends stay outside it.
  edits.insert(lineStart, `${indent}@${typesCoroutine}${file.lines.eol}`);
  edits.delete(asyncKeyword.startIndex, defKeyword.startIndex);
  generatorReturnType(file, edits, fn.node);
  for (const { node } of awaits) {
    // `yield from` iterates; an object with only `__await__` is awaited through it.
    const operand = operandOf(node);
    if (!operand) continue;
    if (module.isAwaitOnlyInstance(operand)) {
      // Inserted before the parenthesis awaitToYieldFrom may close at the same offset.
      const bare = PRIMARY_TYPES.has(operand.type);
      if (!bare) edits.insert(operand.startIndex, '(');
      edits.insert(operand.endIndex, `${bare ? '' : ')'}.__await__()`);
      awaitToYieldFrom(edits, node);
      continue;
    }
    if (module.awaitOnlyClasses.size > 0 && !module.isAwaitableOperand(operand)) {
      const classes = [...module.awaitOnlyClasses].join(', ');
      return blocker('not-awaitable', node, `awaits \`${file.textOf(operand)}\` at line ${line(node)}, which may be an instance of ${classes} (only __await__, which yield from cannot take) and the module does not show it is not; convert it by hand`);
    }
    awaitToYieldFrom(edits, node);
  }
  return edits;
}

const REVERSE_TYPES = ['with_statement', 'for_statement', 'for_in_clause', 'await'];
const ownNodeCache = new WeakMap<ModuleCoroutines, Map<number, Map<string, ScopeNode[]>>>();

/** What the reverse looks at in each function's own scope, found in one search of the file. */
function ownNodes(module: ModuleCoroutines): Map<number, Map<string, ScopeNode[]>> {
  let cached = ownNodeCache.get(module);
  if (!cached) {
    cached = new Map();
    for (const [id, nodes] of ownNodesByFunction(module.file.root, REVERSE_TYPES)) {
      const byType = new Map<string, ScopeNode[]>();
      for (const n of nodes) byType.set(n.node.type, [...(byType.get(n.node.type) ?? []), n]);
      cached.set(id, byType);
    }
    ownNodeCache.set(module, cached);
  }
  return cached;
}

/** Take only native coroutines from Python 3.12 on (they check `asyncio.iscoroutine`). */
const NATIVE_ONLY = new Set(['asyncio.run', 'asyncio.create_task', 'asyncio.run_coroutine_threadsafe']);
/** Wrap any awaitable through `ensure_future`, so a @types.coroutine generator is accepted on 3.11–3.13. */
const ANY_AWAITABLE = new Set(['asyncio.gather', 'asyncio.ensure_future', 'asyncio.wait_for', 'asyncio.shield']);

/**
 * A coroutine made without await must reach something that accepts a
 * generator: asyncio.gather and friends do; asyncio.run, create_task and
 * run_coroutine_threadsafe do not from Python 3.12 on, and a coroutine kept
 * elsewhere (a variable, another callee) might reach them, so those stay native.
 * For a method, every call that may reach it counts (an untyped receiver, a
 * call of another definition of its name in its hierarchy): one that never
 * awaits stays native while the others move (overrideFamilies).
 */
function entryPointUse(module: ModuleCoroutines, fn: FunctionInfo): Blocker | undefined {
  for (const use of module.usesThatMayRun(fn)) {
    const call = callOf(use);
    // Handed on as a value, it may be checked (`inspect.iscoroutinefunction`) or started anywhere.
    // A binding of the name, or a name another scope binds for itself, is not the function.
    const isAttributeName = use.parent?.type === 'attribute' && use.parent.childForFieldName('attribute')?.id === use.id;
    if (!call && (!readsName(use) || (!isAttributeName && bindingScopeOf(use, use.text)?.id !== enclosingFunction(fn.node)?.id))) continue;
    if (!call) return blocker('used-as-value', use, `is used as a value at line ${String(module.file.lineOf(use))} (\`${module.file.textOf(use.parent?.type === 'attribute' ? use.parent : use)}\`), and what is done with it is not followed: a check for a coroutine function, asyncio.run and create_task tell the generator form apart; so keep this one native`);
    const context = contextOf(call);
    // Awaited, or delegated to by a generator: either takes a @types.coroutine generator.
    if (context?.type === 'await' || (context && isYieldFrom(context))) continue;
    const receiver = context?.type === 'argument_list' ? context.parent?.childForFieldName('function') : undefined;
    const callee = receiver ? module.names.qualify(receiver) : undefined;
    if (callee !== undefined && ANY_AWAITABLE.has(callee)) continue;
    const at = `is called at line ${String(module.file.lineOf(call))} without await (\`${module.file.textOf(call)}\`)`;
    const keep = 'so keep this one native (it can await the generator versions)';
    const method = receiver?.type === 'attribute' ? receiver.childForFieldName('attribute')?.text : undefined;
    if ((callee !== undefined && NATIVE_ONLY.has(callee)) || method === 'create_task') {
      return blocker('needs-native-coroutine', call, `${at} and handed to ${module.file.textOf(receiver ?? call)}, which takes only native coroutines from Python 3.12 on; ${keep}`);
    }
    return blocker('needs-native-coroutine', call, `${at}, and where that coroutine goes is not followed: asyncio.run and create_task take only native coroutines from Python 3.12 on; ${keep}`);
  }
  return undefined;
}
