// The classification of one parse, shared by the lenses and the hover so a
// document version is classified once. Across versions (and documents) the
// incremental classifier reuses the labels of every definition an edit did
// not touch, so a keystroke re-classifies the edited function.
import type { SourceFile } from '../engine';
import type { ClassifiedFunction } from '../engine/concepts';
import { IncrementalClassifier } from '../engine/concepts/incremental';
import { analysisSkipped } from './analysisLimits';

const byFile = new WeakMap<SourceFile, readonly ClassifiedFunction[]>();
const classifier = new IncrementalClassifier();

export function classificationOf(file: SourceFile): readonly ClassifiedFunction[] {
  let found = byFile.get(file);
  if (!found) byFile.set(file, (found = analysisSkipped(file) ? [] : classifier.classify(file)));
  return found;
}

/** 0-based line where a definition starts: its first decorator, or `def`/`class`. */
export function startLine(file: SourceFile, f: ClassifiedFunction): number {
  return file.lineOf(f.info.decorated ?? f.info.node) - 1;
}

/** The classified definition named `name` whose first line is `line` (0-based), or the nearest of that name. */
export function findClassified(file: SourceFile, name: string, line: number): ClassifiedFunction | undefined {
  return classificationOf(file)
    .filter((f) => f.name === name)
    .sort((a, b) => Math.abs(startLine(file, a) - line) - Math.abs(startLine(file, b) - line))[0];
}
