// The interleavings analysis of one parse, shared by whoever asks about the
// same version so it is analysed once: in the engine's worker thread the
// diagnostics, hazard lenses, lock fix, interleavings panel and Explore
// Schedules' hazards. Without VS Code; which open documents count as the other
// modules is the adapter's business (openModules.ts). Across versions (and
// documents) the incremental analysis reuses the walks of every function an
// edit did not touch, so a keystroke re-walks the edited function.
import type { SourceFile } from '../engine';
import { IncrementalInterleavings } from '../engine/interleave/incremental';
import type { InterleavingModel, WorkspaceModule } from '../engine/interleave/model';
import { analysisSkipped } from './analysisLimits';

const analysis = new IncrementalInterleavings();
const byFile = new WeakMap<SourceFile, InterleavingModel>();
const NOT_ANALYSED: InterleavingModel = { coroutines: [], hazards: [] };
const acrossModules = new WeakMap<SourceFile, { readonly others: readonly SourceFile[]; readonly model: InterleavingModel }>();

export function interleavingsOf(file: SourceFile): InterleavingModel {
  let found = byFile.get(file);
  if (!found) byFile.set(file, (found = analysisSkipped(file) ? NOT_ANALYSED : analysis.analyze(file)));
  return found;
}

/** The analysis of `file` (at `path`) with writes from the other `modules` it imports state from. */
export function interleavingsAcross(file: SourceFile, path: string, modules: ReadonlyMap<string, WorkspaceModule>): InterleavingModel {
  if (analysisSkipped(file)) return NOT_ANALYSED;
  const others = [...modules.values()].map((m) => m.file).filter((f) => f !== file);
  if (others.length === 0) return interleavingsOf(file);
  const known = acrossModules.get(file);
  if (known?.others.length === others.length && known.others.every((f, i) => f === others[i])) return known.model;
  const model = analysis.analyze(file, { path, modules });
  acrossModules.set(file, { others, model });
  return model;
}

/**
 * The modules for the analysis of `file` at `path`: a name goes to the first
 * document claiming it whose parse is analysable and (unless it is `file`
 * itself) free of syntax errors.
 */
export function modulesFrom(names: readonly { readonly name: string; readonly uri: string }[], file: SourceFile, path: string, parseOf: (uri: string) => SourceFile | undefined): Map<string, WorkspaceModule> {
  const modules = new Map<string, WorkspaceModule>();
  for (const { name, uri } of names) {
    const parsed = uri === path ? file : parseOf(uri);
    if (!modules.has(name) && parsed && (parsed === file || parsed.syntaxErrors.length === 0)) modules.set(name, { path: uri, file: parsed });
  }
  return modules;
}
