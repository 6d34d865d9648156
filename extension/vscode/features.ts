// Every feature of the VS Code adapter, loaded by the entry point (extension.ts)
// just after activation: starts loading the grammar, builds the shared document
// cache and registers each feature, without waiting for the grammar. Features
// live in their own files.
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
import { registerInterleavingPanel, type InterleavingPanelFeature } from './interleavingPanel';
import { registerLadderPanel, type LadderPanelFeature } from './ladderPanel';
import { registerLadderActions } from './ladderActions';
import { registerLockQuickFix } from './lockQuickFix';
import { LintSettings } from './lintSettings';
import { WorkspaceIndex } from './workspaceIndex';

export interface ConceptLensesApi {
  /** For tests and other extensions: the shared parse of a document. */
  readonly cache: DocumentCache;
  /** The project model over the workspace's Python files. */
  readonly workspace: WorkspaceIndex;
  /** Explore Schedules: what its panel shows now. */
  readonly schedules: Pick<ExploreSchedules, 'shown'>;
  /** The engine's worker thread, where lens steps and the interleavings analysis run (tests ask it `where`). */
  readonly engine: Pick<EngineWorker, 'ask'>;
  /** What the ladder and interleavings panels show now. */
  readonly panels: { readonly ladder: LadderPanelFeature['shown']; readonly interleavings: InterleavingPanelFeature['shown'] };
  /** Fires when a document's interleaving diagnostics are current for a version. */
  readonly onDidPublishDiagnostics: vscode.Event<DiagnosticsPublished>;
}

export function activateFeatures(context: vscode.ExtensionContext): ConceptLensesApi {
  // Activation does not wait for the grammar: features refresh when it arrives.
  const grammar = loadParser(context.extensionUri);
  grammar.catch((error: unknown) => {
    void vscode.window.showErrorMessage(`Concept Lenses could not load the Python grammar: ${error instanceof Error ? error.message : String(error)}`);
  });
  const cache = new DocumentCache(grammar);
  const workspace = new WorkspaceIndex(grammar, cache, context.workspaceState);
  // The heavy engine work runs in a worker thread, started on the first question.
  const engine = new EngineWorker(context.extensionUri, workspace);
  const lintSettings = new LintSettings();
  const schedules = registerExploreSchedules(context.extensionUri, cache, engine);
  const diagnostics = registerInterleavingDiagnostics(cache, lintSettings, engine);
  const ladderPanel = registerLadderPanel(context.extensionUri, workspace, engine);
  const interleavingPanel = registerInterleavingPanel(context.extensionUri, engine);
  context.subscriptions.push(
    schedules,
    cache,
    workspace,
    engine,
    lintSettings,
    registerGoToFunction(cache),
    registerConceptLenses(cache, workspace, engine),
    registerFoldHelpers(),
    registerConceptHover(cache, workspace, engine),
    registerLadderActions(cache, workspace, engine),
    ladderPanel,
    diagnostics,
    registerLockQuickFix(cache, engine),
    interleavingPanel,
    registerInterleavingLens(cache, lintSettings, engine),
    registerSkippedAnalysisStatus(cache),
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
