// The classification of one parse, shared by the lenses and the hover so a
// document version is classified once. Across versions (and documents) the
// incremental classifier reuses the labels of every definition an edit did
// not touch, so a keystroke re-classifies the edited function.
import type { SourceFile } from '../engine';
import type { ClassifiedFunction } from '../engine/concepts';
import { IncrementalClassifier } from '../engine/concepts/incremental';
import { analysisSkipped } from './analysisBudget';

const byFile = new WeakMap<SourceFile, readonly ClassifiedFunction[]>();
const classifier = new IncrementalClassifier();

export function classificationOf(file: SourceFile): readonly ClassifiedFunction[] {
  let found = byFile.get(file);
  if (!found) byFile.set(file, (found = analysisSkipped(file) ? [] : classifier.classify(file)));
  return found;
}
