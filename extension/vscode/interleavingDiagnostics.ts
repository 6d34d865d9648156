// Interleaving hazards as diagnostics on the write, with related information
// at the read, the suspension point and each interfering write. Refreshed from
// the engine's worker thread when a document opens and when it changes (at
// once, or after the analysis in flight: a burst of keystrokes costs two);
// published when the answer for the document's current version arrives.
// pyproject.toml's `[tool.concept-lenses]` (include/exclude, severity per kind,
// ignored state) and suppression comments apply as in the CLI; stale or
// reasonless suppressions are shown as hints on the comment.
import * as vscode from 'vscode';
import type { Severity } from '../engine/interleave/lintConfig';
import { tooLargeToAnalyse } from './analysisBudget';
import type { EngineWorker } from './engineWorker';
import { openModuleNames } from './openModules';
import { RunLatest } from './runLatest';
import type { DiagnosticHazard, DiagnosticsAnswer, LineSpan } from './worker/protocol';
import type { LintSettings } from './lintSettings';

/** `source` of our diagnostics; the quick fix recognises them by it. */
export const INTERLEAVINGS_SOURCE = 'Concept Lenses interleavings';
const SETTING = 'conceptLenses.interleavings.severity';
const SEVERITIES: Readonly<Record<string, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** For a file the lint settings leave out; generation 0 is no answer of the worker's, so it is never taken as unchanged. */
const NOTHING_REPORTED: DiagnosticsAnswer = { skipped: false, generation: 0, hazards: [], problems: [] };

/** Which document version the hazards were just published for (the latency bench waits on it). */
export interface DiagnosticsPublished {
  readonly uri: vscode.Uri;
  readonly version: number;
}

export function registerInterleavingDiagnostics(
  settings: LintSettings,
  engine: EngineWorker,
): vscode.Disposable & { readonly onDidPublish: vscode.Event<DiagnosticsPublished> } {
  const collection = vscode.languages.createDiagnosticCollection('conceptLenses.interleavings');
  const published = new vscode.EventEmitter<DiagnosticsPublished>();
  const analyses = new RunLatest();
  /** Per document, the generation of the worker's answer its published diagnostics come from (see `Unchanged`). */
  const known = new Map<string, number>();

  const refresh = async (document: vscode.TextDocument): Promise<void> => {
    if (document.languageId !== 'python' || document.isClosed) return;
    if (tooLargeToAnalyse(document)) {
      collection.delete(document.uri);
      return;
    }
    const { version } = document;
    const key = document.uri.toString();
    const current = (): boolean => !document.isClosed && document.version === version;
    const lint = settings.configFor(document.uri);
    const held = known.get(key);
    // The analysis runs in the engine's worker; a failed worker keeps the last diagnostics (it reports why itself).
    const answer: DiagnosticsAnswer | undefined = lint
      ? await engine.ask({ kind: 'diagnostics', uri: key, version, modules: openModuleNames(document), lint, ...(held === undefined ? {} : { known: held }) }).catch(() => undefined)
      : NOTHING_REPORTED;
    // An answer for an older version than the document's is dropped: the newer one's refresh is on its way.
    if (!answer || answer.skipped || !current()) return;
    if ('unchanged' in answer) {
      // The diagnostics published are this version's too: nothing is rebuilt or sent to the editor.
      published.fire({ uri: document.uri, version });
      return;
    }
    if ('notAnalysed' in answer) {
      known.delete(key);
      collection.delete(document.uri);
      return;
    }
    // While the user is mid-edit the tree has errors: keep the last good diagnostics.
    if ('syntaxError' in answer) return;
    known.set(key, answer.generation);
    const fallback = SEVERITIES[vscode.workspace.getConfiguration().get<string>(SETTING, 'warning')] ?? vscode.DiagnosticSeverity.Warning;
    const severityOf = (kind: DiagnosticHazard['kind']): vscode.DiagnosticSeverity => {
      const configured: Severity | undefined = lint?.severity[kind];
      return configured === undefined ? fallback : (SEVERITIES[configured === 'info' ? 'information' : configured] ?? fallback);
    };
    collection.set(document.uri, [
      ...answer.hazards.map((hazard) => toDiagnostic(document, hazard, severityOf(hazard.kind))),
      ...answer.problems.map((p) => {
        const line = document.lineAt(p.line - 1);
        const diagnostic = new vscode.Diagnostic(new vscode.Range(p.line - 1, p.column, p.line - 1, line.range.end.character), p.message, vscode.DiagnosticSeverity.Hint);
        diagnostic.source = INTERLEAVINGS_SOURCE;
        diagnostic.code = p.code;
        if (p.code === 'unused-suppression') diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
        return diagnostic;
      }),
    ]);
    published.fire({ uri: document.uri, version });
  };
  /**
   * An edit is analysed at once: the analysis is incremental (an edit re-walks
   * the edited function, about the parse's time on a 3,000-line module) and
   * runs in the worker, so waiting would only delay the diagnostics. Edits made
   * while one is in flight are analysed together when it ends.
   */
  const schedule = (document: vscode.TextDocument): void => {
    analyses.request(document.uri.toString(), () => refresh(document));
  };

  for (const document of vscode.workspace.textDocuments) void refresh(document);
  const subscriptions = [
    collection,
    published,
    settings.onDidChange(() => {
      known.clear(); // severities are applied here: every diagnostic is rebuilt
      for (const document of vscode.workspace.textDocuments) void refresh(document);
    }),
    vscode.workspace.onDidOpenTextDocument((document) => void refresh(document)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      schedule(event.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      analyses.forget(document.uri.toString());
      known.delete(document.uri.toString());
      collection.delete(document.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SETTING)) return;
      known.clear();
      for (const document of vscode.workspace.textDocuments) void refresh(document);
    }),
  ];
  const disposable = new vscode.Disposable(() => {
    analyses.clear();
    for (const s of subscriptions) s.dispose();
  });
  return Object.assign(disposable, { onDidPublish: published.event });
}

function toDiagnostic(document: vscode.TextDocument, h: DiagnosticHazard, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
  const range = ([line, character, endLine, endCharacter]: LineSpan) => new vscode.Range(line, character, endLine, endCharacter);
  // A writer in another document: its file is that document's URI.
  const at = (span: LineSpan, message: string, file?: string) =>
    new vscode.DiagnosticRelatedInformation(new vscode.Location(file === undefined ? document.uri : vscode.Uri.parse(file), range(span)), message);
  const diagnostic = new vscode.Diagnostic(range(h.write), h.message, severity);
  diagnostic.source = INTERLEAVINGS_SOURCE;
  diagnostic.code = h.kind;
  diagnostic.relatedInformation = [
    at(h.read, `${h.variable} ${h.kind === 'check-then-act' ? 'checked' : 'read'} here`),
    at(h.suspend, `${h.function} can suspend here`),
    ...h.interferers.map((w) => at(w.at, `${w.sameFunction ? `another ${w.function} task` : w.function} writes ${h.variable} here`, w.file)),
  ];
  return diagnostic;
}
