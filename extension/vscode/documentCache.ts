// The host's parse of a document, one per version, for the extension's API
// (tests, other extensions) and the host's project model: the features
// themselves ask the engine's worker, which keeps its own parses, so in normal
// use nothing here is parsed. Edits re-parse incrementally from the previous
// tree; closed documents free their trees.
// The grammar is loaded on the API's first `load()`, not at activation: no
// feature needs it on the host's thread, so reading and compiling its two
// WebAssembly files would be work for nothing.
import * as vscode from 'vscode';
import { SourceFile, type PythonParser, type TextChange } from '../engine';
import type { ModuleSource } from '../engine/python/project';
import { MAX_ANALYSED_CHARS } from './analysisLimits';

interface Entry {
  version: number;
  file: SourceFile;
}

export class DocumentCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly subscriptions: { dispose(): unknown }[];
  private parser: PythonParser | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly loadGrammar: () => Promise<PythonParser>) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => {
        this.applyChanges(event);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.forget(document.uri);
      }),
    ];
  }

  /** Loads the grammar on the first call; `get` works once it settles. Rejects when the grammar cannot be loaded (a later call tries again). */
  load(): Promise<void> {
    this.loading ??= this.loadGrammar().then(
      (parser) => {
        this.parser = parser;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /** Whether documents can be parsed yet (`load` has settled). */
  get loaded(): boolean {
    return this.parser !== undefined;
  }

  /** The parse of the document's current version; only once `loaded`. */
  get(document: vscode.TextDocument): SourceFile {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (entry?.version === document.version) return entry.file;
    if (!this.parser) throw new Error('Concept Lenses has not loaded the Python grammar on this thread: await load() first.');
    entry?.file.dispose();
    const file = SourceFile.parse(this.parser, document.getText());
    this.entries.set(key, { version: document.version, file });
    return file;
  }

  /**
   * A parse of a module for the host's project model: a copy of the open
   * document's when its text is the module's (the model disposes its parses),
   * a fresh one otherwise; none before `load`, or for a module too large to analyse.
   */
  parseModule(source: ModuleSource): SourceFile | undefined {
    if (!this.parser || source.text.length > MAX_ANALYSED_CHARS) return undefined;
    const open = this.entries.get(source.path)?.file;
    return open?.text === source.text ? open.copy() : SourceFile.parse(this.parser, source.text);
  }

  private applyChanges(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const entry = this.entries.get(key);
    if (!entry || event.contentChanges.length === 0) return;
    // VS Code reports changes so that applying them in order is correct.
    const changes: TextChange[] = [];
    let text = entry.file.text;
    for (const change of event.contentChanges) {
      const start = change.rangeOffset;
      const end = start + change.rangeLength;
      changes.push({ start, end, newText: change.text });
      text = text.slice(0, start) + change.text + text.slice(end);
    }
    // A document grown past the analysis budget is not re-parsed on every keystroke.
    const next = text === event.document.getText() && text.length <= MAX_ANALYSED_CHARS ? entry.file.withChanges(changes) : undefined;
    entry.file.dispose();
    if (next) this.entries.set(key, { version: event.document.version, file: next });
    else this.entries.delete(key); // out of step or too large: the next get() parses afresh
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.entries.get(key)?.file.dispose();
    this.entries.delete(key);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    for (const entry of this.entries.values()) entry.file.dispose();
    this.entries.clear();
  }
}
