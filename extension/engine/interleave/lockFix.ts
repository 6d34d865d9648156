// "Guard with asyncio.Lock": puts the hazard's read…write span, and every
// interfering write (with its own read…write span when it has one), under one
// `async with <lock>:`. The lock is one that already guards other writers of
// the state, else a new `self._lock` (methods) or module-level lock. Refuses,
// with the reason, what a lock cannot fix or would deadlock.
import type { Node } from 'web-tree-sitter';
import { EditBuilder } from '../syntax/editBuilder';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile, TextChange } from '../syntax/sourceFile';
import { analysisBehind, type InterleavingAnalysis } from './analyzeInterleavings';
import { instanceLock, moduleLock } from './createLock';
import type { Hazard, InterleavingModel } from './model';
import { forEachOwnNode } from '../python/scopes';
import type { AccessRecord } from './valueFlow';
import { indentUnit, normalizeSpans, spanContains, spanCovering, wrapInAsyncWith, type StatementSpan } from './wrapStatements';

export type LockFix =
  | {
      readonly ok: true;
      readonly file: SourceFile;
      readonly edits: readonly TextChange[];
      /** The lock expression used in the hazard's coroutine: `self._lock`, `counter_lock`. */
      readonly lock: string;
    }
  | { readonly ok: false; readonly reason: string };

interface GuardedSpan {
  readonly fn: FunctionInfo;
  readonly span: StatementSpan;
}

/**
 * Applies the fix for `hazard`, one of `model.hazards` as `analyzeInterleavings(file)`
 * reported it: the fix works from that same analysis, never a second one.
 */
export function guardWithLock(file: SourceFile, model: InterleavingModel, hazard: Hazard): LockFix {
  const analysis = analysisBehind(model);
  const found = analysis?.found[model.hazards.indexOf(hazard)];
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

  const edits = new EditBuilder(file);
  const lock = chooseLock(file, analysis, edits, candidate.read);
  if (!lock.ok) return lock;

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

  const problem = deadlock(file, analysis, owners, lock.key);
  if (problem) return refuse(problem);
  for (const [span, fn] of owners) {
    if (heldAround(analysis, fn, span.first, lock.key)) continue;
    const body = fn.node.childForFieldName('body') ?? fn.node;
    const wrapped = wrapInAsyncWith(file, span, lock.textIn(fn), indentUnit(file, fn.node, body));
    if (!wrapped.ok) return wrapped;
    edits.replace(wrapped.start, wrapped.end, wrapped.text);
  }
  const result = edits.apply();
  if (!result.ok) return result;
  return { ok: true, file: result.file, edits: result.edits, lock: lock.textIn(candidate.read.fn) };
}

interface ChosenLock {
  readonly ok: true;
  readonly key: string;
  /** The lock as written in a given function of the module. */
  readonly textIn: (fn: FunctionInfo) => string;
}

/** A lock already guarding writers of the state, else a new one where it belongs. */
function chooseLock(
  file: SourceFile,
  analysis: InterleavingAnalysis,
  edits: EditBuilder,
  read: AccessRecord,
): ChosenLock | { readonly ok: false; readonly reason: string } {
  const counts = new Map<string, number>();
  for (const flow of analysis.flows) {
    for (const a of flow.accesses) {
      if (a.mode !== 'write' || a.ref.key !== read.ref.key) continue;
      for (const h of a.locks) counts.set(h.lock.key, (counts.get(h.lock.key) ?? 0) + 1);
    }
  }
  const [reused] = [...counts].sort((a, b) => b[1] - a[1]);
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
  const receiver = analysis.shared.receiverOf(read.fn);
  const cls = receiver?.kind === 'self' ? analysis.shared.parentOf(read.fn) : undefined;
  if (receiver && cls && read.ref.key.startsWith('a:')) {
    const body = read.fn.node.childForFieldName('body') ?? read.fn.node;
    const created = instanceLock(file, edits, cls, receiver.name, indentUnit(file, read.fn.node, body));
    if (!created.ok) return created;
    const attr = created.lock.slice(created.lock.indexOf('.') + 1);
    return { ok: true, key: `a:${cls.name}.${attr}`, textIn: (fn) => `${analysis.shared.receiverOf(fn)?.name ?? receiver.name}.${attr}` };
  }
  const names = new Set(file.text.match(/[A-Za-z_]\w*/g) ?? []);
  const created = moduleLock(file, edits, read.ref.display, names);
  if (!created.ok) return created;
  return { ok: true, key: `g:${created.lock}`, textIn: () => created.lock };
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

function firstInSegment(analysis: InterleavingAnalysis, write: AccessRecord): AccessRecord {
  const accesses = analysis.flows.find((f) => f.fn === write.fn)?.accesses ?? [];
  return accesses.find((a) => a.ref.key === write.ref.key && a.time === write.time && a.site.startIndex <= write.site.startIndex) ?? write;
}

function simpleName(fn: FunctionInfo): string {
  return fn.name.slice(fn.name.lastIndexOf('.') + 1);
}

function refuse(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}
