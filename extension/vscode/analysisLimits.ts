// What is analysed at all, without VS Code: shared by the host's providers
// (analysisBudget.ts) and the engine's worker thread (worker/), so both skip
// the same documents for the same reason.
import type { SourceFile } from '../engine';

/**
 * Characters above which a document is not analysed: about 7,000 lines of
 * ordinary Python, whose parse and analyses each stay near the host's 50 ms
 * budget on an unloaded machine (bench/RESULTS.md).
 */
export const MAX_ANALYSED_CHARS = 256 * 1024;

export function tooLarge(length: number): string {
  return `the file has ${length.toLocaleString('en')} characters; Concept Lenses analyses files up to ${MAX_ANALYSED_CHARS.toLocaleString('en')}`;
}

/** Why a parse is not analysed, or undefined when it is. */
export function analysisSkipped(file: SourceFile): string | undefined {
  if (file.text.length > MAX_ANALYSED_CHARS) return tooLarge(file.text.length);
  const [problem] = file.syntaxErrors;
  return problem?.code === 'too-deep' ? `line ${String(problem.line)}: ${problem.message}` : undefined;
}
