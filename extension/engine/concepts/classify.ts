// The classifier: every function and class of a file with the concepts it
// embodies and the lines that show it. Rules live in one module per family;
// this module runs them and keeps only the most specific labels (the hierarchy
// in concept.ts says which labels imply which).
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { mostSpecificIds, type ConceptLabel } from './concept';
import { functionContext, moduleFacts, type ClassContext, type FunctionContext } from './context';
import { continuationLabels } from './continuations';
import { coroutineLabels } from './coroutines';
import { higherOrderLabels } from './higherOrder';
import { generatorLabels, iterationClassLabels } from './iteration';
import { contains } from '../python/scopes';
import { eventLoopClassLabels, eventLoopLabels, futureClassLabels, futureLabels } from './scheduling';

export interface ClassifiedFunction {
  /** Dotted name, as the function index gives it. */
  readonly name: string;
  readonly line: number;
  readonly endLine: number;
  /** The most specific labels (none implies another), in the order of `CONCEPT_IDS`. */
  readonly concepts: readonly ConceptLabel[];
  readonly info: FunctionInfo;
}

const functionRules: readonly ((ctx: FunctionContext) => ConceptLabel[])[] = [
  generatorLabels,
  coroutineLabels,
  higherOrderLabels,
  continuationLabels,
  eventLoopLabels,
  futureLabels,
];
const classRules: readonly ((ctx: ClassContext) => ConceptLabel[])[] = [iterationClassLabels, eventLoopClassLabels, futureClassLabels];

/**
 * Labels of one function, given a way to compute them: `classifyFile` computes
 * every function; the incremental classifier (incremental.ts) reuses what an
 * earlier parse computed for the same definition in the same context.
 */
export type FunctionLabeller = (file: SourceFile, f: FunctionInfo, outer: readonly FunctionInfo[], compute: () => readonly ConceptLabel[]) => readonly ConceptLabel[];

const computeEvery: FunctionLabeller = (_file, _f, _outer, compute) => compute();

/** Classifies `functions` (by default the file's own index) in index order, classes included. */
export function classifyFile(
  file: SourceFile,
  functions: readonly FunctionInfo[] = file.functions.all,
  labelFunction: FunctionLabeller = computeEvery,
): ClassifiedFunction[] {
  const module = moduleFacts(file);
  const byName = new Map<string, FunctionInfo[]>();
  const children = new Map<FunctionInfo, FunctionInfo[]>();
  const labels = new Map<FunctionInfo, readonly ConceptLabel[]>();
  for (const f of functions) {
    const same = byName.get(f.name);
    if (same) same.push(f);
    else byName.set(f.name, [f]);
  }
  /** The definition `f` is nested in: the one with its parent's name that contains it. */
  const parentOf = (f: FunctionInfo): FunctionInfo | undefined =>
    f.parent === undefined ? undefined : byName.get(f.parent)?.find((p) => contains(p.node, f.node));
  for (const f of functions) {
    const outer: FunctionInfo[] = [];
    for (let p = parentOf(f); p; p = parentOf(p)) outer.push(p);
    if (outer[0]) children.set(outer[0], [...(children.get(outer[0]) ?? []), f]);
    if (f.kind === 'function') {
      labels.set(
        f,
        labelFunction(file, f, outer, () => mostSpecific(functionRules.flatMap((rule) => rule(functionContext(file, f, outer, module))))),
      );
    }
  }
  // Classes after their methods: an event-loop class is one whose method runs the loop.
  for (const c of functions) {
    if (c.kind !== 'class') continue;
    const methods = (children.get(c) ?? []).filter((f) => f.kind === 'function');
    const ctx: ClassContext = {
      file,
      info: c,
      methods: new Map(methods.map((m) => [m.name.slice(c.name.length + 1), m])),
      methodLabels: new Map(methods.map((m) => [m.name, labels.get(m) ?? []])),
    };
    labels.set(c, mostSpecific(classRules.flatMap((rule) => rule(ctx))));
  }
  return functions.map((info) => ({ name: info.name, line: info.line, endLine: info.endLine, concepts: labels.get(info) ?? [], info }));
}

/** The labels no other label of the same definition implies, in `CONCEPT_IDS` order. */
function mostSpecific(found: readonly ConceptLabel[]): ConceptLabel[] {
  return mostSpecificIds(found.map((l) => l.id)).flatMap((id) => found.filter((l) => l.id === id));
}
