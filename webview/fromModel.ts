// The panel's data from the engine's model: plain JSON with the text of every
// line it refers to. Runs on the host side (the extension and the CLI); the
// browser bundle never imports it. A model larger than PANEL_LIMITS is cut to
// its first coroutines and hazards, and the view says how many were left out.
import type { InterleavingModel } from '../extension/engine/interleave/model';
import { PANEL_LIMITS, type PanelLimits } from './limits';
import type { CoroutineView, HazardView, InterleavingView, SourceLine } from './protocol';

/** `lineText(n)` gives the text of 1-based line `n`. */
export function toInterleavingView(
  model: InterleavingModel,
  file: string,
  lineText: (line: number) => string,
  limits: PanelLimits = PANEL_LIMITS,
): InterleavingView {
  const keptHazards = model.hazards.slice(0, limits.hazards);
  const coroutines: CoroutineView[] = model.coroutines.slice(0, limits.coroutines).map((c) => ({
    name: c.name,
    kind: c.kind,
    line: c.line,
    segments: c.segments.map((s) => ({
      startLine: s.startLine,
      endLine: s.endLine,
      accesses: c.accesses
        .filter((a) => a.segment === s.index)
        .map((a) => ({ variable: a.variable, kind: a.mode, line: a.line, locks: [...a.locks] })),
    })),
    suspensions: c.suspensions.map((p) => ({ line: p.line, kind: p.kind })),
  }));
  const hazards: HazardView[] = keptHazards.map((h) => ({
    kind: h.kind,
    variable: h.variable,
    writtenVariable: h.writtenVariable,
    function: h.function,
    read: h.read.line,
    suspend: h.suspend.line,
    write: h.write.line,
    interferers: h.interferers.map((w) => ({ function: inFile(w.function, w.file), line: w.line })),
    steps: h.steps.map((s) => ({ task: s.task, function: inFile(s.function, s.file), action: s.action, line: s.line })),
  }));
  const lines = referencedLines(coroutines, keptHazards, limits.lines, lineText);
  const omitted = { coroutines: model.coroutines.length - coroutines.length, hazards: model.hazards.length - hazards.length };
  return omitted.coroutines + omitted.hazards > 0 ? { file, coroutines, hazards, lines, omitted } : { file, coroutines, hazards, lines };
}

/** A writer in another module is named with its file; its lines are not this file's. */
function inFile(fn: string, file: string | undefined): string {
  return file === undefined ? fn : `${fn} (${file})`;
}

/** The hazards' lines first (the step captions need them), then the coroutines', up to `max` lines. */
function referencedLines(
  coroutines: readonly CoroutineView[],
  hazards: InterleavingModel['hazards'],
  max: number,
  lineText: (line: number) => string,
): SourceLine[] {
  const wanted = new Set<number>();
  const add = (line: number): void => {
    if (wanted.size < max) wanted.add(line);
  };
  for (const h of hazards) {
    for (const at of [h.read, h.suspend, h.write]) add(at.line);
    for (const w of h.interferers) if (w.file === undefined) add(w.line);
    for (const s of h.steps) if (s.file === undefined) add(s.line);
  }
  for (const c of coroutines) {
    add(c.line);
    for (const s of c.segments) {
      add(s.startLine);
      for (const a of s.accesses) add(a.line);
    }
    for (const p of c.suspensions) add(p.line);
  }
  return [...wanted].sort((a, b) => a - b).map((line) => ({ line, text: lineText(line) }));
}
