// What the extension analyses at all. A document too large is not even
// parsed, nor sent to the engine's worker (a parse of it alone would take too
// long); one nested too deep is parsed but not walked (the worker says so).
// Neither gets lenses, hover, diagnostics or refactors, and the status bar
// says why, so a hostile file costs a skipped analysis rather than a frozen
// editor. Every parse and analysis runs in the worker (engineWorker.ts): the
// host's thread only measures the document's length.
import * as vscode from 'vscode';
import { MAX_ANALYSED_CHARS, tooLarge } from './analysisLimits';
import type { EngineWorker } from './engineWorker';

/** The document's length in characters, without building its text. */
export function lengthOf(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

/** Why `document` is too large to analyse, if it is (answered without parsing it). */
export function tooLargeToAnalyse(document: vscode.TextDocument): string | undefined {
  const length = lengthOf(document);
  return length > MAX_ANALYSED_CHARS ? tooLarge(length) : undefined;
}

/** A status bar item that names the active Python document's skipped analysis, if any. */
export function registerSkippedAnalysisStatus(engine: EngineWorker): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('conceptLenses.skipped', vscode.StatusBarAlignment.Left);
  item.name = 'Concept Lenses: skipped analysis';
  const show = (reason: string | undefined): void => {
    if (!reason) {
      item.hide();
      return;
    }
    item.text = '$(warning) Concept Lenses: not analysed';
    item.tooltip = `Concept Lenses skipped this file: ${reason}.`;
    item.show();
  };
  const update = async (): Promise<void> => {
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId !== 'python' || document.isClosed) {
      show(undefined);
      return;
    }
    const { version } = document;
    // Too deep is known only from a parse: the worker's.
    const reason = tooLargeToAnalyse(document) ?? (await engine.ask({ kind: 'notAnalysed', uri: document.uri.toString(), version }).catch(() => undefined))?.reason;
    // Another document or version came meanwhile: its own update says what to show.
    if (vscode.window.activeTextEditor?.document === document && document.version === version) show(reason);
  };
  void update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === vscode.window.activeTextEditor?.document) void update();
    }),
  );
}
