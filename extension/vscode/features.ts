// Every feature of the VS Code adapter, loaded by the entry point (extension.ts)
// just after activation: sets up the engine's worker, where every feature's
// parsing and analysis runs, and registers each feature without waiting for
// it. The host's thread loads no grammar unless the API asks for a parse.
// Features live in their own files.
import * as vscode from 'vscode';
import { PythonParser } from '../engine';
import { registerSkippedAnalysisStatus } from './analysisBudget';
import { DocumentCache } from './documentCache';
import { EngineWorker } from './engineWorker';
import { registerConceptHover } from './conceptHover';
import { registerConceptLenses } from './conceptLenses';
import { registerExploreSchedules, type ExploreSchedules } from './explorePanel';
import { registerFoldHelpers } from './foldHelpers';
import { registerGoToFunction } from './goToFunction';
import { registerInterleavingDiagnostics, type DiagnosticsPublished } from './interleavingDiagnostics';
import { registerInterleavingLens } from './interleavingLens';
import { registerInterleavingPanel } from './interleavingPanel';
import { registerLadderPanel } from './ladderPanel';
import { registerLadderActions } from './ladderActions';
import { registerLockQuickFix } from './lockQuickFix';
import { LintSettings } from './lintSettings';
import { WorkspaceIndex } from './workspaceIndex';
import type { LadderContent, PanelContent } from '../../webview/protocol';

export interface ConceptLensesApi {
  /** For tests and other extensions: a parse of a document on the host, after `cache.load()` (the features use the worker's). */
  readonly cache: DocumentCache;
  /** The project model over the workspace's Python files. */
  readonly workspace: WorkspaceIndex;
  /** Explore Schedules: what its panel shows now. */
  readonly schedules: Pick<ExploreSchedules, 'shown'>;
  /** The engine's worker thread, where lens steps and the interleavings analysis run (tests ask it `where`). */
  readonly engine: Pick<EngineWorker, 'ask'>;
  /** What the ladder and interleavings panels show now. */
  readonly panels: { readonly ladder: () => LadderContent | undefined; readonly interleavings: () => PanelContent | undefined };
  /** Fires when a document's interleaving diagnostics are current for a version. */
  readonly onDidPublishDiagnostics: vscode.Event<DiagnosticsPublished>;
}

export function activateFeatures(context: vscode.ExtensionContext): ConceptLensesApi {
  // The host's thread loads the grammar only when the API first asks for a parse.
  const cache = new DocumentCache(() => loadParser(context.extensionUri));
  const workspace = new WorkspaceIndex(cache, context.workspaceState);
  // The heavy engine work runs in a worker thread, started on the first question.
  const engine = new EngineWorker(context.extensionUri, workspace);
  const lintSettings = new LintSettings();
  const schedules = registerExploreSchedules(context.extensionUri, engine);
  const diagnostics = registerInterleavingDiagnostics(lintSettings, engine);
  const ladderPanel = registerLadderPanel(context.extensionUri, workspace, engine);
  const interleavingPanel = registerInterleavingPanel(context.extensionUri, engine);
  context.subscriptions.push(
    schedules,
    cache,
    workspace,
    engine,
    lintSettings,
    registerGoToFunction(engine),
    registerConceptLenses(workspace, engine),
    registerFoldHelpers(),
    registerConceptHover(workspace, engine),
    registerLadderActions(workspace, engine),
    ladderPanel,
    diagnostics,
    registerLockQuickFix(engine),
    interleavingPanel,
    registerInterleavingLens(lintSettings, engine),
    registerSkippedAnalysisStatus(engine),
  );
  return { cache, workspace, schedules, engine, panels: { ladder: ladderPanel.shown, interleavings: interleavingPanel.shown }, onDidPublishDiagnostics: diagnostics.onDidPublish };
}

async function loadParser(extensionUri: vscode.Uri): Promise<PythonParser> {
  // workspace.fs works in desktop, remote and web extension hosts alike.
  const read = (name: string): Thenable<Uint8Array> =>
    vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', name));
  const [runtime, python] = await Promise.all([read('tree-sitter.wasm'), read('tree-sitter-python.wasm')]);
  return PythonParser.load({ runtime, python });
}
