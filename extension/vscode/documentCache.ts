// The host's parse of a document, one per version, for the extension's API
// (tests, other extensions) and the host's project model: the features
// themselves ask the engine's worker, which keeps its own parses, so in normal
// use nothing here is parsed. Edits re-parse incrementally from the previous
// tree; closed documents free their trees.
// The grammar arrives after activation (loading it would delay activation by
// hundreds of milliseconds): until then nothing is parsed, analyses answer
// nothing (see analysable), and onDidLoadGrammar tells features to refresh.
import * as vscode from 'vscode';
import { SourceFile, type PythonParser, type TextChange } from '../engine';
import { MAX_ANALYSED_CHARS } from './analysisLimits';

interface Entry {
  version: number;
  file: SourceFile;
}

export class DocumentCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly subscriptions: { dispose(): unknown }[];
  private parser: PythonParser | undefined;
  private readonly grammarLoaded = new vscode.EventEmitter<void>();
  /** Fires once, when documents can be parsed. */
  readonly onDidLoadGrammar = this.grammarLoaded.event;
  /** Settles when documents can be parsed: commands and restored panels wait for it before `get`. */
  readonly loading: Promise<void>;

  constructor(grammar: Promise<PythonParser>) {
    this.loading = grammar.then(() => undefined);
    // A grammar that fails to load is reported by activate(); documents then stay unparsed.
    this.loading.catch(() => undefined);
    grammar.then(
      (parser) => {
        this.parser = parser;
        this.grammarLoaded.fire();
      },
      () => undefined,
    );
    this.subscriptions = [
      this.grammarLoaded,
      vscode.workspace.onDidChangeTextDocument((event) => {
        this.applyChanges(event);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.forget(document.uri);
      }),
    ];
  }

  /** Whether documents can be parsed yet (the grammar has loaded). */
  get loaded(): boolean {
    return this.parser !== undefined;
  }

  /** The parse of the document's current version; only once `loaded`. */
  get(document: vscode.TextDocument): SourceFile {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (entry?.version === document.version) return entry.file;
    if (!this.parser) throw new Error('Concept Lenses is still loading the Python grammar; try again in a moment.');
    entry?.file.dispose();
    const file = SourceFile.parse(this.parser, document.getText());
    this.entries.set(key, { version: document.version, file });
    return file;
  }

  /** A copy of the current parse of the open document at `uri` if its text is `text` (for owners that dispose their parses). */
  copyOf(uri: string, text: string): SourceFile | undefined {
    const file = this.entries.get(uri)?.file;
    return file?.text === text ? file.copy() : undefined;
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
