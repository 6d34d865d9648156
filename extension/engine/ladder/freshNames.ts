// Names for the continuations, joins and loops a refactor introduces: readable,
// and never equal to a name the module already uses (names used only inside
// the helpers the refactors insert do not count: those are their own locals).
import { identifiersNamed, wordsOf, type WordFinder } from '../python/wordFinder';
import type { Node } from '../syntax/node';
import type { SourceFile } from '../syntax/sourceFile';
import { isInsertedHelper } from './insertedHelpers';

export class FreshNames {
  /** Names handed out so far. */
  private readonly given = new Set<string>();
  /** The next suffix worth trying per base, so the thousandth `loop` of a file costs no more than the first. */
  private readonly nextSuffix = new Map<string, number>();
  // Each name tried is looked up where the text spells it, not by reading every identifier of the module.
  private readonly words: WordFinder;
  private helpers: readonly Node[] | undefined;

  constructor(private readonly file: SourceFile) {
    this.words = wordsOf(file);
  }

  /** `base` if free, else `base2`, `base3`, ...; the name is taken from then on. */
  fresh(base: string): string {
    let name = base;
    let i = this.nextSuffix.get(base) ?? 2;
    if (this.taken(name)) {
      for (; this.taken((name = `${base}${String(i)}`)); i++);
      i++;
    }
    this.nextSuffix.set(base, i);
    this.given.add(name);
    return name;
  }

  private taken(name: string): boolean {
    if (this.given.has(name)) return true;
    const helpers = (this.helpers ??= this.file.functions.all.filter((f) => isInsertedHelper(this.file, f)).map((f) => f.node));
    return identifiersNamed(this.file.root, this.words, name).some((id) => !helpers.some((h) => h.startIndex <= id.startIndex && id.endIndex <= h.endIndex));
  }
}
