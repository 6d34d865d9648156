// Which functions of a parse each conversion takes, found once per parse: the
// lens, the hover, the code action and every step on the same document
// version ask the same question.
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import type { Conversion } from './conversion';
import { isInsertedHelper } from './insertedHelpers';

const candidateCache = new WeakMap<SourceFile, Map<Conversion, readonly FunctionInfo[]>>();

/** Candidates of `conversion` in `file`, computed once per parse. */
export function candidatesOf(file: SourceFile, conversion: Conversion): readonly FunctionInfo[] {
  let perFile = candidateCache.get(file);
  if (!perFile) candidateCache.set(file, (perFile = new Map<Conversion, readonly FunctionInfo[]>()));
  let found = perFile.get(conversion);
  // The helpers a refactor inserted are machinery, never the user's functions.
  if (!found) perFile.set(conversion, (found = conversion.candidates(file).filter((f) => !isInsertedHelper(file, f))));
  return found;
}
