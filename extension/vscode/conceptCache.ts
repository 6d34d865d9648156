// The classification of one parse, shared by the lenses and the hover so a
// document version is classified once.
import type { SourceFile } from '../engine';
import { classifyFile, type ClassifiedFunction } from '../engine/concepts';
import { analysisSkipped } from './analysisBudget';

const byFile = new WeakMap<SourceFile, readonly ClassifiedFunction[]>();

export function classificationOf(file: SourceFile): readonly ClassifiedFunction[] {
  let found = byFile.get(file);
  if (!found) byFile.set(file, (found = analysisSkipped(file) ? [] : classifyFile(file)));
  return found;
}
