// "Concept Lenses: Show Concept Ladder": a webview with one function at every
// rung of the ladder side by side, each column made by the real conversions
// (engine/ladder/ladderView.ts). It stays on its function, redraws after edits
// (debounced, from the shared parse), applies the step to an adjacent rung on
// request, and comes back after a reload through the serializer.
import * as vscode from 'vscode';
import type { Rung } from '../engine/ladder/conversion';
import { callChain, ladderOf, stepWithChain } from '../engine/ladder/ladderView';
import { toLadderView } from '../../webview/fromLadder';
import { isLadderPanelMessage, isLadderPanelState, type LadderContent, type LadderHostMessage, type LadderPanelMessage } from '../../webview/protocol';
import type { DocumentCache } from './documentCache';
import type { WorkspaceIndex } from './workspaceIndex';
import { createPanel, HostedPanel, openPython, type PanelPage } from './webviewHost';

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
  readonly cache: DocumentCache;
  readonly workspace: WorkspaceIndex;
  current: LadderPanel | undefined;
}

/** The feature, and what its panel shows now (for tests and benches). */
export interface LadderPanelFeature {
  dispose(): void;
  readonly shown: () => LadderContent | undefined;
}

export function registerLadderPanel(extensionUri: vscode.Uri, cache: DocumentCache, workspace: WorkspaceIndex): LadderPanelFeature {
  const host: LadderHost = { extensionUri, cache, workspace, current: undefined };
  const registrations = vscode.Disposable.from(
    vscode.commands.registerCommand(SHOW_LADDER, (uri: unknown, name: unknown) => show(host, uri, name)),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        await host.cache.loading;
        const saved = isLadderPanelState(state) && state.documentUri !== null && state.function !== null ? state : undefined;
        const document = saved?.documentUri ? await openPython(vscode.Uri.parse(saved.documentUri)) : undefined;
        host.current?.dispose();
        host.current = new LadderPanel(panel, host, document && saved?.function ? { document, name: saved.function } : atCursor(host.cache));
      },
    }),
    { dispose: () => host.current?.dispose() },
  );
  return {
    dispose: () => {
      registrations.dispose();
    },
    shown: () => {
      const update = host.current?.shownUpdate;
      return update?.type === 'update' ? update.content : undefined;
    },
  };
}

/** The command: a lens passes the file's URI (or its string) and the function's dotted name; the palette passes nothing. */
async function show(host: LadderHost, uri: unknown, name: unknown): Promise<void> {
  await host.cache.loading;
  const given = uri instanceof vscode.Uri ? uri : typeof uri === 'string' ? vscode.Uri.parse(uri) : undefined;
  const document = given ? await openPython(given) : undefined;
  const target = document && typeof name === 'string' ? { document, name } : atCursor(host.cache);
  if (!host.current) {
    host.current = new LadderPanel(createPanel(VIEW_TYPE, 'Concept Ladder', host.extensionUri), host, target);
  } else {
    host.current.reveal();
    if (target) host.current.follow(target);
  }
  await host.current.closeOthers();
}

/** The innermost function around the cursor of the active Python editor. */
function atCursor(cache: DocumentCache): Target | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'python') return undefined;
  const file = cache.get(editor.document);
  // In a line's indentation the cursor belongs to what the line starts (column 1 of an indented `def` is that def).
  const cursor = editor.selection.active;
  const indent = editor.document.lineAt(cursor.line).firstNonWhitespaceCharacterIndex;
  const offset = editor.document.offsetAt(cursor.character < indent ? cursor.with({ character: indent }) : cursor);
  const fn = file.functions.all.filter((f) => f.kind === 'function' && (f.decorated ?? f.node).startIndex <= offset && offset <= f.node.endIndex).pop();
  return fn ? { document: editor.document, name: fn.name } : undefined;
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
    const file = this.host.cache.get(target.document);
    if (file.syntaxErrors.length > 0) return 'The file does not parse right now; fix it and try again.';
    const fn = file.functions.named(target.name).find((f) => f.kind === 'function');
    if (!fn) return `The file has no function named ${target.name} any more.`;
    const chain = callChain(file, fn).map((f) => f.name);
    const { result, refusal } = stepWithChain(file, target.name, chain, rung, this.host.workspace.ladderOptions(target.document)).step;
    if (refusal) return `${refusal.function}: ${refusal.message}`;
    if (result.edits.length === 0) return `${target.name} is already in that form.`;
    const edit = new vscode.WorkspaceEdit();
    for (const change of result.edits) {
      edit.replace(target.document.uri, new vscode.Range(target.document.positionAt(change.start), target.document.positionAt(change.end)), change.newText);
    }
    return (await vscode.workspace.applyEdit(edit)) ? undefined : 'VS Code did not apply the edit (the file changed meanwhile?).';
  }

  protected updateMessage(): LadderHostMessage {
    return { type: 'update', content: this.content(), documentUri: this.target?.document.uri.toString() ?? null };
  }

  private content(): LadderContent {
    const target = this.target;
    if (!target) {
      return { kind: 'empty', reason: 'no-editor', message: 'Put the cursor in a Python function and run "Concept Lenses: Show Concept Ladder".' };
    }
    const { document, name } = target;
    if (this.lastGood?.version === document.version && this.lastGood.name === name) return this.lastGood.content;
    const file = this.host.cache.get(document);
    const [error] = file.syntaxErrors;
    if (error) {
      // Code mid-edit is often briefly broken: keep the last good ladder of this function rather than flicker, marked as out of date.
      if (this.lastGood?.name === name && this.lastGood.content.kind === 'ladder') {
        return { ...this.lastGood.content, stale: { line: error.line, message: error.message } };
      }
      return { kind: 'empty', reason: 'syntax-error', message: `Line ${String(error.line)}: ${error.message}. The ladder appears once the file parses.` };
    }
    const fn = file.functions.named(name).find((f) => f.kind === 'function');
    const columns = fn ? ladderOf(file, name, this.host.workspace.ladderOptions(document)) : [];
    if (!fn || columns.length === 0) {
      return { kind: 'empty', reason: 'no-function', message: `${vscode.workspace.asRelativePath(document.uri)} has no function named ${name} any more.` };
    }
    const content: LadderContent = { kind: 'ladder', ladder: toLadderView(columns, vscode.workspace.asRelativePath(document.uri), name, fn.line) };
    this.lastGood = { version: document.version, name, content };
    return content;
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
