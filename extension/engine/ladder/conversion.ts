// The contract every rung-to-rung refactor implements (one file each in
// conversions/). Front ends reach them through takeStep, never directly.
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile, TextChange } from '../syntax/sourceFile';
import type { ProjectUses } from './projectUses';
import type { Refusal } from './refusal';

export type { Refusal, RefusalCode } from './refusal';

/** The rungs of the ladder, bottom to top. */
export type Rung = 'direct' | 'cps' | 'generator' | 'async';

/**
 * What a step does to a public function whose users the project cannot all
 * show (the public API of an importable module), where the step would change
 * how it is called or what it returns: `keep` converts it behind its old
 * contract where a native form keeps it (a Twisted one still returns a
 * Deferred) and refuses it where one would but cannot (a Tornado Future);
 * steps to or from CPS and out of the inline-callbacks form change how it is
 * called on purpose, and convert. `refuse` refuses it on every step that
 * changes its calls or result; `convert` converts it like any other.
 */
export type PublicApiPolicy = 'keep' | 'refuse' | 'convert';

export const PUBLIC_API_POLICIES: readonly PublicApiPolicy[] = ['keep', 'refuse', 'convert'];

export interface ConversionOptions {
  /** The public-API policy (default `keep`). */
  readonly publicApi?: PublicApiPolicy;
  /** Name of the continuation parameter a CPS function takes (default `cont`). */
  readonly continuationName?: string;
  /** Name of the error continuation (default `on_error`). */
  readonly errorContinuationName?: string;
  /** Name of the inline-callbacks runner decorator (default `inline_callbacks`). */
  readonly runnerName?: string;
  /** CPS calls return thunks run by a trampoline, so deep recursion fits the stack. */
  readonly trampoline?: boolean;
  /** Also convert the callers in the module that the change would break. */
  readonly withCallers?: boolean;
  /** Uses in the project's other modules: a step that would break one is refused. */
  readonly project?: ProjectUses;
}

export interface ConversionResult {
  /** The whole new text, re-parsed cleanly; undefined when nothing changed. */
  readonly text: string | undefined;
  /** The same change as minimal edits against the original text. */
  readonly edits: readonly TextChange[];
  /** Dotted names converted (callers converted along with them included). */
  readonly converted: readonly string[];
  readonly refused: readonly Refusal[];
}

export interface Conversion {
  /** Stable id, e.g. `generator-to-async`. */
  readonly id: string;
  /** The rung this conversion moves a function from. */
  readonly from: Rung;
  /** The rung this conversion moves a function to. */
  readonly to: Rung;
  /**
   * Whether every call of a converted function must change with it (a
   * continuation added or taken away, a runner to drive it): the public-API
   * policy then decides about public functions. The step to async/await
   * applies the policy itself, and a native coroutine's callers await the
   * generator-based one it becomes as before.
   */
  readonly changesCalls: boolean;
  /** Functions of `file` this conversion applies to (the candidates when the user names none). */
  candidates(file: SourceFile): readonly FunctionInfo[];
  /** Converts `functions` (each one of `candidates(file)`), refusing those it cannot convert safely. */
  convert(file: SourceFile, functions: readonly FunctionInfo[], options: ConversionOptions): ConversionResult;
}
