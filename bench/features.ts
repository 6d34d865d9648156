// Each feature adds its measurement here: a function over already-parsed files.
import { FunctionIndex, type SourceFile } from '../extension/engine';

export interface FeatureBench {
  readonly name: string;
  /** Returns a count of what it produced, so the work cannot be skipped. */
  run(files: readonly SourceFile[]): number;
}

export const featureBenches: readonly FeatureBench[] = [
  {
    name: 'function index',
    run(files) {
      return files.reduce((n, f) => n + new FunctionIndex(f).all.length, 0);
    },
  },
];
