// The interleavings analysis across edits. What each function's walk found
// (suspension points, shared-state accesses, hazard candidates) is kept as a
// summary free of tree nodes, its places relative to the definition's start,
// keyed by the definition's text, name, coroutine kind and the definitions
// around it, and checked against the module facts its words can reach
// (module-level names, classes, lock assignments, the workspace's imports).
// The parallelism model's inputs are kept the same way: each function's uses
// of the names it asks about (keyed by its text and the asked names its words
// reach), each stretch of module-level code's uses (by its text), and the
// answers that read one definition's code (by that code and the imports).
// After an edit only the functions whose key changed are walked again, the
// others' summaries re-based to where their definitions sit now; what follows
// the walks (hazards, the model) is composed on each parse by the same code
// the analysis from scratch uses, so both give equal models. Recomputed on
// each parse, from the current tree: the roles (which functions are
// coroutines, helpers, entry points), the module's bindings of names declared
// `global` (the top-level code's own bindings are kept by its text), and the
// spans a function's spawned tasks are busy. One cache serves every document
// and every version of it.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { composeAnalysis, rememberParse, type ModuleFlows } from './analyzeInterleavings';
import { findFunctionRoles } from './findCoroutines';
import { askedNames, functionsOf, indexUses, moduleLevelRanges, ownUses, usesInRanges, type NameUse, type NameUses } from './nameUses';
import { lockAssignmentsOf, Locks, type LockRef } from './locks';
import type { CoroutineKind, HazardKind, InterleavingModel } from './model';
import { ModuleBindingsCache, SharedState } from './sharedState';
import type { ParallelMemo } from './parallel';
import { TextNumbers } from '../syntax/textNumbers';
import { analyzeFlow, type AccessRecord, type FunctionFlow, type HeldLock, type ReadAspect, type SiteSpan, type SuspensionRecord, type WriteEffect } from './valueFlow';
import type { ModuleContext, Workspace } from './workspace';

/** Function summaries remembered: a few large modules' worth. */
const DEFAULT_CAPACITY = 20_000;

/** A place relative to the start of its definition. */
interface PlaceSummary {
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

interface RecordSummary {
  readonly key: string;
  readonly display: string;
  readonly drawnOn: PlaceSummary;
  readonly mode: 'read' | 'write';
  readonly time: number;
  readonly locks: readonly { readonly lock: LockRef; readonly start: number; readonly end: number }[];
  readonly site: PlaceSummary;
  readonly effect: WriteEffect | ReadAspect;
}

/** One function's walk without its nodes: records by index, so a candidate's read stays one of the accesses. */
interface FlowSummary {
  readonly suspensions: readonly SuspensionRecord[];
  readonly records: readonly RecordSummary[];
  readonly accesses: readonly number[];
  readonly candidates: readonly {
    readonly kind: HazardKind;
    readonly read: number;
    readonly write: number;
    readonly suspension: number;
    readonly commonLocks: readonly string[];
  }[];
}

/** A definition's walk, with the words of its text (what its key's module facts are drawn from) and those facts when it was walked. */
interface Entry {
  readonly words: readonly string[];
  readonly facts: string;
  readonly summary: FlowSummary;
  /** The module facts (by their generation) `facts` was last found equal under: under the same ones, the check is skipped. */
  checkedIn: number;
}

/** A definition's uses of the names the parallelism model asks about, relative to its start, with the asked names its words reach. */
interface UsesEntry {
  readonly words: readonly string[];
  readonly asked: string;
  /** The asked names (by their generation) `asked` was last found equal under. */
  checkedIn: number;
  /** `own`: the use is in the definition's own code (not in a definition the index lacks). */
  readonly uses: readonly (Omit<NameUse, 'owner'> & { readonly own: boolean })[];
}

/** Keeps the walks of recently analysed functions, least recently used dropped first. No editor types: usable from any host or a worker. */
export class IncrementalInterleavings {
  private readonly entries = new Map<string, Entry>();
  private readonly usesEntries = new Map<string, UsesEntry>();
  private readonly answers = new Map<string, boolean>();
  private readonly memo: ParallelMemo = {
    remember: (key, answer) => {
      let known = this.answers.get(key);
      if (known === undefined) known = answer();
      else this.answers.delete(key);
      this.answers.set(key, known);
      if (this.answers.size > this.capacity) this.answers.delete(this.answers.keys().next().value as string);
      return known;
    },
    numberOf: (context) => this.generations.of(context),
  };
  private readonly moduleBindings = new ModuleBindingsCache();
  /** A number for each set of module facts, the same while they are: entries checked under it need no second check. */
  private readonly generations = new TextNumbers(64);
  /** Function walks reused and made, over every call so far. */
  readonly stats = { reused: 0, computed: 0 };

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Equal to `analyzeInterleavings(file, workspace)`, walking only the functions not walked before in the same context. */
  analyze(file: SourceFile, workspace?: Workspace): InterleavingModel {
    const { model } = composeAnalysis(file, workspace, (f, context) => this.flowsOf(f, context));
    rememberParse(model, file, workspace);
    return model;
  }

  private flowsOf(file: SourceFile, context: ModuleContext | undefined): ModuleFlows<SiteSpan> {
    const roles = findFunctionRoles(file);
    const shared = new SharedState(file, context, this.moduleBindings);
    const locks = new Locks(file, shared, context);
    const contextKey = contextFingerprint(context);
    const facts = {
      shared,
      locks,
      context: contextKey,
      generation: this.generations.of(JSON.stringify([[...shared.moduleNames].sort(), [...shared.classes].sort(), [...locks.assignments].sort(), contextKey])),
    };
    const flows = [
      ...roles.coroutines.map((c) => this.flow(file, facts, c.fn, c.kind)),
      ...roles.helpers.map((fn) => this.flow(file, facts, fn, undefined)),
    ];
    // Gathered on first need: the other modules of a workspace are asked only for their writes.
    let gathered: NameUses | undefined;
    const uses: NameUses = { named: (name) => (gathered ??= this.usesOf(file, flows)).named(name) };
    return { roles, flows, uses, memo: this.memo };
  }

  private usesOf(file: SourceFile, flows: readonly FunctionFlow[]): NameUses {
    const asked = askedNames(file, flows);
    const askedIn = this.generations.of(JSON.stringify(['asked', ...[...asked].sort()]));
    const functions = functionsOf(file);
    const moduleLevel = moduleLevelRanges(file, functions).flatMap(([from, to]) => this.usesBetween(file, from, to, asked, askedIn));
    return indexUses([...moduleLevel, ...functions.flatMap((_fn, i) => this.ownUses(file, i, asked, askedIn, functions))]);
  }

  /** Uses in a stretch of module-level code, kept by its text like a function's. */
  private usesBetween(file: SourceFile, from: number, to: number, asked: ReadonlySet<string>, askedIn: number): NameUse[] {
    const text = file.text.slice(from, to);
    if (!/[^\s]/.test(text)) return [];
    return this.remembered(`\0${text}`, text, asked, askedIn, from, () => usesInRanges(file, [[from, to]], asked, undefined), undefined);
  }

  private ownUses(file: SourceFile, index: number, asked: ReadonlySet<string>, askedIn: number, functions: readonly FunctionInfo[]): NameUse[] {
    const fn = functions[index];
    if (!fn) return [];
    const definition = fn.decorated ?? fn.node;
    const text = file.textOf(definition);
    return this.remembered(text, text, asked, askedIn, definition.startIndex, () => ownUses(file, index, asked, functions), fn);
  }

  /** The uses gathered in a stretch of text starting at `base`, kept by `key` and the asked names its words reach, with `owner` as their owner now. */
  private remembered(key: string, text: string, asked: ReadonlySet<string>, askedIn: number, base: number, gather: () => NameUse[], owner: FunctionInfo | undefined): NameUse[] {
    const known = this.usesEntries.get(key);
    const words = known?.words ?? wordsOf(text);
    const reached = known?.checkedIn === askedIn ? known.asked : JSON.stringify(words.filter((w) => asked.has(w)));
    let entry: UsesEntry;
    if (known?.asked === reached) {
      entry = known;
      entry.checkedIn = askedIn;
      this.usesEntries.delete(key);
    } else {
      const uses = gather().map(({ owner: found, ...u }) => ({
        ...u,
        own: found !== undefined,
        start: u.start - base,
        end: u.end - base,
        call: moved(u.call, -base),
        awaitedCall: moved(u.awaitedCall, -base),
      }));
      entry = { words, asked: reached, uses, checkedIn: askedIn };
    }
    this.usesEntries.set(key, entry);
    if (this.usesEntries.size > this.capacity) this.usesEntries.delete(this.usesEntries.keys().next().value as string);
    return entry.uses.map(({ own, ...u }) => ({
      ...u,
      owner: own ? owner : undefined,
      start: u.start + base,
      end: u.end + base,
      call: moved(u.call, base),
      awaitedCall: moved(u.awaitedCall, base),
    }));
  }

  private flow(file: SourceFile, facts: ModuleFacts, fn: FunctionInfo, kind: CoroutineKind | undefined): FunctionFlow {
    const definition = fn.decorated ?? fn.node;
    const text = file.textOf(definition);
    const key = definitionKey(text, fn, kind, facts.shared, file);
    const known = this.entries.get(key);
    const words = known?.words ?? wordsOf(text);
    const reached = known?.checkedIn === facts.generation ? known.facts : factsReached(words, facts);
    let entry: Entry;
    if (known?.facts === reached) {
      entry = known;
      entry.checkedIn = facts.generation;
      this.stats.reused++;
      this.entries.delete(key); // re-inserted below: most recently used last
    } else {
      entry = { words, facts: reached, summary: summarise(analyzeFlow(facts.shared, facts.locks, fn, kind), definition.startIndex), checkedIn: facts.generation };
      this.stats.computed++;
    }
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return rebase(entry.summary, fn, kind, definition.startIndex);
  }
}

interface ModuleFacts {
  readonly shared: SharedState;
  readonly locks: Locks;
  /** The workspace facts every key carries: the module's name, its resolved imports, and what they resolve to. */
  readonly context: string;
  /** The generation of all of the module's facts together. */
  readonly generation: number;
}

/**
 * What a function's walk reads beyond the module's facts: its text, name and
 * coroutine kind, and the definitions around it (a closure resolves names in
 * the functions it is nested in; a method's receiver names its class).
 */
function definitionKey(text: string, fn: FunctionInfo, kind: CoroutineKind | undefined, shared: SharedState, file: SourceFile): string {
  const outer: string[] = [];
  for (let o = shared.parentOf(fn); o; o = shared.parentOf(o)) {
    outer.push(o.kind, o.name, o.kind === 'function' ? file.textOf(o.decorated ?? o.node) : '');
  }
  return JSON.stringify([text, fn.name, kind ?? '', outer]);
}

/**
 * The module's facts a function's words can reach: module-level names (free
 * names resolve to them), class names (`C.x` is class state), lock
 * assignments, and the workspace around the module.
 */
function factsReached(words: readonly string[], facts: ModuleFacts): string {
  const known = new Set(words);
  return JSON.stringify([
    words.filter((w) => facts.shared.moduleNames.has(w)),
    words.filter((w) => facts.shared.classes.has(w)),
    [...facts.locks.assignments].filter((a) => wordsOf(a).every((w) => known.has(w))),
    facts.context,
  ]);
}

/**
 * Every word that could be a name in the text, in order of first use: runs
 * of letters, digits, marks and connectors, also without a leading number. A
 * superset, so a name the walk resolves is always among them.
 */
function wordsOf(text: string): string[] {
  const words = new Set<string>();
  for (const [word] of text.matchAll(/[\p{L}\p{N}\p{M}\p{Pc}\u00B7\u0387]+/gu)) {
    words.add(word);
    const name = word.replace(/^\p{N}+/u, '');
    if (name !== word) words.add(name);
  }
  return [...words];
}

/** An offset moved by `by`; -1 (none) stays. */
function moved(offset: number, by: number): number {
  return offset < 0 ? offset : offset + by;
}

function contextFingerprint(context: ModuleContext | undefined): string {
  if (!context) return '';
  const targets = new Set([...context.imports.values()].map((i) => i.module));
  return JSON.stringify([
    context.module,
    [...context.imports].sort(([a], [b]) => (a < b ? -1 : 1)),
    [...context.modules.keys()].sort(),
    [...targets].sort().map((name) => {
      const defining = context.modules.get(name)?.file;
      if (!defining) return [];
      const classes = defining.functions.all.filter((f) => f.kind === 'class' && f.parent === undefined).map((f) => f.name);
      return [name, classes, [...lockAssignmentsOf(defining)].sort()];
    }),
  ]);
}

function summarise(flow: FunctionFlow<Node>, base: number): FlowSummary {
  const index = new Map<AccessRecord<Node>, number>();
  const records: RecordSummary[] = [];
  const place = (node: Node): PlaceSummary => ({ start: node.startIndex - base, end: node.endIndex - base, type: node.type });
  const indexOf = (a: AccessRecord<Node>): number => {
    let i = index.get(a);
    if (i === undefined) {
      i = records.length;
      index.set(a, i);
      records.push({
        key: a.ref.key,
        display: a.ref.display,
        drawnOn: place(a.ref.node),
        mode: a.mode,
        time: a.time,
        locks: a.locks.map((h) => ({ lock: h.lock, start: h.start - base, end: h.end - base })),
        site: place(a.site),
        effect: a.effect,
      });
    }
    return i;
  };
  return {
    suspensions: flow.suspensions.map((s) => ({ ...s, start: s.start - base, end: s.end - base })),
    accesses: flow.accesses.map(indexOf),
    candidates: flow.candidates.map((c) => ({
      kind: c.kind,
      read: indexOf(c.read),
      write: indexOf(c.write),
      suspension: flow.suspensions.indexOf(c.suspension),
      commonLocks: [...c.commonLocks],
    })),
    records,
  };
}

function rebase(summary: FlowSummary, fn: FunctionInfo, kind: CoroutineKind | undefined, base: number): FunctionFlow {
  const span = (p: PlaceSummary): SiteSpan => ({ startIndex: p.start + base, endIndex: p.end + base, type: p.type });
  const records = summary.records.map(
    (r): AccessRecord => ({
      fn,
      ref: { key: r.key, display: r.display, node: span(r.drawnOn) },
      mode: r.mode,
      time: r.time,
      locks: r.locks.map((h): HeldLock => ({ lock: h.lock, start: h.start + base, end: h.end + base })),
      site: span(r.site),
      effect: r.effect,
    }),
  );
  const suspensions = summary.suspensions.map((s) => ({ ...s, start: s.start + base, end: s.end + base }));
  const at = <T>(list: readonly T[], i: number): T => list[i] as T;
  return {
    fn,
    kind,
    suspensions,
    accesses: summary.accesses.map((i) => at(records, i)),
    candidates: summary.candidates.map((c) => ({
      kind: c.kind,
      read: at(records, c.read),
      write: at(records, c.write),
      suspension: at(suspensions, c.suspension),
      commonLocks: new Set(c.commonLocks),
    })),
  };
}
