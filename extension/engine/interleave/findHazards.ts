// Keeps the hazard candidates that another task can actually break: some
// write of the same state that can run while the coroutine is suspended and is
// not under a lock held from the read to the write. Writes an entry coroutine
// makes before its first suspension run before any other task starts, and an
// entry coroutine runs once, so it never interferes with itself. A function
// that sets up a closure variable before defining the nested coroutine that
// uses it cannot interfere either: the coroutine does not exist yet. Writes
// from other modules of a workspace (`foreign`) come after the file's own.
import type { FunctionInfo } from '../syntax/functionIndex';
import type { HazardKind } from './model';
import type { AccessRecord, Candidate, FunctionFlow } from './valueFlow';

export interface FoundHazard {
  readonly candidate: Candidate;
  /** Interfering writes in source order, one per write site. */
  readonly interferers: readonly AccessRecord[];
}

const PRIORITY: Record<HazardKind, number> = { 'lost-update': 0, 'check-then-act': 1, 'stale-read': 2 };

export function findHazards(
  flows: readonly FunctionFlow[],
  entries: ReadonlySet<FunctionInfo>,
  foreign: readonly AccessRecord[] = [],
): FoundHazard[] {
  const writers = new Map<string, AccessRecord[]>();
  const add = (access: AccessRecord): void => {
    const list = writers.get(access.ref.key) ?? [];
    list.push(access);
    writers.set(access.ref.key, list);
  };
  for (const flow of flows) {
    for (const access of flow.accesses) if (access.mode === 'write' && !(entries.has(access.fn) && access.time === 0)) add(access);
  }
  // Rank foreign writes by their given order: offsets in different files do not compare.
  const foreignRank = new Map(foreign.map((w, i) => [w, i]));
  for (const access of foreign) add(access);
  const best = new Map<string, FoundHazard>();
  // Candidates of one function on the same state under the same locks share
  // their interferers: computed once, or many coroutines × many writes is quadratic.
  for (const flow of flows) {
    const shared = new Map<string, readonly AccessRecord[]>();
    for (const candidate of flow.candidates) {
      const memo = `${candidate.read.ref.key}|${[...candidate.commonLocks].sort().join('|')}`;
      let interferers = shared.get(memo);
      if (!interferers) shared.set(memo, (interferers = interferingWrites(candidate, writers.get(candidate.read.ref.key) ?? [], entries, foreignRank)));
      if (interferers.length === 0) continue;
      const key = `${String(candidate.write.site.id)}|${candidate.read.ref.key}`;
      const current = best.get(key);
      if (!current || ranksBefore(candidate, current.candidate)) best.set(key, { candidate, interferers });
    }
  }
  return [...best.values()].sort(
    (a, b) => a.candidate.write.site.startIndex - b.candidate.write.site.startIndex || a.candidate.read.site.startIndex - b.candidate.read.site.startIndex,
  );
}

function interferingWrites(
  candidate: Candidate,
  writes: readonly AccessRecord[],
  entries: ReadonlySet<FunctionInfo>,
  foreignRank: ReadonlyMap<AccessRecord, number>,
): AccessRecord[] {
  const own = candidate.read.fn;
  const seen = new Set<string>();
  const result: AccessRecord[] = [];
  for (const w of writes) {
    const rank = foreignRank.get(w);
    if (w.fn === own && entries.has(own)) continue;
    if (rank === undefined && w.fn !== own && setsUpBeforeDefining(w, own)) continue;
    if (w.locks.some((h) => candidate.commonLocks.has(h.lock.key))) continue;
    const id = rank === undefined ? `${w.fn.name}|${String(w.site.startIndex)}` : `foreign|${String(rank)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(w);
  }
  const order = (w: AccessRecord): number => {
    const rank = foreignRank.get(w);
    return rank === undefined ? w.site.startIndex : Number.MAX_SAFE_INTEGER / 2 + rank;
  };
  return result.sort((a, b) => order(a) - order(b));
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
