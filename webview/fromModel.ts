// The panel's data from the engine's model: plain JSON with the text of every
// line it refers to. Runs on the host side (the extension and the CLI); the
// browser bundle never imports it.
import type { InterleavingModel } from '../extension/engine/interleave/model';
import type { CoroutineView, HazardView, InterleavingView, SourceLine } from './protocol';

/** `lineText(n)` gives the text of 1-based line `n`. */
export function toInterleavingView(
  model: InterleavingModel,
  file: string,
  lineText: (line: number) => string,
): InterleavingView {
  const coroutines: CoroutineView[] = model.coroutines.map((c) => ({
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
  const hazards: HazardView[] = model.hazards.map((h) => ({
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
  return { file, coroutines, hazards, lines: referencedLines(coroutines, model.hazards, lineText) };
}

/** A writer in another module is named with its file; its lines are not this file's. */
function inFile(fn: string, file: string | undefined): string {
  return file === undefined ? fn : `${fn} (${file})`;
}

function referencedLines(
  coroutines: readonly CoroutineView[],
  hazards: InterleavingModel['hazards'],
  lineText: (line: number) => string,
): SourceLine[] {
  const wanted = new Set<number>();
  for (const c of coroutines) {
    wanted.add(c.line);
    for (const s of c.segments) {
      wanted.add(s.startLine);
      for (const a of s.accesses) wanted.add(a.line);
    }
    for (const p of c.suspensions) wanted.add(p.line);
  }
  for (const h of hazards) {
    for (const at of [h.read, h.suspend, h.write]) wanted.add(at.line);
    for (const w of h.interferers) if (w.file === undefined) wanted.add(w.line);
    for (const s of h.steps) if (s.file === undefined) wanted.add(s.line);
  }
  return [...wanted].sort((a, b) => a - b).map((line) => ({ line, text: lineText(line) }));
}
