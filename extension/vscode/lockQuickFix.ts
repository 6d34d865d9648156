// Quick fix "Guard with asyncio.Lock" on interleaving diagnostics, and "Guard
// with a lock per key" when the state is a dict indexed the same way on every
// access. When the engine refuses the lock, the action stays in the menu,
// disabled, with its reason. A fix that changes one function applies directly;
// one that changes several goes through the Refactor Preview, so nobody gets
// 50 functions rewritten without seeing them.
import * as vscode from 'vscode';
import type { LockScope } from '../engine/interleave/lockFix';
import type { EngineWorker } from './engineWorker';
import { openModuleNames } from './openModules';
import type { LockFixAnswer } from './worker/protocol';
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

export function registerLockQuickFix(engine: EngineWorker): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider(
      { language: 'python' },
      {
        async provideCodeActions(document, _range, context, token) {
          const ours = context.diagnostics.filter((d) => d.source === INTERLEAVINGS_SOURCE);
          if (ours.length === 0) return [];
          const { version } = document;
          // The fixes are worked out in the engine's worker, from the analysis the diagnostics came from.
          const hazards = ours.map((d) => ({ kind: typeof d.code === 'string' ? d.code : '', writeStart: document.offsetAt(d.range.start) }));
          const answer = await engine.ask({ kind: 'lockFixes', uri: document.uri.toString(), version, modules: openModuleNames(document), hazards }, token).catch(() => undefined);
          if (!answer || answer.skipped || document.version !== version) return [];
          return ours.flatMap((diagnostic, i) => {
            const found = answer.fixes[i];
            // No variable: the diagnostic is from an older version of the text.
            if (!found?.variable) return [];
            if (found.elsewhere) {
              const where = vscode.workspace.asRelativePath(vscode.Uri.parse(found.elsewhere.file));
              return [disabledAction(diagnostic, `${found.elsewhere.function} in ${where} also writes ${found.variable}; guard it with the same lock by hand`)];
            }
            // A lock per key first (it keeps other keys concurrent), offered only where it applies.
            const perKey = found.key?.ok ? lockAction(document, diagnostic, found.key, 'key') : undefined;
            const whole = found.state ? lockAction(document, diagnostic, found.state, 'state') : undefined;
            if (whole) whole.isPreferred = whole.disabled === undefined && !perKey;
            return [perKey, whole].filter((action) => action !== undefined);
          });
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    vscode.commands.registerCommand(PREVIEW_LOCK_FIX, previewLockFix),
  );
}

/** The action for one lock scope: disabled with the engine's reason when it refuses. */
function lockAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, fix: LockFixAnswer, scope: LockScope): vscode.CodeAction {
  if (!fix.ok) return disabledAction(diagnostic, fix.reason);
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
