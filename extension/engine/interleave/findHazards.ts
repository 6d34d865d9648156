// Keeps the hazard candidates that another task can actually break: some
// write of the same state that can run while the coroutine is suspended, can
// change what the read looked at (`S is None` only by rebinding `S`), and is
// not under a lock held from the read to the write. A write made while no
// other task can be suspended (see parallel.ts) does not interfere, a
// single-task function never interferes with itself, and `self` attributes of
// a class whose instances each serve one task are not shared. A function
// that sets up a closure variable before defining the nested coroutine that
// uses it cannot interfere either: the coroutine does not exist yet. Writes
// from other modules of a workspace (`foreign`) come after the file's own.
import type { FunctionInfo } from '../syntax/functionIndex';
import type { HazardKind } from './model';
import type { Parallelism } from './parallel';
import { changes, siteKey, type AccessRecord, type Candidate, type FunctionFlow, type SiteSpan } from './valueFlow';

export interface FoundHazard<S extends SiteSpan = SiteSpan> {
  readonly candidate: Candidate<S>;
  /** Interfering writes in source order, one per write site. */
  readonly interferers: readonly AccessRecord<S>[];
}

const PRIORITY: Record<HazardKind, number> = { 'lost-update': 0, 'check-then-act': 1, 'stale-read': 2 };

export function findHazards<S extends SiteSpan>(
  flows: readonly FunctionFlow<S>[],
  parallelism: Parallelism,
  foreign: readonly AccessRecord<S>[] = [],
): FoundHazard<S>[] {
  if (flows.every((f) => f.candidates.length === 0)) return [];
  const writers = new Map<string, AccessRecord<S>[]>();
  const add = (access: AccessRecord<S>): void => {
    const list = writers.get(access.ref.key) ?? [];
    list.push(access);
    writers.set(access.ref.key, list);
  };
  for (const flow of flows) {
    for (const access of flow.accesses) if (access.mode === 'write' && !parallelism.quiet(access)) add(access);
  }
  // Rank foreign writes by their given order: offsets in different files do not compare.
  const foreignRank = new Map(foreign.map((w, i) => [w, i]));
  for (const access of foreign) add(access);
  const best = new Map<string, FoundHazard<S>>();
  // Candidates of one function on the same state under the same locks share
  // their interferers: computed once, or many coroutines × many writes is quadratic.
  for (const flow of flows) {
    const shared = new Map<string, readonly AccessRecord<S>[]>();
    for (const candidate of flow.candidates) {
      if (perInstance(candidate, parallelism)) continue;
      // What the read looked at (identity, keys or value) decides which writes break it.
      const memo = `${candidate.read.ref.key}|${candidate.read.effect}|${[...candidate.commonLocks].sort().join('|')}`;
      let interferers = shared.get(memo);
      if (!interferers) shared.set(memo, (interferers = interferingWrites(candidate, writers.get(candidate.read.ref.key) ?? [], parallelism, foreignRank)));
      if (interferers.length === 0) continue;
      const key = `${siteKey(candidate.write.site)}|${candidate.read.ref.key}`;
      const current = best.get(key);
      if (!current || ranksBefore(candidate, current.candidate)) best.set(key, { candidate, interferers });
    }
  }
  return [...best.values()].sort(
    (a, b) => a.candidate.write.site.startIndex - b.candidate.write.site.startIndex || a.candidate.read.site.startIndex - b.candidate.read.site.startIndex,
  );
}

function interferingWrites<S extends SiteSpan>(
  candidate: Candidate<S>,
  writes: readonly AccessRecord<S>[],
  parallelism: Parallelism,
  foreignRank: ReadonlyMap<AccessRecord<S>, number>,
): AccessRecord<S>[] {
  const own = candidate.read.fn;
  const seen = new Set<string>();
  const result: AccessRecord<S>[] = [];
  for (const w of writes) {
    const rank = foreignRank.get(w);
    if (!changes(w, candidate.read)) continue;
    if (w.fn === own && (parallelism.isSingle(own) || (INSTANCE_KEY.test(candidate.read.ref.key) && parallelism.isOncePerInstance(own)))) continue;
    if (rank === undefined && w.fn !== own && setsUpBeforeDefining(w, own)) continue;
    if (w.locks.some((h) => candidate.commonLocks.has(h.lock.key))) continue;
    const id = rank === undefined ? `${w.fn.name}|${String(w.site.startIndex)}` : `foreign|${String(rank)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(w);
  }
  const order = (w: AccessRecord<S>): number => {
    const rank = foreignRank.get(w);
    return rank === undefined ? w.site.startIndex : Number.MAX_SAFE_INTEGER / 2 + rank;
  };
  return result.sort((a, b) => order(a) - order(b));
}

/** `a:Worker.count`, `state/a:Worker.count`: an attribute of `self`. */
const INSTANCE_KEY = /^(?:[^/]+\/)?a:(\w+)\.\w+$/;

/** `self.count` of the analysed module's own Worker, when each Worker serves one task and the state is its own. */
function perInstance(candidate: Candidate, parallelism: Parallelism): boolean {
  const match = INSTANCE_KEY.exec(candidate.read.ref.key);
  const attr = candidate.read.ref.key.slice(candidate.read.ref.key.lastIndexOf('.') + 1);
  return match !== null && parallelism.perTask(match[1] ?? '', attr, candidate.write.effect === 'rebind' && candidate.write.ref.key === candidate.read.ref.key);
}

function setsUpBeforeDefining(write: AccessRecord, nested: FunctionInfo): boolean {
  const outer = write.fn.node;
  const definition = nested.decorated ?? nested.node;
  return outer.startIndex <= definition.startIndex && definition.endIndex <= outer.endIndex && write.site.endIndex <= definition.startIndex;
}

function ranksBefore(a: Candidate, b: Candidate): boolean {
  const byKind = PRIORITY[a.kind] - PRIORITY[b.kind];
  return byKind < 0 || (byKind === 0 && a.read.site.startIndex < b.read.site.startIndex);
}
