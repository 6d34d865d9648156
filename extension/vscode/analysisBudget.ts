// What the extension host analyses at all: a document too large or nested too
// deep is parsed (VS Code needs nothing more) but gets no lenses, hover,
// diagnostics or panel, and the status bar says why, so a hostile file costs
// a skipped analysis rather than a frozen editor.
import * as vscode from 'vscode';
import type { SourceFile } from '../engine';

/**
 * Characters above which a document is not analysed: about 7,000 lines of
 * ordinary Python, whose parse and analyses each stay near the host's 50 ms
 * budget (bench/RESULTS.md).
 */
export const MAX_ANALYSED_CHARS = 256 * 1024;

/** Why `file` is not analysed, or undefined when it is. */
export function analysisSkipped(file: SourceFile): string | undefined {
  if (file.text.length > MAX_ANALYSED_CHARS) {
    return `the file has ${file.text.length.toLocaleString('en')} characters; Concept Lenses analyses files up to ${MAX_ANALYSED_CHARS.toLocaleString('en')}`;
  }
  const [problem] = file.syntaxErrors;
  return problem?.code === 'too-deep' ? `line ${String(problem.line)}: ${problem.message}` : undefined;
}

/** A status bar item that names the active Python document's skipped analysis, if any. */
export function registerSkippedAnalysisStatus(current: (document: vscode.TextDocument) => SourceFile): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('conceptLenses.skipped', vscode.StatusBarAlignment.Left);
  item.name = 'Concept Lenses: skipped analysis';
  const update = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    const reason = document?.languageId === 'python' && !document.isClosed ? analysisSkipped(current(document)) : undefined;
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
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === vscode.window.activeTextEditor?.document) update();
    }),
  );
}
