// What the engine's worker thread knows and how it answers: its own parse of
// each open document (kept current from the versions and changes the host
// sends), its own project model of the workspace's modules, and the engine
// calls behind each question. Without VS Code and without worker_threads, so
// unit tests drive it directly; main.ts wires it to the thread.
import { SourceFile, type PythonParser, type TextChange } from '../../engine';
import { guardWithLock, type LockFix } from '../../engine/interleave/lockFix';
import type { Hazard, InterleavingModel, SourceSpot } from '../../engine/interleave/model';
import { lintHazards } from '../../engine/interleave/suppressions';
import { projectUsesIn, type ProjectUses } from '../../engine/ladder/projectUses';
import { shownConcepts } from '../../engine/concepts';
import { ladderSteps, rungOf, RUNG_ACTION, stepLabel, stepOffers } from '../../engine/ladder/steps';
import { stepFunction, takeStep } from '../../engine/ladder/takeStep';
import { callChain, ladderOf, stepWithChain } from '../../engine/ladder/ladderView';
import { stepModules, type ModuleInput } from '../../engine/ladder/stepModules';
import { candidatesOf } from '../../engine/ladder/candidates';
import { conversions } from '../../engine/ladder/registry';
import type { ConversionOptions, PublicApiPolicy } from '../../engine/ladder/conversion';
import { ProjectModel } from '../../engine/python/project';
import { analysisSkipped, MAX_ANALYSED_CHARS } from '../analysisLimits';
import { classificationOf, findClassified, startLine } from '../conceptCache';
import { conceptHoverAt } from '../conceptHoverText';
import { interleavingsAcross, interleavingsOf, modulesFrom } from '../interleavingCache';
import { toInterleavingView } from '../../../webview/fromModel';
import { toLadderView } from '../../../webview/fromLadder';
import type { InterleavingView, LadderView } from '../../../webview/protocol';
import type {
  ConceptLensesAnswer,
  ConceptLensesQuestion,
  ConvertWorkspaceAnswer,
  ConvertWorkspaceQuestion,
  DiagnosticHazard,
  DiagnosticsAnswer,
  DiagnosticsQuestion,
  FunctionAtAnswer,
  FunctionAtQuestion,
  HazardLensAnswer,
  HazardLensQuestion,
  HazardsAnswer,
  HazardsQuestion,
  HoverAnswer,
  HoverQuestion,
  InterleavingPanelQuestion,
  LadderActionsAnswer,
  LadderActionsQuestion,
  LadderApplyAnswer,
  LadderApplyQuestion,
  LadderPanelQuestion,
  LensStepAnswer,
  LensStepQuestion,
  LineSpan,
  LockFixAnswer,
  LockFixesAnswer,
  LockFixesQuestion,
  MidEdit,
  NotAnalysedAnswer,
  NotAnalysedQuestion,
  Notice,
  OutlineAnswer,
  OutlineQuestion,
  PanelAnswer,
  Unchanged,
} from './protocol';

interface Document {
  readonly version: number;
  readonly file: SourceFile;
}

export class EngineState {
  private readonly documents = new Map<string, Document>();
  private readonly relativePaths = new Map<string, string>();
  private readonly relativeViews = new WeakMap<ProjectUses, ProjectUses>();
  /** Per document, the last full answer of each kind, as JSON, and its generation (see `Unchanged`). */
  private readonly lastAnswers = new Map<string, Map<string, { readonly generation: number; readonly json: string }>>();
  private generations = 0;
  readonly model: ProjectModel;

  constructor(private readonly parser: PythonParser) {
    // A module open in the editor reuses the worker's parse of that document.
    this.model = new ProjectModel((source) => {
      if (source.text.length > MAX_ANALYSED_CHARS) return undefined;
      const open = this.documents.get(source.path)?.file;
      return open?.text === source.text ? open.copy() : SourceFile.parse(parser, source.text);
    });
  }

  /**
   * Applies one of the host's messages about documents and modules. Returns
   * the uri of a document whose edit could not be applied (the host must send
   * its whole text), if any.
   */
  tell(message: Notice): string | undefined {
    switch (message.type) {
      case 'document':
        // A document past the analysis budget is not parsed: the worker forgets its old parse.
        if (message.text.length > MAX_ANALYSED_CHARS) this.closeDocument(message.uri);
        else this.setDocument(message.uri, message.version, SourceFile.parse(this.parser, message.text));
        break;
      case 'documentEdit':
        return this.editDocument(message) ? undefined : message.uri;
      case 'closeDocument':
        this.closeDocument(message.uri);
        break;
      case 'module': {
        // An open document's text is the module's, as in the editor: the host tells its edits only as the document's.
        const open = this.documents.get(message.source.path)?.file.text;
        this.model.set(open === undefined ? message.source : { ...message.source, text: open });
        this.relativePaths.set(message.source.path, message.relativePath);
        break;
      }
      case 'removeModule':
        this.model.remove(message.path);
        this.relativePaths.delete(message.path);
        break;
    }
    return undefined;
  }

  /** Re-parses a document incrementally from the version its changes start from; false when the worker has not that version or the result is not the length the host has. */
  private editDocument(edit: { readonly uri: string; readonly version: number; readonly from: number; readonly changes: readonly TextChange[]; readonly length: number }): boolean {
    if (edit.length > MAX_ANALYSED_CHARS) {
      this.closeDocument(edit.uri);
      return true;
    }
    const known = this.documents.get(edit.uri);
    const file = known?.version === edit.from && edit.changes.every((c) => c.start <= c.end) ? known.file.withChanges(edit.changes) : undefined;
    if (file?.text.length === edit.length) {
      this.setDocument(edit.uri, edit.version, file);
      return true;
    }
    file?.dispose();
    return false;
  }

  private setDocument(uri: string, version: number, file: SourceFile): void {
    this.documents.get(uri)?.file.dispose();
    this.documents.set(uri, { version, file });
    // The project model's module for an open document follows the document's text.
    const module = this.model.module(uri);
    if (module && module.text !== file.text) this.model.set({ ...module, text: file.text });
  }

  private closeDocument(uri: string): void {
    this.documents.get(uri)?.file.dispose();
    this.documents.delete(uri);
    this.lastAnswers.delete(uri);
  }

  /** The parse of the document, at `version` when one is asked for. */
  private parseOf(uri: string, version?: number): SourceFile | undefined {
    const document = this.documents.get(uri);
    return !document || (version !== undefined && document.version !== version) ? undefined : document.file;
  }

  /** The analysable parse of the document, at `version` when one is asked for. */
  private analysable(uri: string, version?: number): SourceFile | undefined {
    const file = this.parseOf(uri, version);
    return file && analysisSkipped(file) === undefined ? file : undefined;
  }

  /** A panel's drawing of a version, once the file is known to be analysable and to parse. */
  private panel<View>(uri: string, version: number, draw: (file: SourceFile) => View | undefined): PanelAnswer<View> {
    const file = this.parseOf(uri, version);
    if (!file) return { state: 'skipped' };
    const notAnalysed = analysisSkipped(file);
    if (notAnalysed) return { state: 'not-analysed', reason: notAnalysed };
    const [error] = file.syntaxErrors;
    if (error) return { state: 'syntax-error', error: { line: error.line, message: error.message } };
    const view = draw(file);
    return view ? { state: 'drawn', view } : { state: 'drawn' };
  }

  /** Why the version is not analysed, if it is not (a version the worker does not have is not its to judge). */
  notAnalysed(question: NotAnalysedQuestion): NotAnalysedAnswer {
    const file = this.parseOf(question.uri, question.version);
    const reason = file ? analysisSkipped(file) : undefined;
    return reason === undefined ? {} : { reason };
  }

  /** Every definition, and the module-level `async def main` Explore's lens sits on. */
  outline(question: OutlineQuestion): OutlineAnswer {
    const file = this.analysable(question.uri, question.version);
    const all = file?.functions.all ?? [];
    return {
      definitions: question.mainsOnly ? [] : all.map((f) => ({ name: f.name, kind: f.kind, isAsync: f.isAsync, line: f.line, endLine: f.endLine, start: f.node.startIndex })),
      mains: file ? all.filter((f) => f.kind === 'function' && f.isAsync && f.name === 'main' && f.parent === undefined).map((f) => file.lineOf(f.decorated ?? f.node) - 1) : [],
    };
  }

  /** The innermost function around the offset, decorators included. */
  functionAt(question: FunctionAtQuestion): FunctionAtAnswer {
    const file = this.analysable(question.uri, question.version);
    const { offset } = question;
    const fn = file?.functions.all.filter((f) => f.kind === 'function' && (f.decorated ?? f.node).startIndex <= offset && offset <= f.node.endIndex).pop();
    return fn ? { name: fn.name } : {};
  }

  /** The ladder panel's columns for a function: every rung, made by the real conversions. */
  ladderPanel(question: LadderPanelQuestion): PanelAnswer<LadderView> {
    return this.panel(question.uri, question.version, (file) => {
      const fn = file.functions.named(question.name).find((f) => f.kind === 'function');
      const columns = fn ? ladderOf(file, question.name, this.ladderOptions(question.uri, question.publicApi)) : [];
      return fn && columns.length > 0 ? toLadderView(columns, question.file, question.name, fn.line) : undefined;
    });
  }

  /** The step a ladder column shows: the function with its call chain (the code action's step when it has none). */
  ladderApply(question: LadderApplyQuestion): LadderApplyAnswer {
    const file = this.analysable(question.uri, question.version);
    if (!file) return { ok: false, problem: 'The file changed meanwhile (or is not analysed); try again.' };
    if (file.syntaxErrors.length > 0) return { ok: false, problem: 'The file does not parse right now; fix it and try again.' };
    const fn = file.functions.named(question.name).find((f) => f.kind === 'function');
    if (!fn) return { ok: false, problem: `The file has no function named ${question.name} any more.` };
    const chain = callChain(file, fn).map((f) => f.name);
    const { result, refusal } = stepWithChain(file, question.name, chain, question.rung, this.ladderOptions(question.uri, question.publicApi)).step;
    if (refusal) return { ok: false, problem: `${refusal.function}: ${refusal.message}` };
    if (result.edits.length === 0) return { ok: false, problem: `${question.name} is already in that form.` };
    return { ok: true, edits: result.edits };
  }

  /** The interleavings panel's drawing, with the text of every line it refers to. */
  interleavingPanel(question: InterleavingPanelQuestion): PanelAnswer<InterleavingView> {
    return this.panel(question.uri, question.version, (file) => {
      const lines = file.text.split(/\r\n|\r|\n/);
      return toInterleavingView(interleavingsOf(file), question.file, (line) => lines[Math.min(line, lines.length) - 1] ?? '');
    });
  }

  /** Every hazard of the document on its own, as the interleavings panel draws them. */
  hazards(question: HazardsQuestion): HazardsAnswer {
    const file = this.analysable(question.uri, question.version);
    return file ? { skipped: false, hazards: interleavingsOf(file).hazards } : { skipped: true };
  }

  /**
   * The documents stepped to async/await together, against the project model.
   * `progress` hears of each module stepped (the batch may take several rounds).
   */
  convertWorkspace(question: ConvertWorkspaceQuestion, progress: (done: number, total: number) => void = () => undefined): ConvertWorkspaceAnswer {
    const inputs: ModuleInput[] = [];
    const skipped: string[] = [];
    for (const { uri, version } of question.documents) {
      const file = this.analysable(uri, version);
      if (file && file.syntaxErrors.length === 0 && this.model.module(uri)) inputs.push({ path: uri, file });
      else skipped.push(uri);
    }
    // One policy for the batch: the workspace's (a folder's own setting applies to single steps).
    const results = stepModules(inputs, 'async', { publicApi: question.publicApi }, this.model, { stepped: progress });
    const files = inputs.flatMap(({ path }) => {
      const result = results.get(path);
      return result && result.converted.length + result.refused.length > 0
        ? [{ uri: path, converted: result.converted, refused: result.refused.length, edits: result.edits }]
        : [];
    });
    return { files, skipped };
  }

  /** The concept lenses of a version: what conceptLenses.ts shows above each definition before resolving it. */
  conceptLenses(question: ConceptLensesQuestion): ConceptLensesAnswer {
    const file = this.analysable(question.uri, question.version);
    if (!file) return { skipped: true };
    if (file.root.hasError) return midEdit(file);
    const shown = new Set(question.shown);
    const lenses = classificationOf(file).flatMap((f) => {
      // Where learners start: a plain function the CPS rung takes gets a lens too, offering that rung.
      if (f.concepts.length === 0) return ladderSteps(file, f.info, f.concepts).up?.to === 'cps' ? [{ name: f.name, line: startLine(file, f), concepts: [], aboveDirect: false, climbs: true }] : [];
      const concepts = shownConcepts(f.concepts, shown);
      if (concepts.length === 0) return [];
      // The same rung up as lensStep finds (same parse, same classification).
      const climbs = ladderSteps(file, f.info, f.concepts).up !== undefined;
      return [{ name: f.name, line: startLine(file, f), concepts, aboveDirect: rungOf(f.concepts) !== 'direct', climbs }];
    });
    return this.unlessKnown(question, { lenses });
  }

  /**
   * The answer with a new generation, or `Unchanged` when it equals the
   * answer of the generation the host says it holds. Comparing JSON here
   * costs the worker a millisecond; it spares the host's thread the copy.
   */
  private unlessKnown<A extends object>(question: { readonly kind: string; readonly uri: string; readonly known?: number }, answer: A): Unchanged | (A & { readonly skipped: false; readonly generation: number }) {
    const answers = this.lastAnswers.get(question.uri) ?? new Map<string, { readonly generation: number; readonly json: string }>();
    this.lastAnswers.set(question.uri, answers);
    const json = JSON.stringify(answer);
    const last = answers.get(question.kind);
    if (last && last.json === json && question.known === last.generation) return { skipped: false, unchanged: last.generation };
    const generation = ++this.generations;
    answers.set(question.kind, { generation, json });
    return { skipped: false, generation, ...answer };
  }

  /** The hover on the definition name at the offset. */
  hover(question: HoverQuestion): HoverAnswer {
    const file = this.analysable(question.uri, question.version);
    const hover = file ? conceptHoverAt(file, question.offset, this.ladderOptions(question.uri, question.publicApi)) : undefined;
    return hover ? { hover } : {};
  }

  /** The ladder code actions at an offset, as ladderActions.ts offers them. */
  ladderActions(question: LadderActionsQuestion): LadderActionsAnswer {
    const file = this.analysable(question.uri, question.version);
    if (!file || file.syntaxErrors.length > 0) return { skipped: true };
    const at = file.functions.at(question.offset);
    const fn = at?.kind === 'function' ? at : undefined;
    const options = this.ladderOptions(question.uri, question.publicApi);
    const targets = question.targets.flatMap((to) => {
      const candidates = conversions.filter((c) => c.to === to).flatMap((c) => candidatesOf(file, c));
      if (candidates.length === 0) return [];
      const step = fn && candidates.some((c) => c.node.id === fn.node.id) ? stepFunction(file, fn.name, to, options) : undefined;
      // The whole-file conversion is the costly one: only for a menu the user asked for, never for the light bulb.
      const whole = question.whole ? takeStep(file, to, options) : undefined;
      const [firstRefused] = whole?.refused ?? [];
      return [
        {
          to,
          ...(fn && step
            ? { function: { name: fn.name, offers: stepOffers(step).map((o) => ({ withCallers: o.withCallers, ...(o.refusal ? { refusal: o.refusal.message } : {}) })), edits: step.result.edits } }
            : {}),
          ...(whole
            ? {
                file: {
                  converted: whole.converted.length,
                  refused: whole.refused.length,
                  edits: whole.edits,
                  ...(firstRefused ? { firstRefused: { function: firstRefused.function, line: firstRefused.line, message: firstRefused.message } } : {}),
                },
              }
            : {}),
        },
      ];
    });
    return { skipped: false, targets };
  }

  /** The lens's function's next rung up and the step to it, as the code action and the ladder panel take it. */
  lensStep(question: LensStepQuestion): LensStepAnswer {
    const file = this.analysable(question.uri);
    const classified = file ? findClassified(file, question.name, question.line) : undefined;
    const up = file && classified ? ladderSteps(file, classified.info, classified.concepts).up : undefined;
    if (!file || !up) return {};
    const step = stepFunction(file, question.name, up.to, this.ladderOptions(question.uri, question.publicApi));
    const { refusal } = step;
    return {
      up: { id: up.id, to: up.to, action: RUNG_ACTION[up.to] },
      step: {
        label: stepLabel(step),
        alongside: step.result.alongside,
        ...(refusal ? { refusal: { function: refusal.function, code: refusal.code, message: refusal.message, line: refusal.line } } : {}),
        ...(question.withEdits ? { edits: step.result.edits } : {}),
      },
    };
  }

  /** The hazards the linter reports for the document with the other open modules, and the suppression comments' problems. */
  diagnostics(question: DiagnosticsQuestion): DiagnosticsAnswer {
    const file = this.parseOf(question.uri, question.version);
    if (!file) return { skipped: true };
    const notAnalysed = analysisSkipped(file);
    if (notAnalysed) return { skipped: false, notAnalysed };
    // While the user is mid-edit the tree has errors: the host keeps the last good diagnostics.
    if (file.syntaxErrors.length > 0) return { skipped: false, syntaxError: true };
    const { findings, problems } = lintHazards(file, this.interleavingsAcross(file, question).hazards, question.lint);
    const hazards = findings.map(({ hazard }) => this.diagnosticOf(file, hazard));
    return this.unlessKnown(question, { hazards, problems });
  }

  /** A hazard as its diagnostic shows it, spans in lines and characters (a writer in another open document in that document's). */
  private diagnosticOf(file: SourceFile, hazard: Hazard): DiagnosticHazard {
    const span = (of: SourceFile, spot: SourceSpot): LineSpan => {
      const start = of.lines.positionAt(spot.start);
      const end = of.lines.positionAt(spot.end);
      return [start.line, start.character, end.line, end.character];
    };
    return {
      kind: hazard.kind,
      variable: hazard.variable,
      function: hazard.function,
      message: hazard.message,
      write: span(file, hazard.write),
      read: span(file, hazard.read),
      suspend: span(file, hazard.suspend),
      interferers: hazard.interferers.map((w) => {
        if (w.file === undefined) return { function: w.function, sameFunction: w.sameFunction, at: span(file, w) };
        // A writer in a module that is not open: where the engine says it starts.
        const other = this.parseOf(w.file);
        const at: LineSpan = other ? span(other, w) : [w.line - 1, w.column, w.line - 1, w.column];
        return { function: w.function, sameFunction: w.sameFunction, at, file: w.file };
      }),
    };
  }

  /** The lock fixes for hazards of a version, from the analysis its diagnostics come from. */
  lockFixes(question: LockFixesQuestion): LockFixesAnswer {
    const file = this.analysable(question.uri, question.version);
    if (!file) return { skipped: true };
    const model = this.interleavingsAcross(file, question);
    const fixes = question.hazards.map(({ kind, writeStart }) => {
      const hazard = model.hazards.find((h) => h.kind === kind && h.write.start === writeStart);
      if (!hazard) return {};
      // The fix edits one file: a writer elsewhere would be left unguarded.
      const elsewhere = hazard.interferers.find((w) => w.file !== undefined);
      if (elsewhere) return { variable: hazard.variable, elsewhere: { function: elsewhere.function, file: elsewhere.file ?? '' } };
      return { variable: hazard.variable, key: plainFix(guardWithLock(file, model, hazard, 'key')), state: plainFix(guardWithLock(file, model, hazard, 'state')) };
    });
    return { skipped: false, fixes };
  }

  /** The analysis of a document with the other open modules the host names. */
  private interleavingsAcross(file: SourceFile, question: { readonly uri: string; readonly modules: LockFixesQuestion['modules'] }): InterleavingModel {
    return interleavingsAcross(file, question.uri, modulesFrom(question.modules, file, question.uri, (uri) => this.analysable(uri)));
  }

  /** Per coroutine with reported hazards, the line of its lens (above its decorators) and those hazards. */
  hazardLenses(question: HazardLensQuestion): HazardLensAnswer {
    const file = this.analysable(question.uri, question.version);
    if (!file) return { skipped: true };
    if (file.root.hasError) return midEdit(file);
    const model = interleavingsOf(file);
    // What the linter reports: a suppressed or ignored hazard is gone from the lens as from the Problems panel.
    const reported = new Set(lintHazards(file, model.hazards, question.lint).findings.map((f) => f.hazard));
    const lenses = model.coroutines.flatMap((c) => {
      const hazards = model.hazards.filter((h) => reported.has(h) && h.function === c.name && h.write.line >= c.line && h.write.line <= c.endLine);
      if (hazards.length === 0) return [];
      const definition = file.functions.named(c.name).find((f) => f.line === c.line);
      const line = definition ? file.lineOf(definition.decorated ?? definition.node) - 1 : c.line - 1;
      return [{ name: c.name, line, hazards: hazards.map((h) => ({ kind: h.kind, variable: h.variable, writeLine: h.write.line, message: h.message })) }];
    });
    return this.unlessKnown(question, { lenses });
  }

  /** What makes a ladder step see the rest of the workspace: a use in another file that the step would break refuses it. */
  private ladderOptions(uri: string, publicApi: PublicApiPolicy): Pick<ConversionOptions, 'project' | 'publicApi'> {
    const module = this.model.module(uri);
    return module ? { project: this.relative(projectUsesIn(this.model, module.path)), publicApi } : { publicApi };
  }

  /** The same view with paths as the editor shows them; one per view, so steps stay shared. */
  private relative(view: ProjectUses): ProjectUses {
    let relative = this.relativeViews.get(view);
    if (!relative) {
      relative = {
        usesElsewhere: (fn) => view.usesElsewhere(fn).map((use) => ({ ...use, path: this.relativePaths.get(use.path) ?? use.path })),
        callsCoroutineElsewhere: (callee) => view.callsCoroutineElsewhere(callee),
        definesMethodElsewhere: (name) => view.definesMethodElsewhere(name),
      };
      this.relativeViews.set(view, relative);
    }
    return relative;
  }

  dispose(): void {
    for (const document of this.documents.values()) document.file.dispose();
    this.documents.clear();
    this.model.dispose();
  }
}

/** Where every definition of a tree with errors starts, for the last good lenses to follow. */
function midEdit(file: SourceFile): MidEdit {
  return { skipped: false, starts: file.functions.all.map((f) => ({ name: f.name, line: file.lineOf(f.decorated ?? f.node) - 1 })) };
}

function plainFix(fix: LockFix): LockFixAnswer {
  if (!fix.ok) return { ok: false, reason: fix.reason };
  fix.file.dispose();
  return { ok: true, lock: fix.lock, functions: fix.functions, edits: fix.edits };
}
