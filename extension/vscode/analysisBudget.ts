// What the extension host analyses at all. A document too large is not even
// parsed (a parse of it alone would hold the host's thread too long); one
// nested too deep is parsed but not walked. Neither gets lenses, hover,
// diagnostics or refactors, and the status bar says why, so a hostile file
// costs a skipped analysis rather than a frozen editor.
//
// The heaviest analyses (ladder steps, interleavings) run in the engine's
// worker thread (engineWorker.ts); the budget still bounds what the host's own
// parse and the cheap providers (lens titles, hover, folding) spend.
import * as vscode from 'vscode';
import type { SourceFile } from '../engine';
import { analysisSkipped, MAX_ANALYSED_CHARS, tooLarge } from './analysisLimits';
import type { DocumentCache } from './documentCache';

/** The document's length in characters, without building its text. */
function lengthOf(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

/** Why `document` is not analysed; a document too large is answered without parsing it. Nothing is skipped before the grammar loads. */
export function documentSkipped(cache: DocumentCache, document: vscode.TextDocument): string | undefined {
  if (!cache.loaded) return undefined;
  const length = lengthOf(document);
  return length > MAX_ANALYSED_CHARS ? tooLarge(length) : analysisSkipped(cache.get(document));
}

/** The shared parse of `document` when it is analysed; undefined (and no parse) when it is skipped or the grammar has not loaded yet. */
export function analysable(cache: DocumentCache, document: vscode.TextDocument): SourceFile | undefined {
  return cache.loaded && documentSkipped(cache, document) === undefined ? cache.get(document) : undefined;
}

/** A status bar item that names the active Python document's skipped analysis, if any. */
export function registerSkippedAnalysisStatus(cache: DocumentCache): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('conceptLenses.skipped', vscode.StatusBarAlignment.Left);
  item.name = 'Concept Lenses: skipped analysis';
  const update = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    const reason = document?.languageId === 'python' && !document.isClosed ? documentSkipped(cache, document) : undefined;
    if (!reason) {
      item.hide();
      return;
    }
    item.text = '$(warning) Concept Lenses: not analysed';
    item.tooltip = `Concept Lenses skipped this file: ${reason}.`;
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    cache.onDidLoadGrammar(update),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === vscode.window.activeTextEditor?.document) update();
    }),
  );
}
