// What the extension host analyses at all. A document too large is not even
// parsed (a parse of it alone would hold the host's thread too long); one
// nested too deep is parsed but not walked. Neither gets lenses, hover,
// diagnostics or refactors, and the status bar says why, so a hostile file
// costs a skipped analysis rather than a frozen editor.
//
// Why a budget rather than a worker thread: the engine shares tree-sitter
// trees with every provider synchronously, and a web extension host has no
// worker_threads; under the budget each analysis is near-linear (bench/), so
// the budget bounds the time the host's thread is held.
import * as vscode from 'vscode';
import type { SourceFile } from '../engine';
import type { DocumentCache } from './documentCache';

/**
 * Characters above which a document is not analysed: about 7,000 lines of
 * ordinary Python, whose parse and analyses each stay near the host's 50 ms
 * budget on an unloaded machine (bench/RESULTS.md).
 */
export const MAX_ANALYSED_CHARS = 256 * 1024;

/** The document's length in characters, without building its text. */
function lengthOf(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

function tooLarge(length: number): string {
  return `the file has ${length.toLocaleString('en')} characters; Concept Lenses analyses files up to ${MAX_ANALYSED_CHARS.toLocaleString('en')}`;
}

/** Why a parse is not analysed, or undefined when it is. */
export function analysisSkipped(file: SourceFile): string | undefined {
  if (file.text.length > MAX_ANALYSED_CHARS) return tooLarge(file.text.length);
  const [problem] = file.syntaxErrors;
  return problem?.code === 'too-deep' ? `line ${String(problem.line)}: ${problem.message}` : undefined;
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
