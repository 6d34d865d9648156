// CodeLens above each coroutine with an interleaving hazard: how many, and a
// click opens the interleavings panel on the first of them. The analysis runs
// in the engine's worker thread; steady while typing (stableLenses).
import * as vscode from 'vscode';
import type { EngineWorker } from './engineWorker';
import type { LensHazard } from './worker/protocol';
import type { LintSettings } from './lintSettings';
import { tooLargeToAnalyse } from './analysisBudget';
import { SHOW_INTERLEAVINGS } from './interleavingPanel';
import { LensMemory, type StableLens } from './stableLenses';

class HazardLens extends vscode.CodeLens implements StableLens<HazardLens> {
  constructor(
    readonly uri: vscode.Uri,
    readonly functionName: string,
    /** 0-based line of the definition (its first decorator, if any). */
    readonly line: number,
    readonly hazards: readonly LensHazard[],
  ) {
    super(new vscode.Range(line, 0, line, 0));
    const [first] = hazards;
    const count = `${String(hazards.length)} interleaving hazard${hazards.length === 1 ? '' : 's'}`;
    this.command = {
      title: `⚠ ${count} · show`,
      tooltip: hazards.map((h) => h.message).join('\n'),
      command: SHOW_INTERLEAVINGS,
      // The panel selects the hazard whose read, suspension or write is on this line.
      arguments: first ? [uri, first.writeLine] : [uri],
    };
  }

  get key(): string {
    return `${String(this.line)}\0${this.functionName}\0${this.hazards.map((h) => `${h.kind}:${h.variable}:${String(h.writeLine)}`).join(',')}`;
  }

  /** Mid-edit the lens follows its function; its command keeps the lines the panel's last good drawing has. */
  movedTo(line: number): HazardLens {
    return new HazardLens(this.uri, this.functionName, line, this.hazards);
  }
}

export function registerInterleavingLens(settings: LintSettings, engine: EngineWorker): vscode.Disposable {
  const memory = new LensMemory<HazardLens>();
  /** Per document, the generation of the worker's answer the remembered lenses were built from (see `Unchanged`). */
  const known = new Map<string, number>();
  const changed = new vscode.EventEmitter<void>();
  const provideCodeLenses = async (document: vscode.TextDocument, token: vscode.CancellationToken): Promise<HazardLens[]> => {
    if (tooLargeToAnalyse(document)) return [];
    const lint = settings.configFor(document.uri);
    const key = document.uri.toString();
    if (!lint) {
      known.delete(key);
      return memory.lenses(document.uri, []);
    }
    const { version } = document;
    const held = known.get(key);
    // The analysis runs in the engine's worker; a failed worker leaves the lenses as they were (it reports why itself).
    const answer = await engine.ask({ kind: 'hazardLenses', uri: key, version, lint, ...(held === undefined ? {} : { known: held }) }, token).catch(() => undefined);
    // Unchanged: the lenses already shown are the answer.
    if (!answer || answer.skipped || 'unchanged' in answer || document.version !== version) return memory.last(document.uri);
    // Mid-edit the last good lenses follow their functions (LensMemory).
    if ('starts' in answer) {
      known.delete(key);
      return memory.follow(document.uri, answer.starts);
    }
    known.set(key, answer.generation);
    return memory.lenses(document.uri, answer.lenses.map((l) => new HazardLens(document.uri, l.name, l.line, l.hazards)));
  };
  return vscode.Disposable.from(
    vscode.languages.registerCodeLensProvider({ language: 'python' }, { provideCodeLenses, onDidChangeCodeLenses: changed.event }),
    changed,
    settings.onDidChange(() => {
      memory.clear();
      known.clear();
      changed.fire();
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      memory.forget(d.uri);
      known.delete(d.uri.toString());
    }),
  );
}
