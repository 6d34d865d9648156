// `[tool.concept-lenses]` of each workspace folder's pyproject.toml, read with
// workspace.fs (so remote and virtual workspaces work) and kept current by a
// file watcher. A table the reader rejects is shown once and ignored.
import * as vscode from 'vscode';
import { DEFAULT_CONFIG, isLinted, readLintConfig, type LintConfig } from '../engine/interleave/lintConfig';

export class LintSettings implements vscode.Disposable {
  private readonly byFolder = new Map<string, LintConfig>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/pyproject.toml');
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after a folder's settings were (re)read and differ from what applied before. */
  readonly onDidChange = this.changed.event;
  /** Settles when every workspace folder's pyproject.toml has been read once. */
  readonly loaded: Promise<void>;

  constructor() {
    this.loaded = Promise.all((vscode.workspace.workspaceFolders ?? []).map((folder) => this.load(folder))).then(() => undefined);
    const reload = (uri: vscode.Uri): void => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder && vscode.Uri.joinPath(folder.uri, 'pyproject.toml').toString() === uri.toString()) void this.load(folder);
    };
    this.watcher.onDidChange(reload);
    this.watcher.onDidCreate(reload);
    this.watcher.onDidDelete(reload);
  }

  /**
   * The settings the linter applies to a document, as the CLI would; undefined
   * when pyproject.toml excludes it. Diagnostics and the hazard lens both lint
   * with it, so a suppressed hazard is gone from both.
   */
  configFor(uri: vscode.Uri): LintConfig | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return DEFAULT_CONFIG;
    const config = this.byFolder.get(folder.uri.toString()) ?? DEFAULT_CONFIG;
    return isLinted(vscode.workspace.asRelativePath(uri, false), config) ? config : undefined;
  }

  private async load(folder: vscode.WorkspaceFolder): Promise<void> {
    let config = DEFAULT_CONFIG;
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'pyproject.toml'));
      const result = readLintConfig(new TextDecoder().decode(bytes));
      const [problem] = result.problems;
      if (problem) void vscode.window.showWarningMessage(`Concept Lenses: pyproject.toml:${String(problem.line)}: ${problem.message}; [tool.concept-lenses] is ignored.`);
      else config = result.config;
    } catch {
      // No pyproject.toml: the defaults.
    }
    const key = folder.uri.toString();
    const before = this.byFolder.get(key) ?? DEFAULT_CONFIG;
    this.byFolder.set(key, config);
    // Re-linting every open document re-sends every diagnostic and hazard lens to the editor: only for settings that changed
    // (the first read of a folder without any is the defaults the features already used, while the editor opens its first file).
    if (JSON.stringify(config) !== JSON.stringify(before)) this.changed.fire();
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
