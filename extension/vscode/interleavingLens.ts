// CodeLens above each coroutine with an interleaving hazard: how many, and a
// click opens the interleavings panel on the first of them. Read from the
// shared parse and the shared analysis; steady while typing (stableLenses).
import * as vscode from 'vscode';
import type { SourceFile } from '../engine';
import type { Hazard } from '../engine/interleave/model';
import type { DocumentCache } from './documentCache';
import type { LintSettings } from './lintSettings';
import { analysable } from './analysisBudget';
import { interleavingsOf } from './interleavingCache';
import { SHOW_INTERLEAVINGS } from './interleavingPanel';
import { LensMemory, type StableLens } from './stableLenses';

class HazardLens extends vscode.CodeLens implements StableLens<HazardLens> {
  constructor(
    readonly uri: vscode.Uri,
    readonly functionName: string,
    /** 0-based line of the definition (its first decorator, if any). */
    readonly line: number,
    readonly hazards: readonly Hazard[],
  ) {
    super(new vscode.Range(line, 0, line, 0));
    const [first] = hazards;
    const count = `${String(hazards.length)} interleaving hazard${hazards.length === 1 ? '' : 's'}`;
    this.command = {
      title: `⚠ ${count} · show`,
      tooltip: hazards.map((h) => h.message).join('\n'),
      command: SHOW_INTERLEAVINGS,
      // The panel selects the hazard whose read, suspension or write is on this line.
      arguments: first ? [uri, first.write.line] : [uri],
    };
  }

  get key(): string {
    return `${String(this.line)}\0${this.functionName}\0${this.hazards.map((h) => `${h.kind}:${h.variable}:${String(h.write.line)}`).join(',')}`;
  }

  /** Mid-edit the lens follows its function; its command keeps the lines the panel's last good drawing has. */
  movedTo(line: number): HazardLens {
    return new HazardLens(this.uri, this.functionName, line, this.hazards);
  }
}

function fresh(file: SourceFile, document: vscode.TextDocument, settings: LintSettings): HazardLens[] {
  const model = interleavingsOf(file);
  // What the linter reports: a suppressed or ignored hazard is gone from the lens as from the Problems panel.
  const reported = new Set(settings.reported(document, file, model.hazards).result.findings.map((f) => f.hazard));
  return model.coroutines.flatMap((c) => {
    const hazards = model.hazards.filter((h) => reported.has(h) && h.function === c.name && h.write.line >= c.line && h.write.line <= c.endLine);
    if (hazards.length === 0) return [];
    // Above the decorators, like the concept lenses, when the coroutine has any.
    const definition = file.functions.named(c.name).find((f) => f.line === c.line);
    const line = definition ? file.lineOf(definition.decorated ?? definition.node) - 1 : c.line - 1;
    return [new HazardLens(document.uri, c.name, line, hazards)];
  });
}

export function registerInterleavingLens(cache: DocumentCache, settings: LintSettings): vscode.Disposable {
  const memory = new LensMemory<HazardLens>();
  const changed = new vscode.EventEmitter<void>();
  return vscode.Disposable.from(
    vscode.languages.registerCodeLensProvider(
      { language: 'python' },
      {
        provideCodeLenses: (document) => {
          const file = analysable(cache, document);
          if (!file) return [];
          return memory.lenses(document.uri, file, () => fresh(file, document, settings));
        },
        onDidChangeCodeLenses: changed.event,
      },
    ),
    changed,
    cache.onDidLoadGrammar(() => {
      changed.fire();
    }),
    settings.onDidChange(() => {
      memory.clear();
      changed.fire();
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      memory.forget(d.uri);
    }),
  );
}
