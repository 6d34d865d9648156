// The interleavings model: what `analyzeInterleavings(file)` returns, shared by
// the diagnostics, the quick fix, the CLI and the interleavings panel.
//
// Picture it as lanes: one lane per coroutine, cut into atomic segments at its
// suspension points (nothing else runs inside a segment), with the shared-state
// reads and writes marked on the segments. Each hazard names one read before a
// suspension point and one use after it, and spells out the interleaving that
// breaks it as ordered steps of two tasks.
//
// Conventions: `line` is 1-based (as editors and the CLI show it); `column` is
// 0-based in UTF-16 code units; `start`/`end` are UTF-16 offsets into the
// SourceFile's text, `end` exclusive. This shape is stable: add optional fields
// rather than change existing ones.
//
// Entry point: `analyzeInterleavings(file: SourceFile, workspace?: Workspace):
// InterleavingModel`, re-exported at the end of this file. Without a workspace
// the analysis is of the one file; with one, writes from the other modules it
// imports state from count as interferers too.

/** A place in the source: enough to draw it, link it and put a diagnostic on it. */
export interface SourceSpot {
  readonly line: number;
  readonly column: number;
  readonly start: number;
  readonly end: number;
}

/**
 * How a coroutine is written: `async def`; a generator-based coroutine
 * (`@asyncio.coroutine`/`@types.coroutine`, or a generator that only
 * `yield from`s); a framework generator (Tornado `@gen.coroutine`, Twisted
 * `@inlineCallbacks`) that suspends at each `yield`.
 */
export type CoroutineKind = 'async-def' | 'generator-coroutine' | 'framework-generator';

/**
 * Where a coroutine can give control back to the event loop:
 * `await e`; `async for` (before each iteration, and once more when the loop
 * ends); `async with` (entering, and leaving the block); `yield from e` and a
 * framework generator's `yield e`.
 */
export type SuspensionKind =
  | 'await'
  | 'async-for-next'
  | 'async-for-end'
  | 'async-with-enter'
  | 'async-with-exit'
  | 'yield-from'
  | 'yield';

export interface SuspensionPoint extends SourceSpot {
  readonly kind: SuspensionKind;
  /** Position in the coroutine's suspension order (0, 1, …); segment `index` ends here. */
  readonly index: number;
}

/**
 * The code between two suspension points, run without interruption. Segment 0
 * starts at the `def`; segment i (i > 0) starts at suspension point i - 1; the
 * last one ends with the function. Neighbouring segments share the line of the
 * suspension point between them.
 */
export interface Segment {
  readonly index: number;
  readonly startLine: number;
  readonly endLine: number;
}

/** A read or write of shared state, attributed to the segment it runs in. */
export interface Access extends SourceSpot {
  /** The state as written in the source: `self.balance`, `hits`, `CACHE`, `config.limit`. */
  readonly variable: string;
  /**
   * `write` covers rebinding (`x = …`, `x += …`, `del x`) and mutating the
   * object in place (`CACHE[k] = v`, `items.append(v)`, `self.a.b = v`).
   */
  readonly mode: 'read' | 'write';
  readonly segment: number;
  /** The `async with` lock expressions held at this access, outermost first (`self._lock`). */
  readonly locks: readonly string[];
}

export interface CoroutineModel {
  /** Dotted name, as the function index gives it: `Account.withdraw`, `worker`, `main.inner`. */
  readonly name: string;
  readonly kind: CoroutineKind;
  /** 1-based line of `def` (after decorators) and the last line of the body. */
  readonly line: number;
  readonly endLine: number;
  readonly suspensions: readonly SuspensionPoint[];
  readonly segments: readonly Segment[];
  /** Accesses to shared state that some function of the module writes, in execution order. */
  readonly accesses: readonly Access[];
}

/**
 * lost-update: a value read before the suspension point is written back to the
 * same state after it (`x = S; await f(); S = x + 1`, `S += await f()`).
 * check-then-act: a write after the suspension point runs under a condition on
 * the state checked before it (`if k not in CACHE: CACHE[k] = await load()`).
 * stale-read: a copy taken before the suspension point derives another piece of
 * shared state after it.
 */
export type HazardKind = 'lost-update' | 'check-then-act' | 'stale-read';

/** Another write of the state that can run while the coroutine is suspended. */
export interface Interferer extends SourceSpot {
  /** Dotted name of the writing function; equal to the hazard's own for a second instance of it. */
  readonly function: string;
  /** The writer is the same coroutine, run as another task. */
  readonly sameFunction: boolean;
  /** The writer's file, as the workspace names it, when it is not the hazard's file (positions are in it). */
  readonly file?: string;
}

/** One step of the breaking interleaving, in the order they happen. */
export interface InterleavingStep {
  /** `A` is the coroutine with the hazard, `B` the interfering task. */
  readonly task: 'A' | 'B';
  readonly function: string;
  readonly action: 'read' | 'check' | 'suspend' | 'write' | 'resume';
  readonly line: number;
  readonly column: number;
  readonly start: number;
  readonly end: number;
  /** One sentence for people: "task A (Account.withdraw) reads self.balance at line 25". */
  readonly text: string;
  /** The step's file when it is not the hazard's file (a write from another module). */
  readonly file?: string;
}

export interface Hazard {
  readonly kind: HazardKind;
  /** The stale state, as written in the source at the read. */
  readonly variable: string;
  /** Dotted name of the coroutine in which the hazard sits. */
  readonly function: string;
  /** The read (lost-update, stale-read) or the condition's read (check-then-act). */
  readonly read: SourceSpot;
  /** The first suspension point after the read. */
  readonly suspend: SuspensionPoint;
  /** The statement that writes (or, for a stale read, derives) state from the stale value. */
  readonly write: SourceSpot;
  /** What is written at `write`, as in the source (equals `variable` except for stale reads). */
  readonly writtenVariable: string;
  /**
   * Writers of `variable` not excluded by a common lock, in source order: at
   * most MAX_LISTED_INTERFERERS, the one the steps show always among them.
   */
  readonly interferers: readonly Interferer[];
  /** How many more writers there are beyond those listed, when some were left out. */
  readonly unlistedInterferers?: number;
  /** The concrete interleaving, with the first interferer in another function (else the first one). */
  readonly steps: readonly InterleavingStep[];
  /** A one-line summary for diagnostics. */
  readonly message: string;
}

export interface InterleavingModel {
  /** Every coroutine of the module, in source order. */
  readonly coroutines: readonly CoroutineModel[];
  /** Every hazard, ordered by the line of its write. */
  readonly hazards: readonly Hazard[];
}

export { analyzeInterleavings } from './analyzeInterleavings';
export type { Workspace, WorkspaceModule } from './workspace';
