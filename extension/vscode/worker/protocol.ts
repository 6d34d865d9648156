// The one message protocol between the extension host (extension/vscode/engineWorker.ts)
// and the engine's worker thread (worker/main.ts). The host tells the worker
// about documents and workspace modules and asks it questions; the worker keeps
// its own parses and answers with plain data. Both ends run every incoming
// message through isToWorker / isFromWorker and drop whatever does not match.
import { CONCEPT_IDS, type ConceptId } from '../../engine/concepts/concept';
import type { Rung, PublicApiPolicy } from '../../engine/ladder/conversion';
import type { ModuleSource } from '../../engine/python/project';
import type { TextChange } from '../../engine/syntax/sourceFile';
import type { LintConfig } from '../../engine/interleave/lintConfig';
import type { Hazard } from '../../engine/interleave/model';
import type { SuppressionProblem } from '../../engine/interleave/suppressions';
import { arrayOf, isBoolean, isCount, isLine, isString, oneOf, record, union, type Guard } from '../../../webview/guards';
import { isInterleavingView, isLadderView, isStaleNote, type InterleavingView, type LadderView, type StaleNote } from '../../../webview/protocol';

// ---------------------------------------------------------------- questions and answers

/** The next rung of the lens's function and whether the step to it applies (the lens's title). */
export interface LensStepQuestion {
  readonly kind: 'lensStep';
  readonly uri: string;
  /** Dotted name and 0-based line of the definition the lens sits on. */
  readonly name: string;
  readonly line: number;
  readonly publicApi: PublicApiPolicy;
  /** The lens's command applies the step: it needs the edits too. */
  readonly withEdits: boolean;
}

export interface LensStepAnswer {
  /** The conversion up, when one applies to the function's rung. */
  readonly up?: { readonly id: string; readonly to: Rung; readonly action: string };
  /** The step to it: its label, the functions that come along, or why it is refused. */
  readonly step?: {
    readonly label: string;
    readonly alongside: readonly string[];
    readonly refusal?: { readonly function: string; readonly code: string; readonly message: string; readonly line: number };
    readonly edits?: readonly TextChange[];
  };
}

/** The concept lenses of one version of a document, from its classification. */
export interface ConceptLensesQuestion {
  readonly kind: 'conceptLenses';
  readonly uri: string;
  readonly version: number;
  /** The concepts the settings let the lenses name. */
  readonly shown: readonly string[];
  /** The generation of the answer the host's lenses come from, if any: an equal answer comes back as `Unchanged`. */
  readonly known?: number;
}

/**
 * A full answer carries a `generation`; a question naming the generation the
 * host still holds gets this instead when the answer would be the same, so
 * a keystroke that changes no lens or diagnostic costs the host's thread no
 * copy of the answer and no new VS Code objects.
 */
export interface Unchanged {
  readonly skipped: false;
  readonly unchanged: number;
}

/**
 * Per labelled definition: its dotted name, 0-based first line (decorators
 * included), the most specific concepts shown (none: a plain function the CPS
 * rung takes), whether it stands above direct style (a "Show ladder" lens),
 * and whether a conversion takes it a rung up: only then does the lens's
 * title need the step (`lensStep`), which waits for the workspace; the title
 * of one that does not climb is known at once.
 */
export type ConceptLensesAnswer =
  | { readonly skipped: true }
  | { readonly skipped: false; readonly generation: number; readonly lenses: readonly { readonly name: string; readonly line: number; readonly concepts: readonly ConceptId[]; readonly aboveDirect: boolean; readonly climbs: boolean }[] }
  | Unchanged
  | MidEdit;

/**
 * The tree has errors (the user is mid-edit): labels read from it would come
 * and go with every key, so the last good lenses stay, following their
 * functions to where each definition (its first decorator) starts now, 0-based.
 */
export interface MidEdit {
  readonly skipped: false;
  readonly starts: readonly FunctionStart[];
}

export interface FunctionStart {
  readonly name: string;
  readonly line: number;
}

/** The hover on the definition name at `offset` of one version of a document (conceptHoverText.ts). */
export interface HoverQuestion {
  readonly kind: 'hover';
  readonly uri: string;
  readonly version: number;
  readonly offset: number;
  readonly publicApi: PublicApiPolicy;
}

/** Its markdown and the name's span; nothing when there is nothing to say (or the version is gone). */
export interface HoverAnswer {
  readonly hover?: { readonly markdown: string; readonly start: number; readonly end: number };
}

/** The ladder code actions at `offset`: per target rung, the step of the function there and (when `whole`) of the whole file. */
export interface LadderActionsQuestion {
  readonly kind: 'ladderActions';
  readonly uri: string;
  readonly version: number;
  readonly offset: number;
  readonly targets: readonly Rung[];
  readonly whole: boolean;
  readonly publicApi: PublicApiPolicy;
}

export type LadderActionsAnswer =
  | { readonly skipped: true }
  | {
      readonly skipped: false;
      readonly targets: readonly {
        readonly to: Rung;
        /** The step alone and, when its callers block it, with them (stepOffers); `edits` apply the enabled one. */
        readonly function?: { readonly name: string; readonly offers: readonly { readonly withCallers: boolean; readonly refusal?: string }[]; readonly edits: readonly TextChange[] };
        readonly file?: { readonly converted: number; readonly refused: number; readonly firstRefused?: { readonly function: string; readonly line: number; readonly message: string }; readonly edits: readonly TextChange[] };
      }[];
    };

/** What the linter reports for one version of a document: findings and suppression problems. */
export interface DiagnosticsQuestion {
  readonly kind: 'diagnostics';
  readonly uri: string;
  readonly version: number;
  /** Other open documents by module name, whose writes count (interleavingCache's openModules). */
  readonly modules: readonly { readonly name: string; readonly uri: string }[];
  readonly lint: LintConfig;
  /** The generation of the diagnostics the host has published for the document, if any. */
  readonly known?: number;
}

/** The lock quick fixes for hazards (by kind and write offset) of one version of a document, analysed as for its diagnostics. */
export interface LockFixesQuestion {
  readonly kind: 'lockFixes';
  readonly uri: string;
  readonly version: number;
  readonly modules: DiagnosticsQuestion['modules'];
  readonly hazards: readonly { readonly kind: string; readonly writeStart: number }[];
}

/** A lock fix as plain data: its edits, lock and functions, or why the engine refuses it. */
export type LockFixAnswer = { readonly ok: false; readonly reason: string } | { readonly ok: true; readonly lock: string; readonly functions: readonly string[]; readonly edits: readonly TextChange[] };

/**
 * Per hazard asked about, in order: nothing when it is gone; the variable and a
 * writer in another file when one is (no one-file fix); else the per-key and
 * whole-state fixes.
 */
export type LockFixesAnswer =
  | { readonly skipped: true }
  | {
      readonly skipped: false;
      readonly fixes: readonly {
        readonly variable?: string;
        readonly elsewhere?: { readonly function: string; readonly file: string };
        readonly key?: LockFixAnswer;
        readonly state?: LockFixAnswer;
      }[];
    };

/** The hazard lenses of one version of a document: per coroutine, its reported hazards. */
export interface HazardLensQuestion {
  readonly kind: 'hazardLenses';
  readonly uri: string;
  readonly version: number;
  readonly lint: LintConfig;
  /** The generation of the answer the host's lenses come from, if any. */
  readonly known?: number;
}

/** A span as VS Code ranges it: 0-based line and character of its start, then of its end. */
export type LineSpan = readonly [line: number, character: number, endLine: number, endCharacter: number];

/**
 * A hazard as a diagnostic shows it, without the interleaving's steps (the
 * panel draws those). Its spans are lines and characters, not offsets, so a
 * keystroke on another line leaves it equal (see `Unchanged`).
 */
export interface DiagnosticHazard {
  readonly kind: Hazard['kind'];
  readonly variable: string;
  readonly function: string;
  readonly message: string;
  readonly write: LineSpan;
  readonly read: LineSpan;
  readonly suspend: LineSpan;
  /** `file` is the writer's document when it is not this one (its span is in that file). */
  readonly interferers: readonly { readonly function: string; readonly sameFunction: boolean; readonly at: LineSpan; readonly file?: string }[];
}

/** A hazard as its lens names it. */
export interface LensHazard {
  readonly kind: Hazard['kind'];
  readonly variable: string;
  /** 1-based line of the write (the panel selects the hazard there). */
  readonly writeLine: number;
  readonly message: string;
}

/** `skipped`: the worker has no analysable parse of that version (stale, too large, too deep). */
/** Besides the findings: the file is not analysed (its diagnostics go), or has syntax errors (the last good ones stay). */
export type DiagnosticsAnswer =
  | { readonly skipped: true }
  | { readonly skipped: false; readonly generation: number; readonly hazards: readonly DiagnosticHazard[]; readonly problems: readonly SuppressionProblem[] }
  | Unchanged
  | { readonly skipped: false; readonly notAnalysed: string }
  | { readonly skipped: false; readonly syntaxError: true };
export type HazardLensAnswer =
  | { readonly skipped: true }
  | { readonly skipped: false; readonly generation: number; readonly lenses: readonly { readonly name: string; readonly line: number; readonly hazards: readonly LensHazard[] }[] }
  | Unchanged
  | MidEdit;

/** Why one version of a document is not analysed (the status bar says it), if it is not. */
export interface NotAnalysedQuestion {
  readonly kind: 'notAnalysed';
  readonly uri: string;
  readonly version: number;
}

export interface NotAnalysedAnswer {
  readonly reason?: string;
}

/** The definitions of one version of a document ("Go to Function…") and where `async def main` starts (Explore's lens). */
export interface OutlineQuestion {
  readonly kind: 'outline';
  readonly uri: string;
  readonly version: number;
  /** Only `mains` (the Explore lens, asked on every edit): `definitions` comes back empty rather than listing every function. */
  readonly mainsOnly?: true;
}

export interface OutlineAnswer {
  readonly definitions: readonly { readonly name: string; readonly kind: 'function' | 'class'; readonly isAsync: boolean; readonly line: number; readonly endLine: number; readonly start: number }[];
  /** 0-based lines of the module-level `async def main` (its first decorator). */
  readonly mains: readonly number[];
}

/** The innermost function around `offset` of one version of a document (where the ladder panel opens). */
export interface FunctionAtQuestion {
  readonly kind: 'functionAt';
  readonly uri: string;
  readonly version: number;
  readonly offset: number;
}

/** Its dotted name; nothing when no function is there (or the version is gone). */
export interface FunctionAtAnswer {
  readonly name?: string;
}

/**
 * What a panel draws for one version of a document: `skipped` when the worker
 * does not have that version (stale, or too large to be sent), why the file is
 * not analysed, its first syntax error (the panel keeps its last drawing), or
 * the drawing (none: the ladder's function is gone).
 */
export type PanelAnswer<View> =
  | { readonly state: 'skipped' }
  | { readonly state: 'not-analysed'; readonly reason: string }
  | { readonly state: 'syntax-error'; readonly error: StaleNote }
  | { readonly state: 'drawn'; readonly view?: View };

/** The ladder panel's columns: the function at every rung (ladderView.ts), `file` named as the editor shows it. */
export interface LadderPanelQuestion {
  readonly kind: 'ladderPanel';
  readonly uri: string;
  readonly version: number;
  readonly name: string;
  readonly file: string;
  readonly publicApi: PublicApiPolicy;
}

/** The ladder panel's "apply": the function with its call chain moved to `rung`, as edits, or why not. */
export interface LadderApplyQuestion {
  readonly kind: 'ladderApply';
  readonly uri: string;
  readonly version: number;
  readonly name: string;
  readonly rung: Rung;
  readonly publicApi: PublicApiPolicy;
}

export type LadderApplyAnswer = { readonly ok: false; readonly problem: string } | { readonly ok: true; readonly edits: readonly TextChange[] };

/** The interleavings panel's drawing of the document's coroutines and hazards, `file` named as the editor shows it. */
export interface InterleavingPanelQuestion {
  readonly kind: 'interleavingPanel';
  readonly uri: string;
  readonly version: number;
  readonly file: string;
}

/** Every hazard of one version of a document, unfiltered (Explore Schedules checks each by running it). */
export interface HazardsQuestion {
  readonly kind: 'hazards';
  readonly uri: string;
  readonly version: number;
}

export type HazardsAnswer = { readonly skipped: true } | { readonly skipped: false; readonly hazards: readonly Hazard[] };

/**
 * "Convert Workspace to async/await": these versions of documents stepped
 * together (a caller and its callee in different files move as one), against
 * the worker's project model. The worker reports progress while it works.
 */
export interface ConvertWorkspaceQuestion {
  readonly kind: 'convertWorkspace';
  readonly documents: readonly { readonly uri: string; readonly version: number }[];
  readonly publicApi: PublicApiPolicy;
}

/** Per document that converts or refuses anything; documents the worker could not take (another version, not analysed, not parsing) are `skipped`. */
export interface ConvertWorkspaceAnswer {
  readonly files: readonly { readonly uri: string; readonly converted: readonly string[]; readonly refused: number; readonly edits: readonly TextChange[] }[];
  readonly skipped: readonly string[];
}

/** The worker's thread id: tests check that the work ran off the host's thread. */
export interface WhereQuestion {
  readonly kind: 'where';
}
export interface WhereAnswer {
  readonly threadId: number;
  /** Engine questions answered so far. */
  readonly answered: number;
}

export type Question =
  | ConceptLensesQuestion
  | HoverQuestion
  | LadderActionsQuestion
  | LensStepQuestion
  | LockFixesQuestion
  | DiagnosticsQuestion
  | HazardLensQuestion
  | FunctionAtQuestion
  | LadderPanelQuestion
  | LadderApplyQuestion
  | InterleavingPanelQuestion
  | HazardsQuestion
  | ConvertWorkspaceQuestion
  | NotAnalysedQuestion
  | OutlineQuestion
  | WhereQuestion;
export interface AnswerOf {
  conceptLenses: ConceptLensesAnswer;
  hover: HoverAnswer;
  ladderActions: LadderActionsAnswer;
  lensStep: LensStepAnswer;
  diagnostics: DiagnosticsAnswer;
  hazardLenses: HazardLensAnswer;
  lockFixes: LockFixesAnswer;
  functionAt: FunctionAtAnswer;
  ladderPanel: PanelAnswer<LadderView>;
  ladderApply: LadderApplyAnswer;
  interleavingPanel: PanelAnswer<InterleavingView>;
  hazards: HazardsAnswer;
  convertWorkspace: ConvertWorkspaceAnswer;
  notAnalysed: NotAnalysedAnswer;
  outline: OutlineAnswer;
  where: WhereAnswer;
}

// ---------------------------------------------------------------- messages

export type ToWorker =
  /** A document's whole text at a version (first sight, or when the worker asks for it with `needText`). */
  | { readonly type: 'document'; readonly uri: string; readonly version: number; readonly text: string }
  /**
   * A document's next version as the changes that turn version `from`'s text
   * into it (applied in order, then re-parsed incrementally), and the new
   * text's `length` as a check: an edit does not carry the whole text.
   */
  | { readonly type: 'documentEdit'; readonly uri: string; readonly version: number; readonly from: number; readonly changes: readonly TextChange[]; readonly length: number }
  | { readonly type: 'closeDocument'; readonly uri: string }
  /** A module of the workspace's project model, with its path as the editor shows it. */
  | { readonly type: 'module'; readonly source: ModuleSource; readonly relativePath: string }
  | { readonly type: 'removeModule'; readonly path: string }
  | { readonly type: 'ask'; readonly id: number; readonly question: Question }
  | { readonly type: 'cancel'; readonly id: number }
  /** Sent first: a cell where the host writes the id of a question it cancels, so a long one can stop as it runs. */
  | { readonly type: 'cancelled'; readonly cell: SharedArrayBuffer };

/** What the worker is told rather than asked: the documents and modules it keeps. */
export type Notice = Exclude<ToWorker, { type: 'ask' | 'cancel' | 'cancelled' }>;

export type FromWorker =
  | { readonly type: 'answer'; readonly id: number; readonly answer: unknown }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  /** A long question's progress (it keeps the worker from being taken as stuck): `done` of `total` steps. */
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  /** The worker could not start (its grammar did not load): every question will fail. */
  | { readonly type: 'broken'; readonly message: string }
  /** The worker cannot apply a `documentEdit` (it has not the version it starts from): send the document's whole text. */
  | { readonly type: 'needText'; readonly uri: string };

// ---------------------------------------------------------------- validation

const isInteger: Guard<number> = (value): value is number => typeof value === 'number' && Number.isSafeInteger(value);
const isTextChange = record({ start: isCount, end: isCount, newText: isString });
const isModuleSource = record({ path: isString, name: isString, isPackage: isBoolean, text: isString });
const isLintConfig = record({
  include: arrayOf(isString),
  exclude: arrayOf(isString),
  ignoreState: arrayOf(isString),
  severity: (value: unknown): value is LintConfig['severity'] => typeof value === 'object' && value !== null && !Array.isArray(value),
});

const isRung = oneOf('direct', 'cps', 'generator', 'async');
const isPublicApi = oneOf('keep', 'refuse', 'convert');
const isModuleNames = arrayOf(record({ name: isString, uri: isString }));

const isQuestion: Guard<Question> = union(
  record({ kind: oneOf('conceptLenses'), uri: isString, version: isInteger, shown: arrayOf(isString) }, { known: isCount }),
  record({
    kind: oneOf('ladderActions'),
    uri: isString,
    version: isInteger,
    offset: isCount,
    targets: arrayOf(isRung),
    whole: isBoolean,
    publicApi: isPublicApi,
  }),
  record({ kind: oneOf('hover'), uri: isString, version: isInteger, offset: isCount, publicApi: isPublicApi }),
  record({ kind: oneOf('lensStep'), uri: isString, name: isString, line: isCount, publicApi: isPublicApi, withEdits: isBoolean }),
  record({ kind: oneOf('diagnostics'), uri: isString, version: isInteger, modules: isModuleNames, lint: isLintConfig }, { known: isCount }),
  record({ kind: oneOf('lockFixes'), uri: isString, version: isInteger, modules: isModuleNames, hazards: arrayOf(record({ kind: isString, writeStart: isCount })) }),
  record({ kind: oneOf('hazardLenses'), uri: isString, version: isInteger, lint: isLintConfig }, { known: isCount }),
  record({ kind: oneOf('functionAt'), uri: isString, version: isInteger, offset: isCount }),
  record({ kind: oneOf('ladderPanel'), uri: isString, version: isInteger, name: isString, file: isString, publicApi: isPublicApi }),
  record({ kind: oneOf('ladderApply'), uri: isString, version: isInteger, name: isString, rung: isRung, publicApi: isPublicApi }),
  record({ kind: oneOf('interleavingPanel'), uri: isString, version: isInteger, file: isString }),
  record({ kind: oneOf('hazards'), uri: isString, version: isInteger }),
  record({ kind: oneOf('convertWorkspace'), documents: arrayOf(record({ uri: isString, version: isInteger })), publicApi: isPublicApi }),
  record({ kind: oneOf('notAnalysed'), uri: isString, version: isInteger }),
  record({ kind: oneOf('outline'), uri: isString, version: isInteger }, { mainsOnly: oneOf(true) }),
  record({ kind: oneOf('where') }),
);

const isDocumentMessage = record({ type: oneOf('document'), uri: isString, version: isInteger, text: isString });
const isDocumentEditMessage = record({ type: oneOf('documentEdit'), uri: isString, version: isInteger, from: isInteger, changes: arrayOf(isTextChange), length: isCount });
const isAnswerMessage = record({ type: oneOf('answer'), id: isCount, answer: (value: unknown): value is unknown => value !== undefined });

export const isToWorker: Guard<ToWorker> = union(
  isDocumentMessage,
  isDocumentEditMessage,
  record({ type: oneOf('closeDocument'), uri: isString }),
  record({ type: oneOf('module'), source: isModuleSource, relativePath: isString }),
  record({ type: oneOf('removeModule'), path: isString }),
  record({ type: oneOf('ask'), id: isCount, question: isQuestion }),
  record({ type: oneOf('cancel'), id: isCount }),
  record({ type: oneOf('cancelled'), cell: (value: unknown): value is SharedArrayBuffer => value instanceof SharedArrayBuffer && value.byteLength === Int32Array.BYTES_PER_ELEMENT }),
);

export const isFromWorker: Guard<FromWorker> = union(
  isAnswerMessage,
  record({ type: oneOf('failed'), id: isCount, message: isString }),
  record({ type: oneOf('progress'), id: isCount, done: isCount, total: isCount }),
  record({ type: oneOf('broken'), message: isString }),
  record({ type: oneOf('needText'), uri: isString }),
);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Hazards come from the engine in the worker: checked for the fields the adapter reads. */
const isHazard = (value: unknown): value is Hazard =>
  isObject(value) && isString(value.kind) && isString(value.message) && isString(value.variable) && isString(value.function) && isObject(value.read) && isObject(value.write) && isObject(value.suspend) && Array.isArray(value.interferers);
const isLineSpan = (value: unknown): value is LineSpan => Array.isArray(value) && value.length === 4 && value.every(isCount);
const isDiagnosticHazard = record({
  kind: oneOf('lost-update', 'check-then-act', 'stale-read'),
  variable: isString,
  function: isString,
  message: isString,
  write: isLineSpan,
  read: isLineSpan,
  suspend: isLineSpan,
  interferers: arrayOf(record({ function: isString, sameFunction: isBoolean, at: isLineSpan }, { file: isString })),
});
const isProblem = record({ code: isString, line: isCount, column: isCount, message: isString }) as Guard<SuppressionProblem>;

const refusalGuard = record({ function: isString, code: isString, message: isString, line: isCount });
const isEdits = arrayOf(isTextChange);
const isLockFix: Guard<LockFixAnswer> = union(
  record({ ok: oneOf(false), reason: isString }),
  record({ ok: oneOf(true), lock: isString, functions: arrayOf(isString), edits: isEdits }),
);
const lockFixesShape = { variable: isString, elsewhere: record({ function: isString, file: isString }), key: isLockFix, state: isLockFix };
const isLockFixes = record<Record<string, never>, typeof lockFixesShape>({}, lockFixesShape);
const isUnchanged = record({ skipped: oneOf(false), unchanged: isCount });
const isLensHazard = record({ kind: oneOf('lost-update', 'check-then-act', 'stale-read'), variable: isString, writeLine: isLine, message: isString });
const isMidEdit = record({ skipped: oneOf(false), starts: arrayOf(record({ name: isString, line: isCount })) });
/** A panel's answer, with `isView` checking its drawing. */
function isPanelAnswer<View>(isView: Guard<View>): Guard<PanelAnswer<View>> {
  return union(
    record({ state: oneOf('skipped') }),
    record({ state: oneOf('not-analysed'), reason: isString }),
    record({ state: oneOf('syntax-error'), error: isStaleNote }),
    record({ state: oneOf('drawn') }, { view: isView }),
  );
}
const isStepSummary = record({ label: isString, alongside: arrayOf(isString) }, { refusal: refusalGuard, edits: isEdits });
/** Per question, what a well-formed answer looks like. */
export const isAnswerTo: { readonly [K in keyof AnswerOf]: Guard<AnswerOf[K]> } = {
  conceptLenses: union(
    record({ skipped: oneOf(true) }),
    record({ skipped: oneOf(false), generation: isCount, lenses: arrayOf(record({ name: isString, line: isCount, concepts: arrayOf(oneOf(...CONCEPT_IDS)), aboveDirect: isBoolean, climbs: isBoolean })) }),
    isUnchanged,
    isMidEdit,
  ),
  hover: record({}, { hover: record({ markdown: isString, start: isCount, end: isCount }) }),
  ladderActions: union(
    record({ skipped: oneOf(true) }),
    record({
      skipped: oneOf(false),
      targets: arrayOf(
        record(
          { to: isRung },
          {
            function: record({ name: isString, offers: arrayOf(record({ withCallers: isBoolean }, { refusal: isString })), edits: arrayOf(isTextChange) }),
            file: record({ converted: isCount, refused: isCount, edits: arrayOf(isTextChange) }, { firstRefused: record({ function: isString, line: isCount, message: isString }) }),
          },
        ),
      ),
    }),
  ),
  lensStep: record(
    {},
    {
      up: record({ id: isString, to: isRung, action: isString }),
      step: isStepSummary,
    },
  ),
  diagnostics: union(
    record({ skipped: oneOf(true) }),
    record({ skipped: oneOf(false), generation: isCount, hazards: arrayOf(isDiagnosticHazard), problems: arrayOf(isProblem) }),
    isUnchanged,
    record({ skipped: oneOf(false), notAnalysed: isString }),
    record({ skipped: oneOf(false), syntaxError: oneOf(true) }),
  ),
  hazardLenses: union(
    record({ skipped: oneOf(true) }),
    record({ skipped: oneOf(false), generation: isCount, lenses: arrayOf(record({ name: isString, line: isCount, hazards: arrayOf(isLensHazard) })) }),
    isUnchanged,
    isMidEdit,
  ),
  lockFixes: union(
    record({ skipped: oneOf(true) }),
    record({ skipped: oneOf(false), fixes: arrayOf(isLockFixes) }),
  ),
  functionAt: record({}, { name: isString }),
  ladderPanel: isPanelAnswer(isLadderView),
  ladderApply: union(record({ ok: oneOf(false), problem: isString }), record({ ok: oneOf(true), edits: isEdits })),
  interleavingPanel: isPanelAnswer(isInterleavingView),
  hazards: union(record({ skipped: oneOf(true) }), record({ skipped: oneOf(false), hazards: arrayOf(isHazard) })),
  convertWorkspace: record({
    files: arrayOf(record({ uri: isString, converted: arrayOf(isString), refused: isCount, edits: isEdits })),
    skipped: arrayOf(isString),
  }),
  notAnalysed: record({}, { reason: isString }),
  outline: record({
    definitions: arrayOf(record({ name: isString, kind: oneOf('function', 'class'), isAsync: isBoolean, line: isLine, endLine: isLine, start: isCount })),
    mains: arrayOf(isCount),
  }),
  where: record({ threadId: isCount, answered: isCount }),
};
