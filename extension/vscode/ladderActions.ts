// Ladder refactors as code actions: for the function at the cursor, each rung
// a registered conversion can move it to (offered disabled, with the reason,
// when it refuses), the same with its callers when those block it, and the
// whole file; the steps run in the engine's worker thread. A workspace command
// converts every Python file to async/await (in the worker too), applied at
// once or through VS Code's refactor preview.
import * as vscode from 'vscode';
import type { TextChange } from '../engine';
import type { Rung } from '../engine/ladder/conversion';
import { failureReason, type EngineWorker } from './engineWorker';
import type { ConvertWorkspaceAnswer, LadderActionsAnswer } from './worker/protocol';
import { FOLD_HELPERS } from './foldHelpers';
import { publicApiSetting, type WorkspaceIndex } from './workspaceIndex';

const BASE_KIND = vscode.CodeActionKind.RefactorRewrite.append('conceptLenses');
const WORKSPACE_COMMAND = 'conceptLenses.convertWorkspaceToAsync';

const TARGETS: readonly { readonly to: Rung; readonly kind: vscode.CodeActionKind; readonly words: string }[] = [
  { to: 'async', kind: BASE_KIND.append('toAsync'), words: 'async/await' },
  { to: 'generator', kind: BASE_KIND.append('toGenerator'), words: 'a generator coroutine' },
  { to: 'cps', kind: BASE_KIND.append('toCps'), words: 'continuation-passing style' },
  { to: 'direct', kind: BASE_KIND.append('toDirect'), words: 'direct style' },
];

type Target = (typeof TARGETS)[number];
type TargetAnswer = (LadderActionsAnswer & { skipped: false })['targets'][number];

class LadderActionProvider implements vscode.CodeActionProvider {
  constructor(
    private readonly workspace: WorkspaceIndex,
    private readonly engine: EngineWorker,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    // A step is judged against the whole workspace: wait until its files have been read.
    await this.workspace.ready;
    const targets = TARGETS.filter((t) => !context.only || context.only.contains(t.kind) || t.kind.contains(context.only));
    if (targets.length === 0) return [];
    const { version } = document;
    // The steps run in the engine's worker. The whole-file conversion is the costly one: only for a menu the user asked for, never for the light bulb.
    const answer = await this.engine
      .ask(
        {
          kind: 'ladderActions',
          uri: document.uri.toString(),
          version,
          offset: document.offsetAt(range.start),
          targets: targets.map((t) => t.to),
          whole: context.triggerKind === vscode.CodeActionTriggerKind.Invoke,
          publicApi: publicApiSetting(document.uri),
        },
        token,
      )
      .catch(() => undefined);
    if (!answer || answer.skipped || document.version !== version) return [];
    return answer.targets.flatMap((found) => {
      const target = targets.find((t) => t.to === found.to);
      if (!target) return [];
      return [...functionActions(document, found, target), ...(found.file ? [fileAction(document, found.file, target)] : [])];
    });
  }
}

/** The function's step to the target rung: alone and, when its callers block it, with them (one engine step). */
function functionActions(document: vscode.TextDocument, found: TargetAnswer, target: Target): vscode.CodeAction[] {
  const step = found.function;
  if (!step) return [];
  return step.offers.map((offer) => {
    const title = offer.withCallers ? `Convert ${step.name} with its callers in the module to ${target.words}` : `Convert ${step.name} to ${target.words}`;
    const action = new vscode.CodeAction(title, target.kind);
    // The engine's message reads on from the function's name, as the lens shows it.
    if (offer.refusal) action.disabled = { reason: `${step.name} ${offer.refusal}` };
    else applies(action, document, step.edits);
    return action;
  });
}

/** Enabled, with the count of functions it converts, only when at least one does; otherwise disabled with the first refusal. */
function fileAction(document: vscode.TextDocument, result: NonNullable<TargetAnswer['file']>, target: Target): vscode.CodeAction {
  const count = result.converted;
  const refused = result.refused > 0 ? ` (${String(result.refused)} refused)` : '';
  const title = count > 0 ? `Convert ${plural(count, 'function')} in this file to ${target.words}${refused}` : `Convert the functions in this file to ${target.words}`;
  const action = new vscode.CodeAction(title, target.kind);
  if (count > 0) {
    applies(action, document, result.edits);
  } else {
    const first = result.firstRefused;
    action.disabled = { reason: first ? `${first.function} (line ${String(first.line)}) ${first.message}` : 'nothing in this file converts' };
  }
  return action;
}

/** The action applies the conversion, then folds any helper it inserted. */
function applies(action: vscode.CodeAction, document: vscode.TextDocument, edits: readonly TextChange[]): void {
  action.edit = workspaceEdit(document, edits);
  action.command = { title: 'Fold inserted helpers', command: FOLD_HELPERS, arguments: [document.uri] };
}

function workspaceEdit(document: vscode.TextDocument, edits: readonly TextChange[], edit = new vscode.WorkspaceEdit(), metadata?: vscode.WorkspaceEditEntryMetadata): vscode.WorkspaceEdit {
  for (const change of edits) edit.replace(document.uri, rangeOf(document, change), change.newText, metadata);
  return edit;
}

function rangeOf(document: vscode.TextDocument, change: TextChange): vscode.Range {
  return new vscode.Range(document.positionAt(change.start), document.positionAt(change.end));
}

const CONVERT = 'Convert';
const REVIEW = 'Review in Refactor Preview';

type ConvertedFile = ConvertWorkspaceAnswer['files'][number] & { readonly document: vscode.TextDocument; readonly version: number };

/**
 * Every Python file of the workspace to async/await, after a dialog that says
 * how much changes: applied at once (one undo), or shown in the refactor
 * preview. VS Code opens that preview only for edits marked as needing
 * confirmation, and starts those unticked, so the user is told to tick them.
 * The host opens the files; the engine's worker converts them all together.
 */
async function convertWorkspace(workspace: WorkspaceIndex, engine: EngineWorker): Promise<void> {
  const uris = await vscode.workspace.findFiles('**/*.py', '**/{node_modules,.git,.venv,venv,site-packages}/**');
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Concept Lenses: converting to async/await', cancellable: true },
    async (progress, token): Promise<{ readonly converted: readonly ConvertedFile[]; readonly refused: number } | string | undefined> => {
      await workspace.ready;
      // Reading the files is half the bar, converting them the other half.
      const documents = new Map<string, vscode.TextDocument>();
      for (const uri of uris) {
        if (token.isCancellationRequested) return undefined;
        progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 50 / uris.length });
        const document = await vscode.workspace.openTextDocument(uri);
        // The worker's project model mirrors the workspace index: it converts the modules the index has.
        if (workspace.moduleOf(document)) documents.set(document.uri.toString(), document);
      }
      const versions = new Map([...documents].map(([uri, d]) => [uri, d.version]));
      let reported = 0;
      const answer = await engine
        .ask({ kind: 'convertWorkspace', documents: [...versions].map(([uri, version]) => ({ uri, version })), publicApi: publicApiSetting(undefined) }, token, (done, total) => {
          // A second round (callers that turned out blocked) starts the count again: the bar does not go back.
          const increment = done > reported ? (50 * (done - reported)) / total : 0;
          reported = Math.max(reported, done);
          progress.report({ message: `converting: ${String(done)} of ${plural(total, 'file')}`, increment });
        })
        .catch(failureReason);
      if (answer === undefined || typeof answer === 'string') return answer;
      const converted = answer.files.flatMap((f) => {
        const document = documents.get(f.uri);
        const version = versions.get(f.uri);
        return document && version !== undefined && f.converted.length > 0 ? [{ ...f, document, version }] : [];
      });
      return { converted, refused: answer.files.reduce((n, f) => n + f.refused, 0) };
    },
  );
  if (outcome === undefined) return;
  if (typeof outcome === 'string') {
    void vscode.window.showWarningMessage(`Concept Lenses: the workspace was not converted: ${outcome}`);
    return;
  }
  const { converted, refused } = outcome;
  const refusedNote = refused > 0 ? `${plural(refused, 'function')} refused and stay as they are; each one's code action says why.` : '';
  if (converted.length === 0) {
    void vscode.window.showInformationMessage(`Concept Lenses: nothing to convert to async/await. ${refusedNote}`.trim());
    return;
  }
  const functions = converted.reduce((n, c) => n + c.converted.length, 0);
  const choice = await vscode.window.showInformationMessage<string>(
    `Convert ${plural(functions, 'function')} in ${plural(converted.length, 'file')} to async/await?`,
    { modal: true, ...(refusedNote ? { detail: refusedNote } : {}) },
    CONVERT,
    REVIEW,
  );
  if (choice === undefined) return;
  // The files convert together: one edited meanwhile would leave the others calling it the old way.
  const changed = converted.find((c) => c.document.version !== c.version);
  if (changed) {
    void vscode.window.showWarningMessage(`Concept Lenses: ${vscode.workspace.asRelativePath(changed.document.uri)} changed while the workspace was converting; nothing was applied. Run the command again.`);
    return;
  }
  const review = choice === REVIEW;
  const edit = new vscode.WorkspaceEdit();
  for (const { document, converted: names, refused: refusedHere, edits } of converted) {
    workspaceEdit(document, edits, edit, {
      needsConfirmation: review,
      label: `${vscode.workspace.asRelativePath(document.uri)}: ${names.join(', ')}`,
      ...(refusedHere > 0 ? { description: `${String(refusedHere)} refused` } : {}),
    });
  }
  if (review) void vscode.window.showInformationMessage('Concept Lenses: tick the files to convert in the Refactor Preview, then Apply.');
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (applied && !review) {
    void vscode.window.showInformationMessage(`Concept Lenses: converted ${plural(functions, 'function')} in ${plural(converted.length, 'file')} to async/await (unsaved; Undo reverts it).`);
  }
}

function plural(count: number, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? '' : 's'}`;
}

export function registerLadderActions(workspace: WorkspaceIndex, engine: EngineWorker): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider({ language: 'python' }, new LadderActionProvider(workspace, engine), {
      providedCodeActionKinds: TARGETS.map((t) => t.kind),
    }),
    vscode.commands.registerCommand(WORKSPACE_COMMAND, () => convertWorkspace(workspace, engine)),
  );
}
