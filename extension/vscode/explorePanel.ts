// "Concept Lenses: Explore Schedules": runs the Python file again and again
// under the controlled event loop (dist/runtime/explore.py) and shows the
// outcomes side by side in the schedules panel, each real schedule steppable
// with the editor following the lines each step ran. User code runs only here:
// on this explicit command (or its lens on `async def main`, or the
// interleavings panel's title action), in a trusted workspace, after a one-time
// confirmation, with the user's interpreter, a per-run timeout and no shell.
import * as vscode from 'vscode';
import { groupOutcomes } from '../engine/explore/outcomes';
import { bundledExplorerScript, checkHazards, runExplorer } from '../runtime/runExplorer';
import { toExploreView } from '../../webview/fromExplore';
import { isExplorePanelMessage, type ExploreContent, type ExploreHostMessage, type ExplorePanelMessage } from '../../webview/protocol';
import { failureReason, type EngineWorker } from './engineWorker';
import { createPanel, HostedPanel, type PanelPage } from './webviewHost';

export const EXPLORE_SCHEDULES = 'conceptLenses.exploreSchedules';
const VIEW_TYPE = 'conceptLenses.schedules';
const PAGE: PanelPage<ExplorePanelMessage> = { style: 'explore.css', script: 'explore.js', name: 'schedules', isMessage: isExplorePanelMessage };

interface ExploreHost {
  readonly extensionUri: vscode.Uri;
  readonly engine: EngineWorker;
  readonly highlight: vscode.TextEditorDecorationType;
  panel: SchedulesPanel | undefined;
  running: boolean;
}

/** The feature, and what its panel shows now (for tests and other extensions: the outcomes drawn). */
export interface ExploreSchedules {
  dispose(): void;
  shown(): ExploreContent | undefined;
}

export function registerExploreSchedules(extensionUri: vscode.Uri, engine: EngineWorker): ExploreSchedules {
  const highlight = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
  });
  const host: ExploreHost = { extensionUri, engine, highlight, panel: undefined, running: false };
  const registrations = vscode.Disposable.from(
    highlight,
    vscode.commands.registerCommand(EXPLORE_SCHEDULES, (uri: unknown) => explore(host, uri)),
    vscode.languages.registerCodeLensProvider({ language: 'python', scheme: 'file' }, { provideCodeLenses: (document, token) => mainLenses(host, document, token) }),
    { dispose: () => host.panel?.dispose() },
  );
  return {
    dispose: () => {
      registrations.dispose();
    },
    shown: () => host.panel?.shown,
  };
}

/** "Explore schedules" above `async def main`, only where running code is allowed at all (the engine's worker finds it). */
async function mainLenses(host: ExploreHost, document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
  if (!vscode.workspace.isTrusted) return [];
  const outline = await host.engine.ask({ kind: 'outline', uri: document.uri.toString(), version: document.version, mainsOnly: true }, token).catch(() => undefined);
  return (outline?.mains ?? []).map(
    (line) =>
      new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: '▶ Explore schedules',
        tooltip: 'Run this program under every schedule that matters and compare what it prints',
        command: EXPLORE_SCHEDULES,
        arguments: [document.uri],
      }),
  );
}

async function explore(host: ExploreHost, uri: unknown): Promise<void> {
  const document = await targetDocument(uri);
  if (!document) {
    void vscode.window.showInformationMessage('Explore Schedules: open a saved Python file first.');
    return;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Explore Schedules runs the file’s code, so it is available in trusted workspaces only.');
    return;
  }
  if (document.isDirty || document.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage('Explore Schedules runs the file on disk: save it first.');
    return;
  }
  if (host.running) {
    void vscode.window.showInformationMessage('Explore Schedules is already running.');
    return;
  }
  const name = vscode.workspace.asRelativePath(document.uri);
  // An application-scoped setting: the user's own answer, which no workspace's settings can give.
  const confirmation = vscode.workspace.getConfiguration('conceptLenses.explore');
  if (confirmation.inspect<boolean>('confirmed')?.globalValue !== true) {
    const run = 'Run it';
    const answer = await vscode.window.showWarningMessage(
      `Explore Schedules runs ${name} with Python many times (each run under a timeout) to see every order its tasks can take. Run your code?`,
      { modal: true },
      run,
    );
    if (answer !== run) return;
    await confirmation.update('confirmed', true, vscode.ConfigurationTarget.Global);
  }

  const settings = vscode.workspace.getConfiguration('conceptLenses.explore', document.uri);
  // The static hazards each get a run that forces their interleaving; the analysis runs in the engine's worker.
  const analysed = await host.engine.ask({ kind: 'hazards', uri: document.uri.toString(), version: document.version }).catch((error: unknown) => {
    void vscode.window.showWarningMessage(`Explore Schedules: the static hazards were not checked: ${failureReason(error)}`);
    return undefined;
  });
  const hazards = analysed && !analysed.skipped ? analysed.hazards : [];
  const request = {
    python: await interpreterFor(document.uri),
    script: bundledExplorerScript(vscode.Uri.joinPath(host.extensionUri, 'dist').fsPath),
    file: document.uri.fsPath,
    runTimeoutMs: Math.max(0.1, settings.get<number>('runTimeoutSeconds', 10)) * 1000,
  };
  const panel = showPanel(host, document);
  panel.show({ kind: 'running', message: `Running ${name} under the controlled event loop…` });
  host.running = true;
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Exploring schedules of ${name}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const cancel = token.onCancellationRequested(() => {
          abort.abort();
        });
        try {
          const runs = Math.max(1, settings.get<number>('runs', 200));
          const result = await runExplorer({
            ...request,
            runs,
            signal: abort.signal,
            onRun: (_run, index) => {
              progress.report({ message: `run ${String(index + 1)}`, increment: 100 / runs });
            },
          });
          if (result.stopped?.code === 'python-missing' || result.stopped?.code === 'runtime-error') {
            panel.show({ kind: 'empty', message: result.stopped.message });
            void vscode.window.showErrorMessage(`Explore Schedules: ${result.stopped.message}`);
            return;
          }
          if (result.stopped?.code === 'cancelled') {
            panel.show({ kind: 'empty', message: `Cancelled after ${String(result.runs.length)} runs.` });
            return;
          }
          progress.report({ message: 'checking the static hazards' });
          const checks = result.stopped ? [] : await checkHazards({ ...request, signal: abort.signal }, hazards);
          panel.show({
            kind: 'explore',
            view: toExploreView({
              file: name,
              runs: result.runs.length,
              exhausted: result.summary?.exhausted ?? false,
              outcomes: groupOutcomes(result.runs),
              hazards: checks.map((c) => ({ line: c.hazard.write.line, verdict: c.verdict, ...(c.reason === undefined ? {} : { reason: c.reason }) })),
              stopped: result.stopped?.message ?? null,
            }),
          });
        } finally {
          cancel.dispose();
        }
      },
    );
  } finally {
    host.running = false;
  }
}

async function targetDocument(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) {
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      return document.languageId === 'python' ? document : undefined;
    } catch {
      return undefined;
    }
  }
  // From the interleavings panel's title the panel has focus: take the Python editor beside it.
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'python') return active;
  return vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'python')?.document;
}

/** The Python extension's chosen interpreter when it is installed, else python.defaultInterpreterPath, else python3. */
async function interpreterFor(resource: vscode.Uri): Promise<string> {
  const chosen = await pythonExtensionInterpreter(resource);
  if (chosen) return chosen;
  const configured = vscode.workspace.getConfiguration('python', resource).get<string>('defaultInterpreterPath');
  return configured && configured !== 'python' && !configured.includes('${') ? configured : 'python3';
}

async function pythonExtensionInterpreter(resource: vscode.Uri): Promise<string | undefined> {
  const extension = vscode.extensions.getExtension('ms-python.python');
  if (!extension) return undefined;
  try {
    const api: unknown = extension.isActive ? extension.exports : await extension.activate();
    const environments = (api as { environments?: { getActiveEnvironmentPath?: (r: vscode.Uri) => { path?: unknown } } } | undefined)?.environments;
    const path = environments?.getActiveEnvironmentPath?.(resource).path;
    return typeof path === 'string' && path !== '' ? path : undefined;
  } catch {
    return undefined; // an extension that fails to activate leaves the fallbacks
  }
}

function showPanel(host: ExploreHost, document: vscode.TextDocument): SchedulesPanel {
  if (host.panel) {
    host.panel.reveal();
    host.panel.document = document;
    return host.panel;
  }
  host.panel = new SchedulesPanel(createPanel(VIEW_TYPE, 'Schedules', host.extensionUri), host, document);
  return host.panel;
}

class SchedulesPanel extends HostedPanel<ExplorePanelMessage, ExploreHostMessage> {
  private content: ExploreContent = { kind: 'empty', message: 'Nothing explored yet.' };

  get shown(): ExploreContent {
    return this.content;
  }
  private highlighted: vscode.TextEditor | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    private readonly host: ExploreHost,
    public document: vscode.TextDocument,
  ) {
    super(panel, host.extensionUri, PAGE);
  }

  show(content: ExploreContent): void {
    this.content = content;
    this.panel.title = `Schedules: ${this.document.uri.path.split('/').pop() ?? ''}`;
    this.update();
  }

  protected updateMessage(): ExploreHostMessage {
    return { type: 'update', content: this.content };
  }

  protected async onMessage(message: ExplorePanelMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.update();
        return;
      case 'highlight':
        await this.follow(message.line, true);
        return;
      case 'reveal':
        await this.follow(message.line, false);
    }
  }

  /** The editor follows the run: the step's line highlighted and in view. */
  private async follow(line: number | null, preserveFocus: boolean): Promise<void> {
    if (line === null || this.document.isClosed || line > this.document.lineCount) {
      this.highlighted?.setDecorations(this.host.highlight, []);
      return;
    }
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
    const editor =
      visible && preserveFocus
        ? visible
        : await vscode.window.showTextDocument(this.document, { viewColumn: this.editorColumn(visible), preserveFocus, preview: false });
    const range = this.document.lineAt(line - 1).range;
    if (this.highlighted && this.highlighted !== editor) this.highlighted.setDecorations(this.host.highlight, []);
    this.highlighted = editor;
    editor.setDecorations(this.host.highlight, [range]);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  protected release(): void {
    this.highlighted?.setDecorations(this.host.highlight, []);
    if (this.host.panel === this) this.host.panel = undefined;
  }
}
