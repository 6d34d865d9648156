// Names for the continuations, joins and loops a refactor introduces: readable,
// and never equal to a name the module already uses (names used only inside
// the helpers the refactors insert do not count: those are their own locals).
import type { SourceFile } from '../syntax/sourceFile';
import { isInsertedHelper } from './insertedHelpers';

export class FreshNames {
  private readonly taken = new Set<string>();
  /** The next suffix worth trying per base, so the thousandth `loop` of a file costs no more than the first. */
  private readonly nextSuffix = new Map<string, number>();

  constructor(file: SourceFile) {
    const helpers = file.functions.all.filter((f) => isInsertedHelper(file, f)).map((f) => f.node);
    for (const id of file.root.descendantsOfType('identifier')) {
      if (id && !helpers.some((h) => h.startIndex <= id.startIndex && id.endIndex <= h.endIndex)) this.taken.add(id.text);
    }
  }

  /** `base` if free, else `base2`, `base3`, ...; the name is taken from then on. */
  fresh(base: string): string {
    let name = base;
    let i = this.nextSuffix.get(base) ?? 2;
    if (this.taken.has(name)) {
      for (; this.taken.has((name = `${base}${String(i)}`)); i++);
      i++;
    }
    this.nextSuffix.set(base, i);
    this.taken.add(name);
    return name;
  }
}
