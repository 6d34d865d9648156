// Where a name is spelled in a module's text, as a whole word. One question
// is a text search; a module asked about many names (a whole-file conversion
// asks about each of its functions) is indexed once instead, so the cost of
// all the questions stays linear in the module's size rather than growing
// with the number of names times the size.

/** Distinct questions about one text before indexing all its words pays off. */
const MANY_QUESTIONS = 8;

export class WordFinder {
  private questions = 0;
  private index: Map<string, number[]> | undefined;

  constructor(private readonly text: string) {}

  /** Does `word` occur in the text delimited as a word (not inside a longer name)? */
  mentions(word: string): boolean {
    return this.startsOf(word).length > 0;
  }

  /** Offsets where `word` starts as a whole word. */
  startsOf(word: string): readonly number[] {
    if (!this.index && ++this.questions > MANY_QUESTIONS) this.index = wordStarts(this.text);
    if (this.index) return this.index.get(word) ?? [];
    if (!this.text.includes(word)) return [];
    const spelled = new RegExp(`(?<![\\p{L}\\p{N}_])${escaped(word)}(?![\\p{L}\\p{N}_])`, 'gu');
    return [...this.text.matchAll(spelled)].map((m) => m.index);
  }
}

/** Where each maximal run of letters, digits and underscores starts, by its spelling. */
function wordStarts(text: string): Map<string, number[]> {
  const starts = new Map<string, number[]>();
  for (const m of text.matchAll(/[\p{L}\p{N}_]+/gu)) {
    const at = starts.get(m[0]);
    if (at) at.push(m.index);
    else starts.set(m[0], [m.index]);
  }
  return starts;
}

function escaped(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
