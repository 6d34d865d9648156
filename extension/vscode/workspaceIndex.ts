// The editor's project model: every Python file of the workspace folders
// (read through workspace.fs, honouring `files.exclude`), kept current from
// file-system events, with open documents' unsaved text taking precedence.
// An open document's edits are not followed here on every keystroke (the
// engine's worker has them as the document's, and its model follows those):
// moduleOf re-reads a document when asked.
// Reading is cheap and done once in the background; a module is parsed only
// when a question needs it (see python/project.ts).
import * as vscode from 'vscode';
import { decodePythonSource, MAX_SOURCE_BYTES } from '../engine';
import { PUBLIC_API_POLICIES, type PublicApiPolicy } from '../engine/ladder/conversion';
import { ProjectModel, type ModuleSource } from '../engine/python/project';
import type { DocumentCache } from './documentCache';

/** The host thread is given back after this long of reading. */
const SLICE_MS = 20;
/** Files read at the same time during the first scan. */
const READS_AT_ONCE = 8;
const SHOWN_PROGRESS = 'conceptLenses.workspaceIndex.progressShown';

export class WorkspaceIndex implements vscode.Disposable {
  readonly model: ProjectModel;
  /** Settles when the first scan of the workspace is done. */
  readonly ready: Promise<void>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly mirrors = new Set<ModuleMirror>();

  constructor(cache: DocumentCache, state: vscode.Memento) {
    // Only the API asks this model questions (the features ask the worker's): it parses once the API has loaded the grammar.
    this.model = new ProjectModel((source) => cache.parseModule(source));
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.py');
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate((uri) => void this.readFromDisk(uri)),
      watcher.onDidChange((uri) => void this.readFromDisk(uri)),
      watcher.onDidDelete((uri) => {
        this.remove(uri.toString());
      }),
      vscode.workspace.onDidOpenTextDocument((document) => {
        this.fromDocument(document);
      }),
      // The mirror hears of the file's text even when this model already has it: it had the document's unsaved edits.
      vscode.workspace.onDidCloseTextDocument((document) => void this.readFromDisk(document.uri, true)),
    );
    this.ready = this.scan(state);
  }

  /** The module a document is, read from the document itself so unsaved edits count. */
  moduleOf(document: vscode.TextDocument): ModuleSource | undefined {
    this.fromDocument(document);
    return this.model.module(document.uri.toString());
  }

  private async scan(state: vscode.Memento): Promise<void> {
    const uris = await vscode.workspace.findFiles('**/*.py');
    const read = async (progress?: vscode.Progress<{ message?: string; increment?: number }>): Promise<void> => {
      let sliceStart = Date.now();
      for (let i = 0; i < uris.length; i += READS_AT_ONCE) {
        // Each read is a round trip through the host: several at once, taken into the model in the order found.
        const batch = uris.slice(i, i + READS_AT_ONCE);
        const found = await Promise.all(batch.map(async (uri) => [uri, await this.readSource(uri)] as const));
        for (const [uri, source] of found) this.take(uri, source);
        if (Date.now() - sliceStart > SLICE_MS) {
          progress?.report({ message: `${String(i + batch.length)} of ${String(uris.length)} files`, increment: 0 });
          await new Promise((resolve) => setTimeout(resolve, 0));
          sliceStart = Date.now();
        }
      }
      for (const document of vscode.workspace.textDocuments) this.fromDocument(document);
    };
    // A notification the first time this workspace is indexed; the status bar after that.
    const first = !state.get<boolean>(SHOWN_PROGRESS);
    await vscode.window.withProgress(
      { location: first ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window, title: 'Concept Lenses: reading the workspace’s Python files' },
      read,
    );
    if (first) await state.update(SHOWN_PROGRESS, true);
  }

  private async readFromDisk(uri: vscode.Uri, closed = false): Promise<void> {
    this.take(uri, await this.readSource(uri), closed);
  }

  /** What `uri` holds now: an open document's text, the file's, nothing to take (not a module), or gone (unreadable). */
  private async readSource(uri: vscode.Uri): Promise<ModuleSource | vscode.TextDocument | 'gone' | undefined> {
    if (!uri.path.endsWith('.py')) return undefined;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open && !open.isClosed) return open;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type !== vscode.FileType.File || stat.size > MAX_SOURCE_BYTES) return undefined;
      const decoded = decodePythonSource(await vscode.workspace.fs.readFile(uri));
      return decoded.ok ? moduleSource(uri, decoded.text) : undefined;
    } catch {
      return 'gone';
    }
  }

  /** Takes what readSource found into the model. */
  private take(uri: vscode.Uri, found: ModuleSource | vscode.TextDocument | 'gone' | undefined, closed = false): void {
    if (found === 'gone') this.remove(uri.toString()); // gone or unreadable: no longer part of the project
    else if (found && 'getText' in found) this.fromDocument(found);
    else if (found) this.set(found, closed);
  }

  private fromDocument(document: vscode.TextDocument): void {
    if (document.languageId !== 'python' || document.isClosed) return;
    const source = moduleSource(document.uri, document.getText());
    if (source) this.set(source);
  }

  private set(source: ModuleSource, mirrorAnyway = false): void {
    const before = this.model.module(source.path);
    this.model.set(source);
    if (mirrorAnyway || this.model.module(source.path) !== before) for (const mirror of this.mirrors) mirror.set(source);
  }

  private remove(path: string): void {
    if (!this.model.module(path)) return;
    this.model.remove(path);
    for (const mirror of this.mirrors) mirror.remove(path);
  }

  /** Tells `mirror` (the engine worker's project model) of every module set or removed from now on; `model.modules` has those known now. */
  mirrorTo(mirror: ModuleMirror): vscode.Disposable {
    this.mirrors.add(mirror);
    return new vscode.Disposable(() => this.mirrors.delete(mirror));
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.model.dispose();
  }
}

/** Another project model kept in step with this one. */
export interface ModuleMirror {
  set(source: ModuleSource): void;
  remove(path: string): void;
}

/** The module a file is when imported from its workspace folder's root. */
function moduleSource(uri: vscode.Uri, text: string): ModuleSource | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const relative = folder ? uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1) : uri.path.split('/').at(-1) ?? '';
  const parts = relative.replace(/\.py$/, '').split('/');
  const isPackage = parts.at(-1) === '__init__';
  if (isPackage) parts.pop();
  if (parts.length === 0 || !parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) return undefined;
  return { path: uri.toString(), name: parts.join('.'), isPackage, text };
}

/** `conceptLenses.ladder.publicApi` for a resource's folder (the workspace's without one); an unknown value counts as the default. */
export function publicApiSetting(resource: vscode.Uri | undefined): PublicApiPolicy {
  const value = vscode.workspace.getConfiguration('conceptLenses.ladder', resource).get<string>('publicApi');
  return PUBLIC_API_POLICIES.find((p) => p === value) ?? 'keep';
}

