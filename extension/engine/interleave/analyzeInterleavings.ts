// The pipeline: coroutines and their helpers → value-flow walk of each
// (suspension points, accesses, candidates) → hazards with interferers →
// the model with segments and interleavings.
import type { SourceFile } from '../syntax/sourceFile';
import { findFunctionRoles, type FunctionRoles } from './findCoroutines';
import { findHazards, type FoundHazard } from './findHazards';
import { hazardMessage, interleavingSteps } from './interleaving';
import { Locks } from './locks';
import type { Access, CoroutineModel, Hazard, InterleavingModel, SourceSpot, SuspensionPoint } from './model';
import { segmentsOf } from './segments';
import { SharedState } from './sharedState';
import { analyzeFlow, type FunctionFlow, type SuspensionRecord } from './valueFlow';

/** The model plus what the quick fix needs to edit: the records behind each hazard. */
export interface InterleavingAnalysis {
  readonly model: InterleavingModel;
  /** `found[i]` is the evidence for `model.hazards[i]`. */
  readonly found: readonly FoundHazard[];
  readonly flows: readonly FunctionFlow[];
  readonly roles: FunctionRoles;
  readonly shared: SharedState;
  readonly locks: Locks;
}

export function analyzeInterleavings(file: SourceFile): InterleavingModel {
  return analyzeInDetail(file).model;
}

export function analyzeInDetail(file: SourceFile): InterleavingAnalysis {
  const roles = findFunctionRoles(file);
  const shared = new SharedState(file);
  const locks = new Locks(file, shared);
  const flows = [
    ...roles.coroutines.map((c) => analyzeFlow(shared, locks, c.fn, c.kind)),
    ...roles.helpers.map((fn) => analyzeFlow(shared, locks, fn, undefined)),
  ];
  const found = findHazards(flows, roles.entries);
  const written = new Set(flows.flatMap((f) => f.accesses.filter((a) => a.mode === 'write').map((a) => a.ref.key)));
  const coroutines = flows
    .filter((f) => f.kind !== undefined)
    .map((flow): CoroutineModel => {
      const suspensions = flow.suspensions.map((s) => suspensionPoint(file, s));
      return {
        name: flow.fn.name,
        kind: flow.kind ?? 'async-def',
        line: flow.fn.line,
        endLine: flow.fn.endLine,
        suspensions,
        segments: segmentsOf(flow.fn.line, flow.fn.endLine, suspensions),
        accesses: flow.accesses
          .filter((a) => written.has(a.ref.key))
          .map((a): Access => ({
            ...spot(file, a.ref.node.startIndex, a.ref.node.endIndex),
            variable: a.ref.display,
            mode: a.mode,
            segment: a.time,
            locks: a.locks.map((h) => h.lock.text),
          })),
      };
    });
  const hazards = found.map(({ candidate, interferers }): Hazard => {
    const parts = {
      kind: candidate.kind,
      variable: candidate.read.ref.display,
      writtenVariable: candidate.write.ref.display,
      function: candidate.read.fn.name,
      read: spot(file, candidate.read.site.startIndex, candidate.read.site.endIndex),
      suspend: suspensionPoint(file, candidate.suspension),
      write: spot(file, candidate.write.site.startIndex, candidate.write.site.endIndex),
      interferers: interferers.map((w) => ({
        ...spot(file, w.site.startIndex, w.site.endIndex),
        function: w.fn.name,
        sameFunction: w.fn === candidate.read.fn,
      })),
    };
    return { ...parts, steps: interleavingSteps(parts), message: hazardMessage(parts) };
  });
  return {
    model: { coroutines: coroutines.sort((a, b) => a.line - b.line), hazards },
    found,
    flows,
    roles,
    shared,
    locks,
  };
}

export function spot(file: SourceFile, start: number, end: number): SourceSpot {
  const at = file.positionAt(start);
  return { line: at.line + 1, column: at.character, start, end };
}

function suspensionPoint(file: SourceFile, s: SuspensionRecord): SuspensionPoint {
  return { ...spot(file, s.start, s.end), kind: s.kind, index: s.index };
}
