// What the webview panels share: the page shell under a nonce'd CSP, checked
// messages from the page, redraws debounced after edits, and disposal that
// happens once whichever side (user or extension) closes the panel first.
import * as vscode from 'vscode';
import type { StaleNote } from '../../webview/protocol';
import { webviewShell } from '../../webview/render/document';
import { MAX_ANALYSED_CHARS, tooLarge } from './analysisLimits';
import { nonce } from './nonce';
import type { PanelAnswer } from './worker/protocol';

const UPDATE_DELAY_MS = 300;

/** A panel's page: its bundle under dist/webview/ and the messages it may send. */
export interface PanelPage<Incoming> {
  readonly style: string;
  readonly script: string;
  readonly title?: string;
  /** Names the panel in the warning about a malformed message. */
  readonly name: string;
  readonly isMessage: (message: unknown) => message is Incoming;
}

export function createPanel(viewType: string, title: string, extensionUri: vscode.Uri): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(extensionUri));
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  // Only the bundle folder: a panel needs its script and stylesheet, nothing else.
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

/**
 * Closes every other tab of `viewType` but `panel`'s: a panel restored
 * without its owner, or one opened by a racing command, would be a second
 * copy that nothing updates. Each panel kind shows at most once.
 */
async function closeOtherPanels(viewType: string, panel: vscode.WebviewPanel): Promise<void> {
  const others = vscode.window.tabGroups.all.flatMap((group) =>
    group.tabs.filter(
      (tab) =>
        tab.input instanceof vscode.TabInputWebview &&
        tab.input.viewType.endsWith(viewType) &&
        !(tab.isActive && group.viewColumn === panel.viewColumn),
    ),
  );
  if (others.length > 0) await vscode.window.tabGroups.close(others, true);
}

/** A panel's "nothing to draw" with its reason. */
interface NothingDrawn {
  readonly kind: 'empty';
  readonly reason: 'syntax-error';
  readonly message: string;
}

/**
 * What a panel shows of `document` when the engine's worker drew nothing new
 * for `version` (its answer, or why asking failed): through a syntax error
 * the last good drawing `last`, marked stale; else why there is none.
 */
export function notDrawn<Drawn extends { readonly stale?: StaleNote }>(
  answer: Exclude<PanelAnswer<unknown>, { state: 'drawn' }> | string | undefined,
  document: vscode.TextDocument,
  version: number,
  last: Drawn | undefined,
  appearsWhen: string,
): Drawn | NothingDrawn {
  const nothing = (message: string): NothingDrawn => ({ kind: 'empty', reason: 'syntax-error', message });
  if (typeof answer === 'string') return nothing(`Concept Lenses could not analyse the file: ${answer}.`);
  if (answer?.state === 'not-analysed') return nothing(`Concept Lenses does not analyse this file: ${answer.reason}.`);
  if (answer?.state === 'syntax-error') {
    const { error } = answer;
    return last ? { ...last, stale: error } : nothing(`Line ${String(error.line)}: ${error.message}. ${appearsWhen}`);
  }
  // The worker does not have that version: the document changed since (its redraw is on the way), or is too large to be sent.
  if (document.version !== version && last) return last;
  const length = document.getText().length;
  return nothing(length > MAX_ANALYSED_CHARS ? `Concept Lenses does not analyse this file: ${tooLarge(length)}.` : 'The file changed while it was being analysed; it is drawn again after the next edit.');
}

export async function openPython(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    return document.languageId === 'python' ? document : undefined;
  } catch {
    return undefined; // deleted or unreadable since: the panel shows what it has instead
  }
}

/** The message that redraws a panel, with what it shows. */
export type Redraw<Outgoing> = Extract<Outgoing, { readonly type: 'update'; readonly content: unknown }>;

/** A panel's feature: its registrations, and what its panel shows now (for tests and benches). */
export interface PanelFeature<Content> {
  dispose(): void;
  readonly shown: () => Content | undefined;
}

export function panelFeature<Content>(registrations: vscode.Disposable, current: () => { readonly shownContent: Content | undefined } | undefined): PanelFeature<Content> {
  return {
    dispose: () => {
      registrations.dispose();
    },
    shown: () => current()?.shownContent,
  };
}

export abstract class HostedPanel<Incoming, Outgoing extends { readonly type: string }> {
  private pending: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private lastUpdate: Redraw<Outgoing> | undefined;
  private redraws = 0;
  protected readonly subscriptions: vscode.Disposable[] = [];

  protected constructor(
    protected readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    page: PanelPage<Incoming>,
  ) {
    const webview = panel.webview;
    webview.options = webviewOptions(extensionUri);
    const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
    webview.html = webviewShell({
      cspSource: webview.cspSource,
      styleUri: asset(page.style),
      scriptUri: asset(page.script),
      nonce: nonce(),
      ...(page.title === undefined ? {} : { title: page.title }),
    });
    this.subscriptions.push(
      webview.onDidReceiveMessage((message: unknown) => {
        if (page.isMessage(message)) void this.onMessage(message);
        else console.warn(`Concept Lenses: ignored a malformed message from the ${page.name} panel`);
      }),
      panel.onDidDispose(() => {
        this.dispose();
      }),
    );
  }

  protected abstract onMessage(message: Incoming): Promise<void>;

  /** The message that redraws the page from the panel's current state (a panel drawn by the engine's worker waits for it). */
  protected abstract updateMessage(): Redraw<Outgoing> | Promise<Redraw<Outgoing>>;

  /** Lets go of what the panel holds besides its subscriptions; called once. */
  protected abstract release(): void;

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** Makes this the only panel of its kind (see closeOtherPanels). */
  closeOthers(): Promise<void> {
    return closeOtherPanels(this.panel.viewType, this.panel);
  }

  protected scheduleUpdate(): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.update();
    }, UPDATE_DELAY_MS);
  }

  protected update(): void {
    clearTimeout(this.pending);
    const redraw = ++this.redraws;
    void Promise.resolve(this.updateMessage()).then((message) => {
      // A later redraw started meanwhile: this one is already out of date.
      if (redraw !== this.redraws || this.disposed) return;
      this.lastUpdate = message;
      this.post(message);
    });
  }

  /** The last redraw sent to the page (for tests and benches: what the panel shows). */
  get shownContent(): Redraw<Outgoing>['content'] | undefined {
    return this.lastUpdate?.content;
  }

  protected post(message: Outgoing): void {
    void this.panel.webview.postMessage(message);
  }

  /** The column for a source editor: where it is visible already, else the first two columns' one the panel is not in. */
  protected editorColumn(visible: vscode.TextEditor | undefined): vscode.ViewColumn {
    return visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.pending);
    this.release();
    for (const d of this.subscriptions.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
