// "Concept Lenses: Show Concept Ladder": a webview with one function at every
// rung of the ladder side by side, each column made by the real conversions
// (engine/ladder/ladderView.ts) in the engine's worker thread. It stays on its
// function, redraws after edits (debounced), applies the step to an adjacent
// rung on request, and comes back after a reload through the serializer.
import * as vscode from 'vscode';
import type { Rung } from '../engine/ladder/conversion';
import { isLadderPanelMessage, isLadderPanelState, type LadderContent, type LadderHostMessage, type LadderPanelMessage } from '../../webview/protocol';
import { failureReason, type EngineWorker } from './engineWorker';
import { publicApiSetting, type WorkspaceIndex } from './workspaceIndex';
import { createPanel, HostedPanel, notDrawn, openPython, panelFeature, type PanelFeature, type PanelPage, type Redraw } from './webviewHost';

export const SHOW_LADDER = 'conceptLenses.showLadder';
const VIEW_TYPE = 'conceptLenses.ladder';
const PAGE: PanelPage<LadderPanelMessage> = {
  style: 'ladder.css',
  script: 'ladder.js',
  title: 'Concept Ladder',
  name: 'ladder',
  isMessage: isLadderPanelMessage,
};

interface Target {
  readonly document: vscode.TextDocument;
  readonly name: string;
}

interface LadderHost {
  readonly extensionUri: vscode.Uri;
  readonly workspace: WorkspaceIndex;
  readonly engine: EngineWorker;
  current: LadderPanel | undefined;
}

export function registerLadderPanel(extensionUri: vscode.Uri, workspace: WorkspaceIndex, engine: EngineWorker): PanelFeature<LadderContent> {
  const host: LadderHost = { extensionUri, workspace, engine, current: undefined };
  const registrations = vscode.Disposable.from(
    vscode.commands.registerCommand(SHOW_LADDER, (uri: unknown, name: unknown) => show(host, uri, name)),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        const saved = isLadderPanelState(state) && state.documentUri !== null && state.function !== null ? state : undefined;
        const document = saved?.documentUri ? await openPython(vscode.Uri.parse(saved.documentUri)) : undefined;
        const target = document && saved?.function ? { document, name: saved.function } : await atCursor(host.engine);
        host.current?.dispose();
        host.current = new LadderPanel(panel, host, target);
      },
    }),
    { dispose: () => host.current?.dispose() },
  );
  return panelFeature(registrations, () => host.current);
}

/** The command: a lens passes the file's URI (or its string) and the function's dotted name; the palette passes nothing. */
async function show(host: LadderHost, uri: unknown, name: unknown): Promise<void> {
  const given = uri instanceof vscode.Uri ? uri : typeof uri === 'string' ? vscode.Uri.parse(uri) : undefined;
  const document = given ? await openPython(given) : undefined;
  const target = document && typeof name === 'string' ? { document, name } : await atCursor(host.engine);
  if (!host.current) {
    host.current = new LadderPanel(createPanel(VIEW_TYPE, 'Concept Ladder', host.extensionUri), host, target);
  } else {
    host.current.reveal();
    if (target) host.current.follow(target);
  }
  await host.current.closeOthers();
}

/** The innermost function around the cursor of the active Python editor (the engine's worker finds it). */
async function atCursor(engine: EngineWorker): Promise<Target | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'python') return undefined;
  const { document } = editor;
  // In a line's indentation the cursor belongs to what the line starts (column 1 of an indented `def` is that def).
  const cursor = editor.selection.active;
  const indent = document.lineAt(cursor.line).firstNonWhitespaceCharacterIndex;
  const offset = document.offsetAt(cursor.character < indent ? cursor.with({ character: indent }) : cursor);
  const answer = await engine.ask({ kind: 'functionAt', uri: document.uri.toString(), version: document.version, offset }).catch(() => undefined);
  return answer?.name === undefined ? undefined : { document, name: answer.name };
}

class LadderPanel extends HostedPanel<LadderPanelMessage, LadderHostMessage> {
  private lastGood: { readonly version: number; readonly name: string; readonly content: LadderContent } | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    private readonly host: LadderHost,
    private target: Target | undefined,
  ) {
    super(panel, host.extensionUri, PAGE);
    this.setTitle();
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.target?.document && event.contentChanges.length > 0) this.scheduleUpdate();
      }),
      vscode.workspace.onDidCloseTextDocument((closed) => {
        if (closed !== this.target?.document) return;
        this.target = undefined;
        this.setTitle();
        this.update();
      }),
    );
  }

  follow(target: Target): void {
    if (target.document === this.target?.document && target.name === this.target.name) return;
    this.target = target;
    this.setTitle();
    this.update();
  }

  protected async onMessage(message: LadderPanelMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.update();
        return;
      case 'reveal':
        await this.revealLine(message.line);
        return;
      case 'apply': {
        const problem = await this.apply(message.rung);
        this.post({ type: 'applyResult', id: message.id, ok: problem === undefined, message: problem ?? '' });
      }
    }
  }

  /** The step the column shows: the function with its call chain (the code action's step when it has none); says why not when it cannot. */
  private async apply(rung: Rung): Promise<string | undefined> {
    const target = this.target;
    if (!target || target.document.isClosed) return 'The file is no longer open.';
    await this.host.workspace.ready;
    const { document, name } = target;
    const { version } = document;
    const question = { kind: 'ladderApply', uri: document.uri.toString(), version, name, rung, publicApi: publicApiSetting(document.uri) } as const;
    const answer = await this.host.engine.ask(question).catch((error: unknown) => ({ ok: false, problem: `The step could not be taken: ${failureReason(error)}.` }) as const);
    if (!answer?.ok) return answer?.problem ?? 'The step could not be taken.';
    if (document.version !== version) return 'The file changed meanwhile; try again.';
    const edit = new vscode.WorkspaceEdit();
    for (const change of answer.edits) {
      edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.newText);
    }
    return (await vscode.workspace.applyEdit(edit)) ? undefined : 'VS Code did not apply the edit (the file changed meanwhile?).';
  }

  protected async updateMessage(): Promise<Redraw<LadderHostMessage>> {
    return { type: 'update', content: await this.content(), documentUri: this.target?.document.uri.toString() ?? null };
  }

  private async content(): Promise<LadderContent> {
    const target = this.target;
    if (!target) {
      return { kind: 'empty', reason: 'no-editor', message: 'Put the cursor in a Python function and run "Concept Lenses: Show Concept Ladder".' };
    }
    const { document, name } = target;
    const { version } = document;
    if (this.lastGood?.version === version && this.lastGood.name === name) return this.lastGood.content;
    const file = vscode.workspace.asRelativePath(document.uri);
    const answer = await this.host.engine
      .ask({ kind: 'ladderPanel', uri: document.uri.toString(), version, name, file, publicApi: publicApiSetting(document.uri) })
      .catch(failureReason);
    if (typeof answer === 'object' && answer.state === 'drawn') {
      if (!answer.view) return { kind: 'empty', reason: 'no-function', message: `${file} has no function named ${name} any more.` };
      const content: LadderContent = { kind: 'ladder', ladder: answer.view };
      // The panel may have moved to another function meanwhile: the ladder is kept only for the one it is of.
      if (target === this.target) this.lastGood = { version, name, content };
      return content;
    }
    // Code mid-edit is often briefly broken: keep the last good ladder of this function rather than flicker, marked as out of date.
    const last = this.lastGood?.name === name && this.lastGood.content.kind === 'ladder' ? this.lastGood.content : undefined;
    return notDrawn(answer, document, version, last, 'The ladder appears once the file parses.');
  }

  private async revealLine(line: number): Promise<void> {
    const document = this.target?.document;
    if (!document || document.isClosed || line > document.lineCount) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: this.editorColumn(visible), preview: false });
    const range = document.lineAt(line - 1).range;
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private setTitle(): void {
    this.panel.title = this.target ? `Ladder: ${this.target.name}` : 'Concept Ladder';
  }

  protected release(): void {
    if (this.host.current === this) this.host.current = undefined;
  }
}
