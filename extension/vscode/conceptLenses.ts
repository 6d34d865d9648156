// CodeLens above each labelled function: its concepts and, when a registered
// conversion applies, the next rung's action, which applies that conversion
// (when it refuses, the lens says why instead);
// beside it, on functions that stand on a rung above direct style, "Show ladder".
// Lenses for unchanged definitions are handed back as the same objects, so
// typing elsewhere does not make them flicker or re-resolve. The classification
// behind the lenses and each lens's ladder step (when VS Code resolves it) run
// in the engine's worker thread.
import * as vscode from 'vscode';
import { CONCEPT_IDS, CONCEPT_INFO, type ConceptId } from '../engine/concepts';
import { tooLargeToAnalyse } from './analysisBudget';
import { FOLD_HELPERS } from './foldHelpers';
import type { EngineWorker } from './engineWorker';
import type { LensStepAnswer } from './worker/protocol';
import { publicApiSetting, type WorkspaceIndex } from './workspaceIndex';
import type { PublicApiPolicy } from '../engine/ladder/conversion';
import { SHOW_LADDER } from './ladderPanel';
import { LensMemory, type StableLens } from './stableLenses';

const APPLY_COMMAND = 'conceptLenses.applyLensConversion';
/** What a lens calls a function with no concept of its own, on the ladder's first rung. */
const DIRECT_STYLE = 'direct style';

class ConceptLens extends vscode.CodeLens implements StableLens<ConceptLens> {
  constructor(
    readonly uri: vscode.Uri,
    readonly functionName: string,
    /** 0-based line of the definition (its first decorator, if any). */
    readonly line: number,
    readonly concepts: readonly ConceptId[],
    /** Whether a conversion takes the function a rung up: only then is the title the step's, resolved in the worker. */
    readonly climbs: boolean,
    /** The document version the lens was given for: a step's title is true of that version only. */
    readonly version: number,
    /** The "Show ladder" lens beside the concepts lens, rather than the concepts lens itself. */
    readonly opensLadder = false,
  ) {
    super(new vscode.Range(line, 0, line, 0));
    // Known without the worker, so VS Code never has to resolve it (scrolling resolves fewer lenses,
    // and the first ones show without waiting for the workspace's files that only a step needs).
    if (opensLadder) this.command = { title: 'Show ladder', tooltip: `${functionName} at every rung, side by side`, command: SHOW_LADDER, arguments: [uri, functionName] };
    else if (!climbs) this.command = { title: conceptNames(concepts), command: '' };
  }

  get key(): string {
    return `${String(this.line)}\0${this.functionName}\0${this.concepts.join(',')}${this.climbs ? '\0climbs' : ''}${this.opensLadder ? '\0ladder' : ''}`;
  }

  /**
   * The lens for `version` of its document. One whose title is a step's is
   * given anew, unresolved, so VS Code asks for the step again: an edit
   * anywhere can change it (\`kept = square\` makes \`square\` refuse). VS Code
   * keeps showing the old title until the new one comes, so nothing flickers.
   */
  forVersion(version: number): ConceptLens {
    if (this.version === version || !this.climbs || this.opensLadder) return this;
    return new ConceptLens(this.uri, this.functionName, this.line, this.concepts, this.climbs, version);
  }

  /** The same lens on another line (its resolved command kept). */
  movedTo(line: number): ConceptLens {
    const moved = new ConceptLens(this.uri, this.functionName, line, this.concepts, this.climbs, this.version, this.opensLadder);
    if (this.command && this.climbs && !this.opensLadder) {
      const conversionId: unknown[] = this.command.arguments?.slice(3) ?? [];
      moved.command = { ...this.command, arguments: [this.uri.toString(), this.functionName, line, ...conversionId] };
    }
    return moved;
  }
}

class ConceptLensProvider implements vscode.CodeLensProvider<ConceptLens>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly memory = new LensMemory<ConceptLens>();
  /** Per document, the generation of the worker's answer its remembered lenses were built from (see `Unchanged`). */
  private readonly known = new Map<string, number>();
  /** The public-API setting per document, read once: VS Code resolves a file's lenses hundreds in one turn, and reading a setting is not cheap. */
  private readonly publicApi = new Map<string, PublicApiPolicy>();
  private readonly subscriptions: readonly { dispose(): unknown }[];

  constructor(
    private readonly workspace: WorkspaceIndex,
    private readonly engine: EngineWorker,
  ) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('conceptLenses.ladder')) this.publicApi.clear();
        if (e.affectsConfiguration('conceptLenses.lenses')) {
          this.memory.clear();
          this.known.clear();
          this.changed.fire();
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.memory.forget(d.uri);
        this.known.delete(d.uri.toString());
        this.publicApi.delete(d.uri.toString());
      }),
    ];
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<ConceptLens[]> {
    const settings = vscode.workspace.getConfiguration('conceptLenses.lenses', document.uri);
    if (!settings.get<boolean>('enabled', true)) return [];
    if (tooLargeToAnalyse(document)) return [];
    const { uri, version } = document;
    const shown = settings.get<readonly string[]>('concepts', CONCEPT_IDS);
    // The classification runs in the engine's worker; a failed worker leaves the lenses as they were (it reports why itself).
    const key = uri.toString();
    const known = this.known.get(key);
    const answer = await this.engine.ask({ kind: 'conceptLenses', uri: key, version, shown, ...(known === undefined ? {} : { known }) }, token).catch(() => undefined);
    if (!answer || answer.skipped || document.version !== version) return this.memory.last(uri);
    // Unchanged: the lenses already shown are the answer, their steps asked again of this version.
    if ('unchanged' in answer) return this.memory.renew(uri, (lens) => lens.forVersion(version));
    // Mid-edit the last good lenses follow their functions (LensMemory).
    if ('starts' in answer) {
      this.known.delete(key);
      return this.memory.follow(uri, answer.starts);
    }
    this.known.set(key, answer.generation);
    this.memory.lenses(
      uri,
      answer.lenses.flatMap((l) => {
        const lens = new ConceptLens(uri, l.name, l.line, l.concepts, l.climbs, version);
        return l.aboveDirect ? [lens, new ConceptLens(uri, l.name, l.line, l.concepts, l.climbs, version, true)] : [lens];
      }),
    );
    return this.memory.renew(uri, (lens) => lens.forVersion(version));
  }

  async resolveCodeLens(lens: ConceptLens, token: vscode.CancellationToken): Promise<ConceptLens> {
    if (lens.opensLadder || !lens.climbs) return lens; // its command is set when it is made
    const names = conceptNames(lens.concepts);
    // A step is judged against the whole workspace: wait until its files have been read.
    await this.workspace.ready;
    // The step runs in the engine's worker; the host's thread only waits for its answer.
    let answer: LensStepAnswer | undefined;
    try {
      answer = await this.engine.ask({ kind: 'lensStep', uri: lens.uri.toString(), name: lens.functionName, line: lens.line, publicApi: this.publicApiOf(lens.uri), withEdits: false }, token);
    } catch (error) {
      lens.command = { title: names, tooltip: `The next rung could not be checked: ${error instanceof Error ? error.message : String(error)}`, command: '' };
      return lens;
    }
    if (!answer) return lens;
    const { up, step } = answer;
    if (up && step?.refusal && lens.concepts.length === 0) {
      // A plain function that cannot take a continuation is just code: no lens text to read.
      lens.command = { title: DIRECT_STYLE, tooltip: `${lens.functionName} ${step.refusal.message}`, command: '' };
    } else if (up && step?.refusal) {
      // Offered only when it applies: a refused rung names its reason instead of an action.
      const why = `${lens.functionName} ${step.refusal.message}`;
      lens.command = { title: `${names} · not → ${up.action}: ${clipped(why)}`, tooltip: why, command: '' };
    } else if (up && step) {
      lens.command = {
        title: `${names} · ${step.label}`,
        tooltip: `Apply '${up.id}' to ${[lens.functionName, ...step.alongside].join(', ')}`,
        command: APPLY_COMMAND,
        arguments: [lens.uri.toString(), lens.functionName, lens.line, up.id],
      };
    } else {
      lens.command = { title: names, command: '' };
    }
    return lens;
  }

  private publicApiOf(uri: vscode.Uri): PublicApiPolicy {
    const key = uri.toString();
    let policy = this.publicApi.get(key);
    if (policy === undefined) this.publicApi.set(key, (policy = publicApiSetting(uri)));
    return policy;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** What a lens calls its function's concepts. */
function conceptNames(concepts: readonly ConceptId[]): string {
  return concepts.length > 0 ? concepts.map((id) => CONCEPT_INFO[id].name).join(' · ') : DIRECT_STYLE;
}

/** A lens is one line: long reasons end in an ellipsis (the tooltip has all of it). */
function clipped(reason: string, max = 90): string {
  return reason.length <= max ? reason : `${reason.slice(0, max - 1).trimEnd()}…`;
}

/** Applies the conversion a lens names to the function under it, exactly as the code action would (the step runs in the engine's worker). */
async function applyConversion(workspace: WorkspaceIndex, engine: EngineWorker, uri: string, name: string, line: number, conversionId: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  await workspace.ready;
  const { version } = document;
  let answer: LensStepAnswer | undefined;
  try {
    answer = await engine.ask({ kind: 'lensStep', uri, name, line, publicApi: publicApiSetting(document.uri), withEdits: true });
  } catch (error) {
    void vscode.window.showWarningMessage(`Concept Lenses: ${name} was not converted: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const step = answer?.step;
  if (answer?.up?.id !== conversionId || !step || document.version !== version) {
    void vscode.window.showWarningMessage(`Concept Lenses: ${name} can no longer be converted; the file has changed.`);
    return;
  }
  if (step.refusal) {
    void vscode.window.showWarningMessage(`Concept Lenses: ${step.refusal.function} was not converted: ${step.refusal.message}`);
    return;
  }
  if (!step.edits || step.edits.length === 0) return;
  const edit = new vscode.WorkspaceEdit();
  for (const e of step.edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  }
  if (await vscode.workspace.applyEdit(edit)) await vscode.commands.executeCommand(FOLD_HELPERS, document.uri);
}

export function registerConceptLenses(workspace: WorkspaceIndex, engine: EngineWorker): vscode.Disposable {
  const provider = new ConceptLensProvider(workspace, engine);
  return vscode.Disposable.from(
    provider,
    vscode.languages.registerCodeLensProvider({ language: 'python' }, provider),
    vscode.commands.registerCommand(APPLY_COMMAND, (uri: string, name: string, line: number, conversionId: string) =>
      applyConversion(workspace, engine, uri, name, line, conversionId),
    ),
  );
}
