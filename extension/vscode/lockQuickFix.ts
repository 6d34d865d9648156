// Quick fix "Guard with asyncio.Lock" on interleaving diagnostics. When the
// engine refuses, the action stays in the menu, disabled, with its reason.
import * as vscode from 'vscode';
import { guardWithLock } from '../engine/interleave/lockFix';
import { interleavingsAcrossOpenDocuments } from './interleavingCache';
import type { DocumentCache } from './documentCache';
import { INTERLEAVINGS_SOURCE } from './interleavingDiagnostics';

const TITLE = 'Guard with asyncio.Lock';

export function registerLockQuickFix(cache: DocumentCache): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    { language: 'python' },
    {
      provideCodeActions(document, _range, context) {
        const ours = context.diagnostics.filter((d) => d.source === INTERLEAVINGS_SOURCE);
        if (ours.length === 0) return [];
        const file = cache.get(document);
        const model = interleavingsAcrossOpenDocuments(document, cache);
        const hazards = model.hazards;
        const actions: vscode.CodeAction[] = [];
        for (const diagnostic of ours) {
          const start = document.offsetAt(diagnostic.range.start);
          const hazard = hazards.find((h) => h.kind === diagnostic.code && h.write.start === start);
          if (!hazard) continue; // the diagnostic is from an older version of the text
          const action = new vscode.CodeAction(TITLE, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          // The fix edits one file: a writer elsewhere would be left unguarded.
          const elsewhere = hazard.interferers.find((w) => w.file !== undefined);
          const fix = elsewhere
            ? { ok: false as const, reason: `${elsewhere.function} in ${vscode.workspace.asRelativePath(vscode.Uri.parse(elsewhere.file ?? ''))} also writes ${hazard.variable}; guard it with the same lock by hand` }
            : guardWithLock(file, model, hazard);
          if (fix.ok) {
            const edit = new vscode.WorkspaceEdit();
            for (const e of fix.edits) {
              edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
            }
            fix.file.dispose();
            action.edit = edit;
            action.isPreferred = true;
          } else {
            action.disabled = { reason: fix.reason };
          }
          actions.push(action);
        }
        return actions;
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}
