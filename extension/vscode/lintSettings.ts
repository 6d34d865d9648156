// `[tool.concept-lenses]` of each workspace folder's pyproject.toml, read with
// workspace.fs (so remote and virtual workspaces work) and kept current by a
// file watcher. A table the reader rejects is shown once and ignored.
import * as vscode from 'vscode';
import { DEFAULT_CONFIG, isLinted, readLintConfig, type LintConfig } from '../engine/interleave/lintConfig';

export class LintSettings implements vscode.Disposable {
  private readonly byFolder = new Map<string, LintConfig>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/pyproject.toml');
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after a folder's settings were (re)read. */
  readonly onDidChange = this.changed.event;

  constructor() {
    for (const folder of vscode.workspace.workspaceFolders ?? []) void this.load(folder);
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
    this.byFolder.set(folder.uri.toString(), config);
    this.changed.fire();
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
