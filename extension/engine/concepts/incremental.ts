// Classification across edits: a definition whose text and context did not
// change since an earlier parse keeps its labels, so an edit re-classifies the
// functions it touched (and none whose facts it could not have changed).
// Nothing from a parse is kept: labels are stored with their lines relative to
// the definition's `def` line, and re-based to where the definition sits now.
// The key is the definition's text and everything else its labels read, so
// one cache serves every document and every version of it.
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { moduleCoroutines } from '../python/coroutines';
import { TextNumbers } from '../syntax/textNumbers';
import { isMethodDefinition } from '../python/parameters';
import type { ConceptLabel } from './concept';
import { classifyFile, type ClassifiedFunction } from './classify';

/** Definitions remembered: a few large modules' worth. */
const DEFAULT_CAPACITY = 20_000;

/** Module contexts remembered by number (each a few kilobytes of text, and every key of the module holds one). */
const MODULE_CONTEXTS = 1_000;

/** Keeps the labels of recently classified definitions, least recently used dropped first. No editor types: usable from any host or a worker. */
export class IncrementalClassifier {
  private readonly entries = new Map<string, readonly ConceptLabel[]>();
  /** The module contexts seen (what its import bindings make of names), by number: keys carry the number, not kilobytes of text. */
  private readonly contexts = new TextNumbers(MODULE_CONTEXTS);
  /** Definitions whose labels were reused and computed, over every call so far. */
  readonly stats = { reused: 0, computed: 0 };

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Equal to `classifyFile(file)`, reusing the labels of definitions classified before in the same context. */
  classify(file: SourceFile): ClassifiedFunction[] {
    const module = this.contexts.of(moduleCoroutines(file).names.fingerprint);
    return classifyFile(file, file.functions.all, (_file, f, outer, compute) => {
      const key = functionKey(file, f, outer, module);
      let relative = this.entries.get(key);
      if (relative) {
        this.stats.reused++;
        this.entries.delete(key); // re-inserted below: most recently used last
      } else {
        relative = rebase(compute(), -f.line);
        this.stats.computed++;
      }
      this.entries.set(key, relative);
      if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
      return rebase(relative, f.line);
    });
  }
}

/**
 * What a function's labels read beyond its own text: the module's import
 * bindings (qualified names of decorators and calls), the names the module
 * binds at top level (which star imports they shadow), and how the one
 * coroutine recognizer classes the function (which depends on other
 * functions: an undecorated generator delegating to a coroutine is one).
 */
function functionKey(file: SourceFile, f: FunctionInfo, outer: readonly FunctionInfo[], module: number): string {
  const recognised = moduleCoroutines(file).of(f);
  return JSON.stringify([
    file.textOf(f.decorated ?? f.node),
    isMethodDefinition(f.node),
    // A closure's evidence is the names of the functions it is nested in.
    outer.filter((o) => o.kind === 'function').map((o) => file.textOf(o.node)),
    recognised.kind,
    recognised.flavour ?? '',
    module,
  ]);
}

function rebase(labels: readonly ConceptLabel[], by: number): readonly ConceptLabel[] {
  return labels.map((l) => ({ ...l, evidence: l.evidence.map((line) => line + by) }));
}
