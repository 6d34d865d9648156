// The one message protocol between the interleaving panel (webview/panel.ts)
// and its host (extension/vscode/interleavingPanel.ts). The drawing's data is
// plain JSON (InterleavingView), built from the engine's model on the host side.
// Both ends run every incoming message through isHostMessage / isPanelMessage
// and drop whatever does not match.
import { arrayOf, isBoolean, isCount, isLine, isString, oneOf, record, union, type Guard } from './guards';
import { PANEL_LIMITS } from './limits';

// ---------------------------------------------------------------- the drawing's data

export const HAZARD_KINDS = ['lost-update', 'check-then-act', 'stale-read'] as const;
export type HazardKind = (typeof HAZARD_KINDS)[number];

export const STEP_ACTIONS = ['read', 'check', 'suspend', 'write', 'resume'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

/** A read or write of shared state, as written in the source (`self.balance`, `CACHE`). */
export interface AccessView {
  readonly variable: string;
  readonly kind: 'read' | 'write';
  readonly line: number;
  /** The `async with` locks held at the access (`self._lock`), outermost first. */
  readonly locks: readonly string[];
}

export const SUSPENSION_KINDS = [
  'await',
  'async-for-next',
  'async-for-end',
  'async-with-enter',
  'async-with-exit',
  'yield-from',
  'yield',
] as const;

/** Where a coroutine may give control to the event loop. */
export interface SuspensionView {
  readonly line: number;
  readonly kind: (typeof SUSPENSION_KINDS)[number];
}

/** Code between two suspension points: it runs without interruption. */
export interface SegmentView {
  readonly startLine: number;
  readonly endLine: number;
  readonly accesses: readonly AccessView[];
}

export const COROUTINE_KINDS = ['async-def', 'generator-coroutine', 'framework-generator'] as const;

export interface CoroutineView {
  /** Dotted name: `Account.withdraw`. */
  readonly name: string;
  readonly kind: (typeof COROUTINE_KINDS)[number];
  readonly line: number;
  /** In code order; suspension `i` (when present) ends segment `i`. */
  readonly segments: readonly SegmentView[];
  readonly suspensions: readonly SuspensionView[];
}

/** One step of the breaking interleaving; `task` names the running instance ("A", "B"). */
export interface StepView {
  readonly task: string;
  readonly function: string;
  readonly action: StepAction;
  readonly line: number;
}

export interface HazardView {
  readonly kind: HazardKind;
  readonly variable: string;
  /** What the write after the suspension writes: `variable`, or what a stale read derives. */
  readonly writtenVariable: string;
  readonly function: string;
  readonly read: number;
  readonly suspend: number;
  readonly write: number;
  readonly interferers: readonly { readonly function: string; readonly line: number }[];
  readonly steps: readonly StepView[];
}

export interface SourceLine {
  readonly line: number;
  readonly text: string;
}

export interface InterleavingView {
  /** What to call the file in the heading (a workspace-relative path or a name). */
  readonly file: string;
  readonly coroutines: readonly CoroutineView[];
  readonly hazards: readonly HazardView[];
  /** The text of every line the drawing refers to, for hover cards and step captions. */
  readonly lines: readonly SourceLine[];
  /** Present when the file had more than the panel draws (PANEL_LIMITS): how many were left out. */
  readonly omitted?: { readonly coroutines: number; readonly hazards: number };
}

/** The last drawing kept while the file does not parse: its lines may have moved since. */
export interface StaleNote {
  /** 1-based line of the first syntax error. */
  readonly line: number;
  readonly message: string;
}

/** What the panel shows: a file's drawing, or why there is none. */
export type PanelContent =
  | { readonly kind: 'model'; readonly model: InterleavingView; readonly stale?: StaleNote }
  | { readonly kind: 'empty'; readonly reason: 'no-editor' | 'syntax-error'; readonly message: string };

// ---------------------------------------------------------------- messages

/** Host → panel. */
export type HostMessage =
  /** Notification: new content (after a load, an edit or a switch of editor). */
  | { readonly type: 'update'; readonly content: PanelContent; readonly documentUri: string | null }
  /** Notification: select a hazard (a lens or a diagnostic opened the panel on it). */
  | { readonly type: 'selectHazard'; readonly index: number }
  /** Response to a `reveal` request. */
  | { readonly type: 'revealResult'; readonly id: number; readonly ok: boolean; readonly message: string };

/** Panel → host. */
export type PanelMessage =
  /** Notification: the panel's script is listening; the host answers with `update`. */
  | { readonly type: 'ready' }
  /**
   * Request: show this 1-based line in the editor, moving keyboard focus there
   * when `focus` (a click on a line link) and keeping it in the panel otherwise
   * (Enter on a hazard); answered by `revealResult`.
   */
  | { readonly type: 'reveal'; readonly id: number; readonly line: number; readonly focus: boolean }
  /** Notification: the stepper's current line (null: no step is current), to highlight in the editor. */
  | { readonly type: 'highlight'; readonly line: number | null };

// ---------------------------------------------------------------- validators

const isAccessView: Guard<AccessView> = record({
  variable: isString,
  kind: oneOf('read', 'write'),
  line: isLine,
  locks: arrayOf(isString),
});

const isSegmentView: Guard<SegmentView> = record({
  startLine: isLine,
  endLine: isLine,
  accesses: arrayOf(isAccessView),
});

const isCoroutineView: Guard<CoroutineView> = record({
  name: isString,
  kind: oneOf(...COROUTINE_KINDS),
  line: isLine,
  segments: arrayOf(isSegmentView),
  suspensions: arrayOf(record({ line: isLine, kind: oneOf(...SUSPENSION_KINDS) })),
});

const isStepView: Guard<StepView> = record({
  task: isString,
  function: isString,
  action: oneOf(...STEP_ACTIONS),
  line: isLine,
});

const isHazardView: Guard<HazardView> = record({
  kind: oneOf(...HAZARD_KINDS),
  variable: isString,
  writtenVariable: isString,
  function: isString,
  read: isLine,
  suspend: isLine,
  write: isLine,
  interferers: arrayOf(record({ function: isString, line: isLine })),
  steps: arrayOf(isStepView),
});

export const isInterleavingView: Guard<InterleavingView> = record(
  {
    file: isString,
    coroutines: arrayOf(isCoroutineView, PANEL_LIMITS.coroutines),
    hazards: arrayOf(isHazardView, PANEL_LIMITS.hazards),
    lines: arrayOf(record({ line: isLine, text: isString }), PANEL_LIMITS.lines),
  },
  { omitted: record({ coroutines: isCount, hazards: isCount }) },
);

export const isStaleNote: Guard<StaleNote> = record({ line: isLine, message: isString });

const isPanelContent: Guard<PanelContent> = union(
  record({ kind: oneOf('model'), model: isInterleavingView }, { stale: isStaleNote }),
  record({ kind: oneOf('empty'), reason: oneOf('no-editor', 'syntax-error'), message: isString }),
);

const isNull = oneOf(null);

export const isHostMessage: Guard<HostMessage> = union(
  record({ type: oneOf('update'), content: isPanelContent, documentUri: union(isString, isNull) }),
  record({ type: oneOf('selectHazard'), index: isCount }),
  record({ type: oneOf('revealResult'), id: isCount, ok: isBoolean, message: isString }),
);

export const isPanelMessage: Guard<PanelMessage> = union(
  record({ type: oneOf('ready') }),
  record({ type: oneOf('reveal'), id: isCount, line: isLine, focus: isBoolean }),
  record({ type: oneOf('highlight'), line: union(isLine, isNull) }),
);

// ---------------------------------------------------------------- persisted panel state

/** What the panel keeps in `setState`, and what the serializer gets back after a reload. */
export interface PanelState {
  readonly documentUri: string | null;
  /** Identifies the selected hazard across edits (see hazardKey). */
  readonly hazard: string | null;
  readonly step: number;
}

export const isPanelState: Guard<PanelState> = record({
  documentUri: union(isString, isNull),
  hazard: union(isString, isNull),
  step: isCount,
});

/** Stable across edits that move lines: kind, function and variable. */
export function hazardKey(hazard: HazardView): string {
  return `${hazard.kind}\u0000${hazard.function}\u0000${hazard.variable}`;
}

// ---------------------------------------------------------------- the concept ladder panel
// Its own channel (extension/vscode/ladderPanel.ts ↔ webview/ladder.ts): one
// function at every rung, each column made by the real conversions.

export const LADDER_RUNGS = ['direct', 'cps', 'generator', 'async'] as const;
export type LadderRung = (typeof LADDER_RUNGS)[number];

/** Module-level code a step added for the function to work (a runner, an import). */
export interface LadderHelperView {
  readonly name: string;
  readonly code: string;
}

/** A callee of the function's chain that a step leaves where it is. */
export interface LadderChainRefusalView {
  readonly function: string;
  readonly reason: string;
}

export type LadderColumnView =
  | {
      readonly rung: LadderRung;
      readonly kind: 'code';
      readonly current: boolean;
      /** The definitions of `functions`, in source order. */
      readonly code: string;
      /** The function, then the callees (its call chain) that climb with it: the column's header names them. */
      readonly functions: readonly string[];
      /** Callees of the chain this step leaves behind, each with its reason. */
      readonly stays: readonly LadderChainRefusalView[];
      readonly helpers: readonly LadderHelperView[];
      /** Functions converted along with it (its callers). */
      readonly alsoConverted: readonly string[];
      /** One step from the current rung: the panel offers to apply it. */
      readonly applicable: boolean;
    }
  | {
      readonly rung: LadderRung;
      readonly kind: 'refused';
      readonly from: LadderRung;
      readonly reason: string;
      /** The lines the reason cites are of the module the ladder generated at `from`, not of the file. */
      readonly fromGenerated: boolean;
    }
  | { readonly rung: LadderRung; readonly kind: 'unreached'; readonly blockedAt: LadderRung };

export interface LadderView {
  readonly file: string;
  /** Dotted name. */
  readonly function: string;
  /** 1-based line of its definition in the file. */
  readonly line: number;
  /** Bottom to top; one per rung. */
  readonly columns: readonly LadderColumnView[];
}

export type LadderContent =
  /** `stale`: the last ladder kept while the file does not parse; nothing can be applied until it does. */
  | { readonly kind: 'ladder'; readonly ladder: LadderView; readonly stale?: StaleNote }
  | { readonly kind: 'empty'; readonly reason: 'no-editor' | 'no-function' | 'syntax-error'; readonly message: string };

/** Host → ladder panel. */
export type LadderHostMessage =
  | { readonly type: 'update'; readonly content: LadderContent; readonly documentUri: string | null }
  /** Response to an `apply` request. */
  | { readonly type: 'applyResult'; readonly id: number; readonly ok: boolean; readonly message: string };

/** Ladder panel → host. */
export type LadderPanelMessage =
  | { readonly type: 'ready' }
  /** Request: move the function to `rung` in the editor, as the code action does; answered by `applyResult`. */
  | { readonly type: 'apply'; readonly id: number; readonly rung: LadderRung }
  /** Notification: show the function's definition in the editor. */
  | { readonly type: 'reveal'; readonly line: number };

const isLadderRung = oneOf(...LADDER_RUNGS);

const isLadderColumnView: Guard<LadderColumnView> = union(
  record({
    rung: isLadderRung,
    kind: oneOf('code'),
    current: isBoolean,
    code: isString,
    functions: arrayOf(isString),
    stays: arrayOf(record({ function: isString, reason: isString })),
    helpers: arrayOf(record({ name: isString, code: isString })),
    alsoConverted: arrayOf(isString),
    applicable: isBoolean,
  }),
  record({ rung: isLadderRung, kind: oneOf('refused'), from: isLadderRung, reason: isString, fromGenerated: isBoolean }),
  record({ rung: isLadderRung, kind: oneOf('unreached'), blockedAt: isLadderRung }),
);

export const isLadderView: Guard<LadderView> = record({
  file: isString,
  function: isString,
  line: isLine,
  columns: arrayOf(isLadderColumnView, LADDER_RUNGS.length),
});

const isLadderContent: Guard<LadderContent> = union(
  record({ kind: oneOf('ladder'), ladder: isLadderView }, { stale: isStaleNote }),
  record({ kind: oneOf('empty'), reason: oneOf('no-editor', 'no-function', 'syntax-error'), message: isString }),
);

export const isLadderHostMessage: Guard<LadderHostMessage> = union(
  record({ type: oneOf('update'), content: isLadderContent, documentUri: union(isString, isNull) }),
  record({ type: oneOf('applyResult'), id: isCount, ok: isBoolean, message: isString }),
);

export const isLadderPanelMessage: Guard<LadderPanelMessage> = union(
  record({ type: oneOf('ready') }),
  record({ type: oneOf('apply'), id: isCount, rung: isLadderRung }),
  record({ type: oneOf('reveal'), line: isLine }),
);

/** What the ladder panel keeps in `setState`: enough for the serializer to reopen it on the same function. */
export interface LadderPanelState {
  readonly documentUri: string | null;
  readonly function: string | null;
}

export const isLadderPanelState: Guard<LadderPanelState> = record({
  documentUri: union(isString, isNull),
  function: union(isString, isNull),
});

// ---------------------------------------------------------------- the schedules panel (explored runs)

/** One step of a real run: the task that ran, the lines it ran, what it read and wrote (values as Python shows them). */
export interface ExploreStepView {
  readonly task: string;
  readonly line: number;
  readonly lines: readonly number[];
  readonly reads: readonly { readonly name: string; readonly value: string }[];
  readonly writes: readonly { readonly name: string; readonly before: string; readonly after: string }[];
}

/** Runs that printed the same, drawn as the first one's schedule in one lane per task. */
export interface ExploreOutcomeView {
  readonly stdout: string;
  readonly exception: string | null;
  readonly count: number;
  readonly tasks: readonly string[];
  readonly steps: readonly ExploreStepView[];
  /** Steps left out of a very long schedule. */
  readonly omitted: number;
}

export interface ExploreHazardView {
  readonly line: number;
  readonly status: 'confirmed' | 'not-reproduced' | 'not-run';
  readonly text: string;
}

export interface ExploreView {
  readonly file: string;
  readonly runs: number;
  readonly exhausted: boolean;
  readonly outcomes: readonly ExploreOutcomeView[];
  readonly hazards: readonly ExploreHazardView[];
  /** Why exploring stopped early (a run that never ended), when it did. */
  readonly stopped: string | null;
}

export type ExploreContent =
  | { readonly kind: 'explore'; readonly view: ExploreView }
  | { readonly kind: 'running'; readonly message: string }
  | { readonly kind: 'empty'; readonly message: string };

/** Host → schedules panel. */
export type ExploreHostMessage = { readonly type: 'update'; readonly content: ExploreContent };

/** Schedules panel → host. */
export type ExplorePanelMessage =
  | { readonly type: 'ready' }
  /** Notification: the current step's line (null: none), for the editor to follow. */
  | { readonly type: 'highlight'; readonly line: number | null }
  /** Notification: show this line in the editor and focus it. */
  | { readonly type: 'reveal'; readonly line: number };

const isExploreStepView: Guard<ExploreStepView> = record({
  task: isString,
  line: isLine,
  lines: arrayOf(isLine),
  reads: arrayOf(record({ name: isString, value: isString })),
  writes: arrayOf(record({ name: isString, before: isString, after: isString })),
});

export const isExploreView: Guard<ExploreView> = record({
  file: isString,
  runs: isCount,
  exhausted: isBoolean,
  outcomes: arrayOf(
    record({
      stdout: isString,
      exception: union(isString, isNull),
      count: isCount,
      tasks: arrayOf(isString),
      steps: arrayOf(isExploreStepView),
      omitted: isCount,
    }),
  ),
  hazards: arrayOf(record({ line: isLine, status: oneOf('confirmed', 'not-reproduced', 'not-run'), text: isString })),
  stopped: union(isString, isNull),
});

export const isExploreHostMessage: Guard<ExploreHostMessage> = record({
  type: oneOf('update'),
  content: union(
    record({ kind: oneOf('explore'), view: isExploreView }),
    record({ kind: oneOf('running'), message: isString }),
    record({ kind: oneOf('empty'), message: isString }),
  ),
});

export const isExplorePanelMessage: Guard<ExplorePanelMessage> = union(
  record({ type: oneOf('ready') }),
  record({ type: oneOf('highlight'), line: union(isLine, isNull) }),
  record({ type: oneOf('reveal'), line: isLine }),
);

/** The schedules panel keeps nothing across reloads but which file it showed. */
export interface ExplorePanelState {
  readonly documentUri: string | null;
}

export const isExplorePanelState: Guard<ExplorePanelState> = record({ documentUri: union(isString, isNull) });
