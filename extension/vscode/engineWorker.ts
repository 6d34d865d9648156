// The engine's worker thread as the features see it: every parse and every
// analysis (lenses and their ladder steps, hover, code actions, diagnostics,
// the panels, Convert Workspace) runs there, so the extension host's thread
// only exchanges messages. The worker starts on the first question and is told of every open
// Python document (its whole text when it first sees it, then only each edit's
// changes, which it re-parses incrementally) and every module of the workspace
// index; a worker that fails is reported once per failure and replaced on the
// next question.
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { lengthOf } from './analysisBudget';
import { MAX_ANALYSED_CHARS } from './analysisLimits';
import type { ModuleSource } from '../engine/python/project';
import { STUCK_MS, WorkerConnection } from './worker/connection';
import type { AnswerOf, Notice, Question } from './worker/protocol';
import type { WorkspaceIndex } from './workspaceIndex';

/** Failures are reported at most this often (a worker failing on every keystroke must not flood the editor). */
const REPORT_EVERY_MS = 60_000;

export class EngineWorker implements vscode.Disposable {
  private readonly connection: WorkerConnection;
  /** The version last sent of each open document, for the next change's `edit.from`. */
  private readonly sent = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[];
  private lastReport = Number.NEGATIVE_INFINITY;

  constructor(extensionUri: vscode.Uri, workspace: WorkspaceIndex) {
    const script = vscode.Uri.joinPath(extensionUri, 'dist', 'engineWorker.js').fsPath;
    this.connection = new WorkerConnection(
      () => new Worker(script),
      () => this.everything(workspace),
      (reason) => {
        this.report(reason);
      },
      STUCK_MS,
      (uri) => {
        this.resendText(uri);
      },
    );
    this.subscriptions = [
      workspace.mirrorTo({
        set: (source) => {
          this.connection.tell(moduleMessage(source));
        },
        remove: (path) => {
          this.connection.tell({ type: 'removeModule', path });
        },
      }),
      vscode.workspace.onDidOpenTextDocument((document) => {
        this.sendDocument(document);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        this.sendDocument(event.document, event.contentChanges);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (!this.sent.delete(document.uri.toString())) return;
        this.connection.tell({ type: 'closeDocument', uri: document.uri.toString() });
      }),
    ];
  }

  /**
   * Asks the worker; undefined when `token` cancels first. Rejects with a
   * one-line reason when the worker fails. `progress` hears of a long
   * question's progress (Convert Workspace's modules).
   */
  ask<Q extends Question>(question: Q, token?: vscode.CancellationToken, progress?: (done: number, total: number) => void): Promise<AnswerOf[Q['kind']] | undefined> {
    if (token?.isCancellationRequested) return Promise.resolve(undefined);
    return this.connection.ask(question, token ? (listener) => token.onCancellationRequested(listener) : undefined, progress);
  }

  /** What a new worker is told first: every module the workspace index has, then every open Python document. */
  private *everything(workspace: WorkspaceIndex): Iterable<Notice> {
    for (const source of workspace.model.modules) yield moduleMessage(source);
    this.sent.clear();
    for (const document of vscode.workspace.textDocuments) {
      const message = this.documentMessage(document);
      if (message) yield message;
    }
  }

  private sendDocument(document: vscode.TextDocument, changes?: readonly vscode.TextDocumentContentChangeEvent[]): void {
    if (!this.connection.running || (changes?.length === 0)) return;
    const message = this.documentMessage(document, changes);
    if (message) this.connection.tell(message);
  }

  /**
   * What tells the worker of the document's current version: only the edit's
   * changes when the worker has the version they start from (a keystroke does
   * not copy the whole text, on a thread where every copy is garbage), the
   * whole text otherwise.
   */
  private documentMessage(document: vscode.TextDocument, changes?: readonly vscode.TextDocumentContentChangeEvent[]): Notice | undefined {
    if (document.languageId !== 'python' || document.isClosed) return undefined;
    const uri = document.uri.toString();
    const from = this.sent.get(uri);
    const length = lengthOf(document);
    // A document past the analysis budget is sent empty-handed: the worker forgets its old parse.
    if (length > MAX_ANALYSED_CHARS) {
      this.sent.delete(uri);
      return { type: 'closeDocument', uri };
    }
    this.sent.set(uri, document.version);
    if (changes && from !== undefined) {
      return { type: 'documentEdit', uri, version: document.version, from, length, changes: changes.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, newText: c.text })) };
    }
    return { type: 'document', uri, version: document.version, text: document.getText() };
  }

  /** The worker could not apply an edit of `uri`: it gets the document's whole text. */
  private resendText(uri: string): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!document || !this.sent.has(uri)) return;
    this.sent.delete(uri);
    this.sendDocument(document);
  }

  private report(reason: string): void {
    const now = Date.now();
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    this.lastReport = now;
    void vscode.window.showWarningMessage(`Concept Lenses: ${reason}; it restarts on the next request.`);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.connection.dispose();
  }
}

/** Why a question failed, for a one-line message. */
export function failureReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function moduleMessage(source: ModuleSource): Notice {
  return { type: 'module', source, relativePath: vscode.workspace.asRelativePath(vscode.Uri.parse(source.path)) };
}
