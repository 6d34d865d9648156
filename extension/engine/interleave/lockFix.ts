// "Guard with asyncio.Lock": puts the hazard's read…write span, and every
// interfering write (with its own read…write span when it has one), under one
// `async with <lock>:`. The lock is one that already guards other writers of
// the state, else a new `self._lock` (methods) or module-level lock. When every
// access in those spans indexes a dict by the same key expression, which no
// statement in them rebinds, the lock can be one per key instead
// (`async with cache_locks[key]:`), so tasks on different keys still run
// concurrently. Refuses, with the reason, what a lock cannot fix or would deadlock.
import type { Node } from '../syntax/node';
import { EditBuilder } from '../syntax/editBuilder';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile, TextChange } from '../syntax/sourceFile';
import { analysisBehind, type InterleavingAnalysis } from './analyzeInterleavings';
import { instanceLock, moduleLock, type LockScope } from './createLock';
import type { Hazard, InterleavingModel } from './model';
import { boundNames, forEachOwnNode, unparenthesize } from '../python/scopes';
import type { AccessRecord } from './valueFlow';
import { indentUnit, normalizeSpans, spanContains, spanCovering, wrapInAsyncWith, type StatementSpan } from './wrapStatements';

export type { LockScope } from './createLock';

export type LockFix =
  | {
      readonly ok: true;
      readonly file: SourceFile;
      readonly edits: readonly TextChange[];
      /** The lock expression used in the hazard's coroutine: `self._lock`, `counter_lock`, `cache_locks[key]`. */
      readonly lock: string;
      /** Dotted names of the functions whose statements the fix puts under the lock (creating the lock aside). */
      readonly functions: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

interface GuardedSpan {
  readonly fn: FunctionInfo;
  readonly span: StatementSpan;
}

/**
 * Applies the fix for `hazard`, one of `model.hazards` as `analyzeInterleavings(file)`
 * reported it: the fix works from that same analysis, never a second one.
 * `scope: 'key'` asks for a lock per key of the state, and refuses where one would not do.
 */
export function guardWithLock(file: SourceFile, model: InterleavingModel, hazard: Hazard, scope: LockScope = 'state'): LockFix {
  const analysis = analysisBehind(model);
  const index = model.hazards.indexOf(hazard);
  const found = analysis && sameHazard(analysis.model.hazards[index], hazard) ? analysis.found[index] : undefined;
  if (!analysis || !found) return refuse('that hazard is no longer reported for this text');
  const { candidate, interferers } = found;
  const variable = candidate.read.ref.display;
  if (candidate.read.site.startIndex > candidate.write.site.startIndex) {
    return refuse(`${variable} is read in one iteration of the loop and written in the next; a lock around one iteration cannot hold it between them — re-read it after the await instead`);
  }
  const kindOf = (fn: FunctionInfo) => analysis.flows.find((f) => f.fn === fn)?.kind;
  for (const fn of [candidate.read.fn, ...interferers.map((w) => w.fn)]) {
    const kind = kindOf(fn);
    if (kind === undefined) {
      return refuse(`${fn.name} writes ${variable} outside a coroutine; an asyncio.Lock cannot guard it there`);
    }
    if (kind !== 'async-def') {
      return refuse(`${fn.name} is a generator-based coroutine; convert it to async def before guarding it with async with`);
    }
  }

  const own = spanCovering(candidate.read.site, candidate.write.site);
  if (!own) return refuse(`the read at line ${String(file.lineOf(candidate.read.site))} and the write are not in one block`);
  const guarded: GuardedSpan[] = [{ fn: candidate.read.fn, span: own }];
  for (const w of interferers) {
    const theirs = analysis.found.find((f) => f.candidate.write.site.id === w.site.id && f.candidate.read.ref.key === candidate.read.ref.key);
    // Without a hazard of its own, start at the first access in the write's segment:
    // the new `async with` must not split a read from the write it feeds.
    const first = theirs?.candidate.read ?? firstInSegment(analysis, w);
    const span = spanCovering(first.site, w.site);
    if (!span) return refuse(`the write of ${variable} at line ${String(file.lineOf(w.site))} is not inside a block that can be guarded`);
    guarded.push({ fn: w.fn, span });
  }
  const spans = normalizeSpans(guarded.map((g) => g.span));
  const owners = new Map(spans.map((span) => [span, guarded.find((g) => spanContains(span, g.span))?.fn ?? candidate.read.fn]));

  let key: string | undefined;
  if (scope === 'key') {
    const keyed = sameKey(file, analysis, owners, candidate.read.ref.key, variable);
    if (!keyed.ok) return keyed;
    key = keyed.key;
  }
  const edits = new EditBuilder(file);
  const lock = chooseLock(file, analysis, edits, candidate.read, key);
  if (!lock.ok) return lock;

  const problem = deadlock(file, analysis, owners, lock.key);
  if (problem) return refuse(problem);
  const wrappedIn = new Set<string>();
  for (const [span, fn] of owners) {
    if (heldAround(analysis, fn, span.first, lock.key)) continue;
    wrappedIn.add(fn.name);
    const body = fn.node.childForFieldName('body') ?? fn.node;
    const wrapped = wrapInAsyncWith(file, span, lock.textIn(fn), indentUnit(file, fn.node, body));
    if (!wrapped.ok) return wrapped;
    edits.replace(wrapped.start, wrapped.end, wrapped.text);
  }
  const result = edits.apply();
  if (!result.ok) return result;
  return { ok: true, file: result.file, edits: result.edits, lock: lock.textIn(candidate.read.fn), functions: [...wrappedIn] };
}

/** The walk behind a model composed from summaries finds the same hazards in the same order; this checks it did. */
function sameHazard(walked: Hazard | undefined, shown: Hazard): boolean {
  return walked !== undefined && walked.kind === shown.kind && walked.read.start === shown.read.start && walked.write.start === shown.write.start && walked.variable === shown.variable;
}

/**
 * The one key expression every access to the state in the spans indexes it by
 * (`cache[key]`, `key in cache`, `cache.get(key)`), when no statement in the
 * spans rebinds it: a lock taken on `locks[key]` at the start of a span then
 * guards exactly the entry the span reads and writes.
 */
function sameKey(
  file: SourceFile,
  analysis: InterleavingAnalysis,
  owners: ReadonlyMap<StatementSpan, FunctionInfo>,
  state: string,
  variable: string,
): { readonly ok: true; readonly key: string } | { readonly ok: false; readonly reason: string } {
  const keys = new Set<string>();
  for (const [span, fn] of owners) {
    const accesses = analysis.flows.find((f) => f.fn === fn)?.accesses ?? [];
    for (const access of accesses) {
      if (access.ref.key !== state || access.site.startIndex < span.first.startIndex || access.site.endIndex > span.last.endIndex) continue;
      const index = keyExpression(access.ref.node);
      const line = String(file.lineOf(access.ref.node));
      if (!index) return refuse(`line ${line} uses ${variable} as a whole, not one entry of it; only a lock over all of ${variable} guards that`);
      if (!stableKey(file, analysis, fn, span, index)) {
        return refuse(`the key ${file.textOf(index)} at line ${line} can change inside the span to guard; a lock per key would not hold its entry`);
      }
      keys.add(file.textOf(index).replace(/\s+/g, ''));
    }
  }
  const [only, other] = keys;
  if (only === undefined) return refuse(`${variable} is not indexed by a key in the span to guard`);
  if (other !== undefined) return refuse(`${variable} is indexed by ${only} and by ${other}; a lock per key needs one key expression on every access`);
  return { ok: true, key: only };
}

const KEYED_METHODS = new Set(['get', 'pop', 'setdefault']);

/** The key a state reference is indexed by: `k` in `S[k]`, `k in S`, `S.get(k)`, `S.pop(k)`, `S.setdefault(k, v)`. */
function keyExpression(reference: Node): Node | undefined {
  let outer = reference;
  while (outer.parent?.type === 'parenthesized_expression') outer = outer.parent;
  const parent = outer.parent;
  if (parent?.type === 'subscript' && parent.childForFieldName('value')?.id === outer.id) {
    const indexes = parent.childrenForFieldName('subscript');
    return indexes.length === 1 && indexes[0]?.type !== 'slice' ? (indexes[0] ?? undefined) : undefined;
  }
  if (parent?.type === 'comparison_operator') {
    const operators = parent.children.filter((c) => c !== null && !c.isNamed).map((c) => c?.type);
    const [left, right] = parent.namedChildren;
    const membership = operators.length === 1 && (operators[0] === 'in' || operators[0] === 'not in');
    return membership && right?.id === outer.id && left ? left : undefined;
  }
  const call = parent?.type === 'attribute' && parent.childForFieldName('object')?.id === outer.id ? parent.parent : undefined;
  const method = parent?.childForFieldName('attribute');
  if (call?.type !== 'call' || !method || !KEYED_METHODS.has(method.text)) return undefined;
  const first = call.childForFieldName('arguments')?.namedChildren[0];
  return first && first.type !== 'keyword_argument' && first.type !== 'list_splat' && first.type !== 'dictionary_splat' ? first : undefined;
}

/**
 * A key the whole span sees the same: a literal, or a local name (not shared
 * state) that no statement of the span binds.
 */
function stableKey(file: SourceFile, analysis: InterleavingAnalysis, fn: FunctionInfo, span: StatementSpan, key: Node): boolean {
  const bare = unparenthesize(key);
  if (bare.type === 'string') return !bare.namedChildren.some((c) => c?.type === 'interpolation');
  if (bare.type === 'integer' || bare.type === 'true' || bare.type === 'false' || bare.type === 'none') return true;
  if (bare.type !== 'identifier' || analysis.shared.refOf(fn, bare)) return false;
  const name = file.textOf(bare);
  let rebound = false;
  for (const statement of span.block.namedChildren) {
    if (!statement || statement.startIndex < span.first.startIndex || statement.endIndex > span.last.endIndex) continue;
    forEachOwnNode(statement, (node) => {
      rebound ||= bindingTargets(node).some((target) => boundNames(target).some((n) => file.textOf(n) === name));
    });
  }
  return !rebound;
}

/** The targets a statement or expression binds by name. */
function bindingTargets(node: Node): Node[] {
  switch (node.type) {
    case 'assignment':
    case 'augmented_assignment':
    case 'for_statement':
    case 'for_in_clause':
      return [node.childForFieldName('left')].filter((n): n is Node => n !== null);
    case 'named_expression':
      return [node.childForFieldName('name')].filter((n): n is Node => n !== null);
    case 'as_pattern_target':
    case 'delete_statement':
    case 'global_statement':
    case 'nonlocal_statement':
      return node.namedChildren.filter((n): n is Node => n !== null);
    default:
      return [];
  }
}

interface ChosenLock {
  readonly ok: true;
  readonly key: string;
  /** The lock as written in a given function of the module. */
  readonly textIn: (fn: FunctionInfo) => string;
}

/**
 * A lock already guarding writers of the state, else a new one where it
 * belongs; with `key`, a new lock per key of the state, taken as `<locks>[key]`.
 */
function chooseLock(
  file: SourceFile,
  analysis: InterleavingAnalysis,
  edits: EditBuilder,
  read: AccessRecord<Node>,
  key: string | undefined,
): ChosenLock | { readonly ok: false; readonly reason: string } {
  const counts = new Map<string, number>();
  for (const flow of analysis.flows) {
    for (const a of flow.accesses) {
      if (a.mode !== 'write' || a.ref.key !== read.ref.key) continue;
      for (const h of a.locks) counts.set(h.lock.key, (counts.get(h.lock.key) ?? 0) + 1);
    }
  }
  const [reused] = [...counts].sort((a, b) => b[1] - a[1]);
  if (reused && key !== undefined) return refuse(`a lock already guards the other writers of ${read.ref.display}; guard this span with that one`);
  if (reused) {
    const key = reused[0];
    const instance = /^a:(.+)\.([^.]+)$/.exec(key);
    const plain = /^[gk]:(.+)$/.exec(key)?.[1];
    if (instance) {
      const [, className, attr = ''] = instance;
      if (analysis.shared.receiverOf(read.fn)?.className !== className) {
        return refuse(`the lock guarding the other writers of ${read.ref.display} belongs to ${className ?? 'another class'}, and ${read.fn.name} is not its method`);
      }
      return { ok: true, key, textIn: (fn) => `${analysis.shared.receiverOf(fn)?.name ?? 'self'}.${attr}` };
    }
    if (plain) return { ok: true, key, textIn: () => plain };
    return refuse(`the lock that guards the other writers of ${read.ref.display} (${key}) cannot be named from ${read.fn.name}`);
  }
  const scope: LockScope = key === undefined ? 'state' : 'key';
  const index = key === undefined ? '' : `[${key}]`;
  const receiver = analysis.shared.receiverOf(read.fn);
  const cls = receiver?.kind === 'self' ? analysis.shared.parentOf(read.fn) : undefined;
  if (receiver && cls && read.ref.key.startsWith('a:')) {
    const body = read.fn.node.childForFieldName('body') ?? read.fn.node;
    const stateAttr = read.ref.key.slice(read.ref.key.lastIndexOf('.') + 1);
    const created = instanceLock(file, edits, cls, receiver.name, indentUnit(file, read.fn.node, body), scope, stateAttr);
    if (!created.ok) return created;
    const attr = created.lock.slice(created.lock.indexOf('.') + 1);
    const textIn = (fn: FunctionInfo): string => `${analysis.shared.receiverOf(fn)?.name ?? receiver.name}.${attr}${index}`;
    // A subscripted lock is known by its text (locks.ts), a plain one by its state key.
    return { ok: true, key: key === undefined ? `a:${cls.name}.${attr}` : textIn(read.fn), textIn };
  }
  const names = new Set(file.text.match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? []);
  const created = moduleLock(file, edits, read.ref.display, names, scope);
  if (!created.ok) return created;
  const text = `${created.lock}${index}`;
  return { ok: true, key: key === undefined ? `g:${created.lock}` : text, textIn: () => text };
}

/**
 * asyncio.Lock is not re-entrant: a guarded span that awaits another function
 * holding the same lock, or already takes the lock itself, would wait forever.
 */
function deadlock(file: SourceFile, analysis: InterleavingAnalysis, owners: ReadonlyMap<StatementSpan, FunctionInfo>, key: string): string | undefined {
  const holders = new Set<string>();
  for (const fn of owners.values()) holders.add(simpleName(fn));
  for (const flow of analysis.flows) if (flow.accesses.some((a) => a.locks.some((h) => h.lock.key === key))) holders.add(simpleName(flow.fn));
  for (const [span, fn] of owners) {
    for (const statement of span.block.namedChildren) {
      if (!statement || statement.startIndex < span.first.startIndex || statement.endIndex > span.last.endIndex) continue;
      let reason: string | undefined;
      forEachOwnNode(statement, (node) => {
        reason ??= reentry(file, analysis, fn, node, key, holders);
      });
      if (reason) return reason;
    }
  }
  return undefined;
}

/** Whether `node` already runs inside `async with` on the lock. */
function heldAround(analysis: InterleavingAnalysis, fn: FunctionInfo, node: Node, key: string): boolean {
  for (let at = node.parent; at && at.id !== fn.node.id; at = at.parent) {
    const expression = at.type === 'with_statement' ? withExpression(at) : undefined;
    if (expression && analysis.locks.lockOf(fn, expression)?.key === key) return true;
  }
  return false;
}

function withExpression(statement: Node): Node | undefined {
  const value = statement.namedChildren.find((c) => c?.type === 'with_clause')?.namedChildren[0]?.childForFieldName('value');
  return (value?.type === 'as_pattern' ? value.namedChildren[0] : value) ?? undefined;
}

function reentry(file: SourceFile, analysis: InterleavingAnalysis, fn: FunctionInfo, node: Node, key: string, holders: ReadonlySet<string>): string | undefined {
  const line = String(file.lineOf(node));
  if (node.type === 'with_statement') {
    const expression = withExpression(node);
    if (expression && analysis.locks.lockOf(fn, expression)?.key === key) {
      return `line ${line} already takes ${file.textOf(expression)} inside the span to guard; move the read at the start of the span under that async with instead`;
    }
  }
  if (node.type === 'await') {
    const call = node.namedChildren[0];
    const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
    const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute') : callee;
    if (name?.type === 'identifier' && holders.has(file.textOf(name))) {
      return `line ${line} awaits ${file.textOf(name)}, which takes the same lock; asyncio.Lock is not re-entrant, so guarding this span would deadlock`;
    }
  }
  return undefined;
}

function firstInSegment(analysis: InterleavingAnalysis, write: AccessRecord<Node>): AccessRecord<Node> {
  const accesses = analysis.flows.find((f) => f.fn === write.fn)?.accesses ?? [];
  return accesses.find((a) => a.ref.key === write.ref.key && a.time === write.time && a.site.startIndex <= write.site.startIndex) ?? write;
}

function simpleName(fn: FunctionInfo): string {
  return fn.name.slice(fn.name.lastIndexOf('.') + 1);
}

function refuse(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}
