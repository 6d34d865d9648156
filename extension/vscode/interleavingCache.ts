// The interleavings analysis of one parse, shared by the diagnostics and the
// lenses so a document version is analysed once.
import type { SourceFile } from '../engine';
import { analyzeInterleavings, type InterleavingModel } from '../engine/interleave/model';

const byFile = new WeakMap<SourceFile, InterleavingModel>();

export function interleavingsOf(file: SourceFile): InterleavingModel {
  let found = byFile.get(file);
  if (!found) byFile.set(file, (found = analyzeInterleavings(file)));
  return found;
}
