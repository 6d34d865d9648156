// The pipeline: coroutines and their helpers → value-flow walk of each
// (suspension points, accesses, candidates) → hazards with interferers →
// the model with segments and interleavings. Given a workspace, the writes of
// the other modules' coroutines join the interferers of the file's own state.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { findFunctionRoles, type FunctionRoles } from './findCoroutines';
import { findHazards, type FoundHazard } from './findHazards';
import { hazardMessage, interleavingSteps } from './interleaving';
import { Locks } from './locks';
import type { NameUses } from './nameUses';
import { findParallelism, type ParallelMemo } from './parallel';
import type { Access, CoroutineModel, Hazard, InterleavingModel, SourceSpot, SuspensionPoint } from './model';
import { segmentsOf } from './segments';
import { SharedState } from './sharedState';
import { analyzeFlow, type AccessRecord, type FunctionFlow, type SiteSpan, type SuspensionRecord } from './valueFlow';
import { moduleContext, moduleNameOf, type ModuleContext, type Workspace, type WorkspaceModule } from './workspace';

/** The model plus what the quick fix needs to edit: the records behind each hazard, with the parse's nodes. */
export interface InterleavingAnalysis {
  readonly model: InterleavingModel;
  /** `found[i]` is the evidence for `model.hazards[i]`. */
  readonly found: readonly FoundHazard<Node>[];
  readonly flows: readonly FunctionFlow<Node>[];
  readonly roles: FunctionRoles;
  readonly shared: SharedState;
  readonly locks: Locks;
}

/** What a module's functions do, as the composition reads it: from a walk of the tree, or from summaries kept across parses. */
export interface ModuleFlows<S extends SiteSpan> {
  readonly roles: FunctionRoles;
  readonly flows: readonly FunctionFlow<S>[];
  /** Where the module uses the names the parallelism model asks about; gathered from the tree when absent. */
  readonly uses?: NameUses;
  /** Answers of the parallelism model kept from earlier parses. */
  readonly memo?: ParallelMemo;
}

/** Produces a module's flows, given its place in the workspace. */
export type FlowsOf<S extends SiteSpan, M extends ModuleFlows<S> = ModuleFlows<S>> = (file: SourceFile, context: ModuleContext | undefined) => M;

/**
 * The analysis behind each model, so a fix edits from the evidence the user
 * saw: kept for a model made from the tree, made again from the same parse on
 * first need for a model composed from summaries.
 */
const behind = new WeakMap<InterleavingModel, () => InterleavingAnalysis>();

export function analyzeInterleavings(file: SourceFile, workspace?: Workspace): InterleavingModel {
  const analysis = analyzeInDetail(file, workspace);
  behind.set(analysis.model, () => analysis);
  return analysis.model;
}

/** Records that `model` was composed for `file` (and `workspace`), so the quick fix can walk that parse again when asked. */
export function rememberParse(model: InterleavingModel, file: SourceFile, workspace?: Workspace): void {
  let analysis: InterleavingAnalysis | undefined;
  behind.set(model, () => (analysis ??= analyzeInDetail(file, workspace)));
}

/** The records behind a model `analyzeInterleavings` returned; undefined for a model made elsewhere (a copy). */
export function analysisBehind(model: InterleavingModel): InterleavingAnalysis | undefined {
  return behind.get(model)?.();
}

/** Per module map, the writes each module's coroutines (and their helpers) make: analysed once per workspace. */
const writesByWorkspace = new WeakMap<ReadonlyMap<string, WorkspaceModule>, Map<string, readonly ForeignWrite<Node>[]>>();

function analyzeInDetail(file: SourceFile, workspace?: Workspace): InterleavingAnalysis {
  let cache: Map<string, readonly ForeignWrite<Node>[]> | undefined;
  if (workspace) {
    cache = writesByWorkspace.get(workspace.modules);
    if (!cache) writesByWorkspace.set(workspace.modules, (cache = new Map<string, readonly ForeignWrite<Node>[]>()));
  }
  const { model, found, own } = composeAnalysis(file, workspace, flowsOf, cache);
  return { model, found, flows: own.flows, roles: own.roles, shared: own.shared, locks: own.locks };
}

/**
 * The pipeline after the walks: which functions can run meanwhile, the
 * hazards with their interferers, and the model with positions in `file`.
 * `own` is what `flows` gave for `file` itself.
 */
export function composeAnalysis<S extends SiteSpan, M extends ModuleFlows<S>>(
  file: SourceFile,
  workspace: Workspace | undefined,
  flows: FlowsOf<S, M>,
  foreignCache?: Map<string, readonly ForeignWrite<S>[]>,
): { readonly model: InterleavingModel; readonly found: readonly FoundHazard<S>[]; readonly own: M } {
  const context = workspace && moduleContext(file, moduleNameOf(file, workspace), workspace.modules);
  const own = flows(file, context);
  const foreign = workspace ? foreignWrites(file, workspace, flows, foreignCache ?? new Map<string, readonly ForeignWrite<S>[]>()) : [];
  const origin = new Map(foreign.map((w) => [w.access, w.module]));
  const otherTexts = workspace ? importers(file, moduleNameOf(file, workspace), workspace).map((m) => m.file.text) : [];
  const parallelism = findParallelism(file, own.flows, own.roles.entries, otherTexts, own.uses, own.memo);
  const found = findHazards(own.flows, parallelism, foreign.map((w) => w.access));
  const written = new Set([
    ...own.flows.flatMap((f) => f.accesses.filter((a) => a.mode === 'write').map((a) => a.ref.key)),
    ...foreign.map((w) => w.access.ref.key),
  ]);
  const coroutines = own.flows
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
  const hazards = found.map(({ candidate, interferers: all }): Hazard => {
    const interferers = listed(all, candidate.read.fn);
    const parts = {
      kind: candidate.kind,
      variable: candidate.read.ref.display,
      writtenVariable: candidate.write.ref.display,
      function: candidate.read.fn.name,
      read: spot(file, candidate.read.site.startIndex, candidate.read.site.endIndex),
      suspend: suspensionPoint(file, candidate.suspension),
      write: spot(file, candidate.write.site.startIndex, candidate.write.site.endIndex),
      interferers: interferers.map((w) => {
        const elsewhere = origin.get(w);
        return {
          ...spot(elsewhere?.file ?? file, w.site.startIndex, w.site.endIndex),
          function: w.fn.name,
          sameFunction: w.fn === candidate.read.fn,
          ...(elsewhere && elsewhere.path !== workspace?.path ? { file: elsewhere.path } : {}),
        };
      }),
      ...(all.length > interferers.length ? { unlistedInterferers: all.length - interferers.length } : {}),
    };
    return { ...parts, steps: interleavingSteps(parts), message: hazardMessage(parts) };
  });
  return { model: { coroutines: coroutines.sort((a, b) => a.line - b.line), hazards }, found, own };
}

/**
 * Interferers a hazard lists. Many coroutines writing the same state would
 * otherwise make every hazard list every writer: quadratic output.
 */
export const MAX_LISTED_INTERFERERS = 20;

/** The first writers in source order, keeping the one the steps show (the first from another function). */
function listed<S extends SiteSpan>(all: readonly AccessRecord<S>[], own: FunctionInfo): readonly AccessRecord<S>[] {
  if (all.length <= MAX_LISTED_INTERFERERS) return all;
  const shown = all.find((w) => w.fn !== own);
  const first = all.slice(0, MAX_LISTED_INTERFERERS);
  return shown && !first.includes(shown) ? [...first.slice(0, -1), shown] : first;
}

/** The tree walk of every coroutine and helper of a module. */
function flowsOf(file: SourceFile, context: ModuleContext | undefined): ModuleFlows<Node> & { readonly shared: SharedState; readonly locks: Locks } {
  const roles = findFunctionRoles(file);
  const shared = new SharedState(file, context);
  const locks = new Locks(file, shared, context);
  const flows = [
    ...roles.coroutines.map((c) => analyzeFlow(shared, locks, c.fn, c.kind)),
    ...roles.helpers.map((fn) => analyzeFlow(shared, locks, fn, undefined)),
  ];
  return { roles, shared, locks, flows };
}

export interface ForeignWrite<S extends SiteSpan> {
  readonly access: AccessRecord<S>;
  readonly module: WorkspaceModule;
}

/** Writes other workspace modules can make while a coroutine of `file` is suspended, one per write site; `cache` by module name. */
function foreignWrites<S extends SiteSpan>(file: SourceFile, workspace: Workspace, flows: FlowsOf<S>, cache: Map<string, readonly ForeignWrite<S>[]>): ForeignWrite<S>[] {
  const result: ForeignWrite<S>[] = [];
  for (const [name, module] of workspace.modules) {
    if (module.file === file || module.path === workspace.path) continue;
    let writes = cache.get(name);
    if (!writes) {
      const { roles, flows: theirs } = flows(module.file, moduleContext(module.file, name, workspace.modules));
      // Keyed like findHazards' own writers: one record per function, site and state.
      const bySite = new Map<string, AccessRecord<S>>();
      for (const a of theirs.flatMap((f) => f.accesses)) {
        if (a.mode !== 'write' || (roles.entries.has(a.fn) && a.time === 0)) continue;
        const id = `${a.fn.name}|${String(a.site.startIndex)}|${a.ref.key}`;
        if (!bySite.has(id)) bySite.set(id, a);
      }
      writes = [...bySite.values()].sort((a, b) => a.site.startIndex - b.site.startIndex).map((access) => ({ access, module }));
      cache.set(name, writes);
    }
    result.push(...writes);
  }
  return result;
}

/** The other workspace modules that import `module` (or a name from it): only they can call into it. */
function importers(file: SourceFile, module: string, workspace: Workspace): WorkspaceModule[] {
  return [...workspace.modules].filter(([name, m]) => {
    if (m.file === file || m.path === workspace.path) return false;
    for (const imported of moduleContext(m.file, name, workspace.modules).imports.values()) if (imported.module === module) return true;
    return false;
  }).map(([, m]) => m);
}

export function spot(file: SourceFile, start: number, end: number): SourceSpot {
  const at = file.positionAt(start);
  return { line: at.line + 1, column: at.character, start, end };
}

function suspensionPoint(file: SourceFile, s: SuspensionRecord): SuspensionPoint {
  return { ...spot(file, s.start, s.end), kind: s.kind, index: s.index };
}
