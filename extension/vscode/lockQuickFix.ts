// Quick fix "Guard with asyncio.Lock" on interleaving diagnostics, and "Guard
// with a lock per key" when the state is a dict indexed the same way on every
// access. When the engine refuses the lock, the action stays in the menu,
// disabled, with its reason. A fix that changes one function applies directly;
// one that changes several goes through the Refactor Preview, so nobody gets
// 50 functions rewritten without seeing them.
import * as vscode from 'vscode';
import { guardWithLock, type LockFix, type LockScope } from '../engine/interleave/lockFix';
import type { Hazard, InterleavingModel } from '../engine/interleave/model';
import type { SourceFile } from '../engine/syntax/sourceFile';
import { interleavingsAcrossOpenDocuments } from './openModules';
import type { DocumentCache } from './documentCache';
import { INTERLEAVINGS_SOURCE } from './interleavingDiagnostics';

const TITLE = 'Guard with asyncio.Lock';
export const PREVIEW_LOCK_FIX = 'conceptLenses.previewLockFix';

/** What the preview command applies: plain data kept by the extension host for the action's command. */
export interface LockFixPreview {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly lock: string;
  /** The functions the fix changes, more than one. */
  readonly functions: readonly string[];
  readonly edits: readonly vscode.TextEdit[];
}

export function registerLockQuickFix(cache: DocumentCache): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider(
      { language: 'python' },
      {
        provideCodeActions(document, _range, context) {
          const ours = context.diagnostics.filter((d) => d.source === INTERLEAVINGS_SOURCE);
          if (ours.length === 0) return [];
          const file = cache.get(document);
          const model = interleavingsAcrossOpenDocuments(document, cache);
          const actions: vscode.CodeAction[] = [];
          for (const diagnostic of ours) {
            const start = document.offsetAt(diagnostic.range.start);
            const hazard = model.hazards.find((h) => h.kind === diagnostic.code && h.write.start === start);
            if (!hazard) continue; // the diagnostic is from an older version of the text
            // The fix edits one file: a writer elsewhere would be left unguarded.
            const elsewhere = hazard.interferers.find((w) => w.file !== undefined);
            if (elsewhere) {
              const where = vscode.workspace.asRelativePath(vscode.Uri.parse(elsewhere.file ?? ''));
              actions.push(disabledAction(diagnostic, `${elsewhere.function} in ${where} also writes ${hazard.variable}; guard it with the same lock by hand`));
              continue;
            }
            // A lock per key first (it keeps other keys concurrent), offered only where it applies.
            const perKey = lockAction(document, diagnostic, file, model, hazard, 'key');
            if (perKey) actions.push(perKey);
            const whole = lockAction(document, diagnostic, file, model, hazard, 'state');
            if (whole) {
              whole.isPreferred = whole.disabled === undefined && !perKey;
              actions.push(whole);
            }
          }
          return actions;
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    vscode.commands.registerCommand(PREVIEW_LOCK_FIX, previewLockFix),
  );
}

/** The action for one lock scope; undefined for a per-key lock that does not apply. */
function lockAction(
  document: vscode.TextDocument,
  diagnostic: vscode.Diagnostic,
  file: SourceFile,
  model: InterleavingModel,
  hazard: Hazard,
  scope: LockScope,
): vscode.CodeAction | undefined {
  const fix: LockFix = guardWithLock(file, model, hazard, scope);
  if (!fix.ok) return scope === 'key' ? undefined : disabledAction(diagnostic, fix.reason);
  fix.file.dispose();
  const base = scope === 'key' ? `Guard with a lock per key (${fix.lock})` : TITLE;
  const edits = fix.edits.map((e) => new vscode.TextEdit(new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText));
  if (fix.functions.length <= 1) {
    const action = new vscode.CodeAction(base, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.edit = new vscode.WorkspaceEdit();
    action.edit.set(document.uri, edits);
    if (scope === 'key') action.isPreferred = true;
    return action;
  }
  const action = new vscode.CodeAction(`${base}… (changes ${String(fix.functions.length)} functions)`, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  const preview: LockFixPreview = { uri: document.uri, version: document.version, lock: fix.lock, functions: fix.functions, edits };
  action.command = { command: PREVIEW_LOCK_FIX, title: action.title, arguments: [preview] };
  return action;
}

function disabledAction(diagnostic: vscode.Diagnostic, reason: string): vscode.CodeAction {
  const action = new vscode.CodeAction(TITLE, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.disabled = { reason };
  return action;
}

/** Opens the fix in the Refactor Preview, where its edits wait for the user's tick. */
async function previewLockFix(preview: LockFixPreview): Promise<boolean> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === preview.uri.toString());
  if (document?.version !== preview.version) {
    void vscode.window.showWarningMessage('Concept Lenses: the file changed since the lock fix was offered; ask for the quick fix again.');
    return false;
  }
  const metadata: vscode.WorkspaceEditEntryMetadata = {
    needsConfirmation: true,
    label: `Guard with ${preview.lock}`,
    description: preview.functions.join(', '),
  };
  const edit = new vscode.WorkspaceEdit();
  for (const e of preview.edits) edit.replace(preview.uri, e.range, e.newText, metadata);
  void vscode.window.showInformationMessage(
    `Concept Lenses: the lock fix changes ${String(preview.functions.length)} functions (${preview.functions.join(', ')}); tick them in the Refactor Preview, then Apply.`,
  );
  return vscode.workspace.applyEdit(edit, { isRefactoring: true });
}
