// "Concept Lenses: Show Interleavings": the webview panel that draws the
// active Python file's coroutines and hazards (webview/), drawn by the engine's
// worker thread. It follows the active Python editor, redraws after edits
// (debounced), marks the stepper's line in the editor and reveals lines the
// user clicks. After a reload the serializer brings it back; the webview keeps
// its own UI state.
import * as vscode from 'vscode';
import { isPanelMessage, isPanelState, type HostMessage, type PanelContent, type PanelMessage } from '../../webview/protocol';
import { failureReason, type EngineWorker } from './engineWorker';
import { createPanel, HostedPanel, notDrawn, openPython, panelFeature, type PanelFeature, type PanelPage, type Redraw } from './webviewHost';

export const SHOW_INTERLEAVINGS = 'conceptLenses.showInterleavings';
const VIEW_TYPE = 'conceptLenses.interleavings';
const PAGE: PanelPage<PanelMessage> = { style: 'panel.css', script: 'panel.js', name: 'interleavings', isMessage: isPanelMessage };

export function registerInterleavingPanel(extensionUri: vscode.Uri, engine: EngineWorker): PanelFeature<PanelContent> {
  const highlight = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    border: '1px solid',
    borderColor: new vscode.ThemeColor('editor.rangeHighlightBorder'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  const host: PanelHost = { extensionUri, engine, highlight, current: undefined };
  const registrations = vscode.Disposable.from(
    highlight,
    vscode.commands.registerCommand(SHOW_INTERLEAVINGS, (uri: unknown, line: unknown) => show(host, uri, line)),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        const saved = isPanelState(state) && state.documentUri !== null ? state.documentUri : undefined;
        const document = saved ? await openPython(vscode.Uri.parse(saved)) : undefined;
        host.current?.dispose();
        host.current = new InterleavingPanel(panel, host, document ?? activePython());
      },
    }),
    { dispose: () => host.current?.dispose() },
  );
  return panelFeature(registrations, () => host.current);
}

interface PanelHost {
  readonly extensionUri: vscode.Uri;
  readonly engine: EngineWorker;
  readonly highlight: vscode.TextEditorDecorationType;
  current: InterleavingPanel | undefined;
}

/** The command: an explorer/editor-title call passes the file's URI; a lens may pass a line of its hazard. */
async function show(host: PanelHost, uri: unknown, line: unknown): Promise<void> {
  const document = (uri instanceof vscode.Uri ? await openPython(uri) : undefined) ?? activePython();
  if (!host.current) {
    host.current = new InterleavingPanel(createPanel(VIEW_TYPE, 'Interleavings', host.extensionUri), host, document);
  } else {
    host.current.reveal();
    if (document) host.current.follow(document);
  }
  if (typeof line === 'number') await host.current.selectHazardAt(line);
  await host.current.closeOthers();
}

function activePython(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === 'python' ? document : undefined;
}

class InterleavingPanel extends HostedPanel<PanelMessage, HostMessage> {
  private document: vscode.TextDocument | undefined;
  private lastGood: { readonly version: number; readonly content: PanelContent } | undefined;
  private highlighted: vscode.TextEditor | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    private readonly host: PanelHost,
    document: vscode.TextDocument | undefined,
  ) {
    super(panel, host.extensionUri, PAGE);
    this.document = document;
    this.setTitle();
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Focus moving into the panel leaves no active editor: keep the file shown.
        if (editor?.document.languageId === 'python') this.follow(editor.document);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document && event.contentChanges.length > 0) this.scheduleUpdate();
      }),
      vscode.workspace.onDidCloseTextDocument((closed) => {
        if (closed !== this.document) return;
        this.document = activePython();
        this.lastGood = undefined;
        this.setTitle();
        this.update();
      }),
    );
  }

  follow(document: vscode.TextDocument): void {
    if (document === this.document) return;
    this.clearHighlight();
    this.document = document;
    this.lastGood = undefined;
    this.setTitle();
    this.update();
  }

  /** Selects the hazard whose read, suspension or write is on `line` (1-based). */
  async selectHazardAt(line: number): Promise<void> {
    const content = await this.content();
    if (content.kind !== 'model') return;
    const index = content.model.hazards.findIndex((h) => [h.read, h.suspend, h.write].includes(line));
    if (index >= 0) this.post({ type: 'selectHazard', index });
  }

  protected async onMessage(message: PanelMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.update();
        return;
      case 'highlight':
        await this.highlightLine(message.line);
        return;
      case 'reveal': {
        const problem = await this.revealLine(message.line, message.focus);
        this.post({ type: 'revealResult', id: message.id, ok: problem === undefined, message: problem ?? '' });
      }
    }
  }

  protected async updateMessage(): Promise<Redraw<HostMessage>> {
    const document = this.document;
    return { type: 'update', content: await this.content(), documentUri: document?.uri.toString() ?? null };
  }

  private async content(): Promise<PanelContent> {
    const document = this.document;
    if (!document) {
      return { kind: 'empty', reason: 'no-editor', message: 'Open a Python file: the panel draws the coroutines of the active Python editor.' };
    }
    const { version } = document;
    if (this.lastGood?.version === version) return this.lastGood.content;
    const answer = await this.host.engine
      .ask({ kind: 'interleavingPanel', uri: document.uri.toString(), version, file: vscode.workspace.asRelativePath(document.uri) })
      .catch(failureReason);
    if (typeof answer === 'object' && answer.state === 'drawn' && answer.view) {
      const content: PanelContent = { kind: 'model', model: answer.view };
      // The panel may have moved to another document meanwhile: the drawing is kept only for the one it is of.
      if (document === this.document) this.lastGood = { version, content };
      return content;
    }
    // Mid-edit code is often briefly broken: keep the last good drawing rather than flicker, marked as out of date.
    const last = this.lastGood?.content.kind === 'model' ? this.lastGood.content : undefined;
    return notDrawn(typeof answer === 'object' && answer.state === 'drawn' ? undefined : answer, document, version, last, 'The drawing appears once the file parses.');
  }

  /** The editor showing the followed document, opening it beside the panel if none does. */
  private async editor(preserveFocus: boolean): Promise<vscode.TextEditor | undefined> {
    const document = this.document;
    if (!document || document.isClosed) return undefined;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    if (visible && preserveFocus) return visible;
    return vscode.window.showTextDocument(document, { viewColumn: this.editorColumn(visible), preserveFocus, preview: false });
  }

  private lineRange(editor: vscode.TextEditor, line: number): vscode.Range | undefined {
    if (line < 1 || line > editor.document.lineCount) return undefined;
    const text = editor.document.lineAt(line - 1);
    return new vscode.Range(line - 1, text.firstNonWhitespaceCharacterIndex, line - 1, text.range.end.character);
  }

  /** The drawing is from an older version that parsed: its lines may have moved since. */
  private isStale(): boolean {
    return this.document !== undefined && this.lastGood !== undefined && this.lastGood.version !== this.document.version;
  }

  private async highlightLine(line: number | null): Promise<void> {
    if (line === null || this.isStale()) {
      this.clearHighlight();
      return;
    }
    const editor = await this.editor(true);
    const range = editor && this.lineRange(editor, line);
    if (!editor || !range) return;
    if (this.highlighted && this.highlighted !== editor) this.clearHighlight();
    this.highlighted = editor;
    editor.setDecorations(this.host.highlight, [range]);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Shows the line, focusing its editor when asked; says why not when it cannot. */
  private async revealLine(line: number, focus: boolean): Promise<string | undefined> {
    if (this.isStale()) return 'The file does not parse right now, so its lines may have moved: fix the syntax error first.';
    const editor = await this.editor(!focus);
    if (!editor) return 'The file is no longer open.';
    const range = this.lineRange(editor, line);
    if (!range) return `Line ${String(line)} is no longer in the file.`;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return undefined;
  }

  private clearHighlight(): void {
    this.highlighted?.setDecorations(this.host.highlight, []);
    this.highlighted = undefined;
  }

  private setTitle(): void {
    const name = this.document?.uri.path.split('/').pop();
    this.panel.title = name ? `Interleavings: ${name}` : 'Interleavings';
  }

  protected release(): void {
    this.clearHighlight();
    if (this.host.current === this) this.host.current = undefined;
  }
}
