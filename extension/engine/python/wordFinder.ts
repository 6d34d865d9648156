// Where a name is spelled in a module's text, as a whole word. One question
// is a text search; a module asked about many names (a whole-file conversion
// asks about each of its functions) is indexed once instead, so the cost of
// all the questions stays linear in the module's size rather than growing
// with the number of names times the size.
//
// Python reads identifiers in NFKC form (`ｓｑｕａｒｅ` is `square`), so a
// question is about the name, not the spelling. ASCII text spells every name
// one way and keeps the plain text search; a text with any other character is
// indexed by NFKC name at its first question, so a spelling the search could
// not see is still found (one walk, as for a much-asked module).
import type { Node } from '../syntax/node';
import type { SourceFile } from '../syntax/sourceFile';
import { pythonName } from './identifiers';

/** Distinct questions about one text before indexing all its words pays off. */
const MANY_QUESTIONS = 8;

/** Characters an identifier may continue with (letters, digits, marks, connectors such as `_`). */
const WORD_CHARACTER = '[\\p{L}\\p{N}\\p{Mn}\\p{Mc}\\p{Pc}]';

export class WordFinder {
  private questions = 0;
  private index: Map<string, number[]> | undefined;
  private readonly ascii: boolean;
  /** The words with a character beyond ASCII, by start, with the names they spell: the only ones a text search for a name can miss. */
  private unusual: readonly { readonly at: number; readonly name: string }[] | undefined;

  constructor(private readonly text: string) {
    // eslint-disable-next-line no-control-regex
    this.ascii = !/[^\x00-\x7f]/.test(text);
  }

  /** Does a word naming `word` (NFKC-equal to it) occur in the text, not inside a longer name? */
  mentions(word: string): boolean {
    return this.startsOf(word).length > 0;
  }

  /** Offsets where a word naming `word` starts, however it is spelled. */
  startsOf(word: string): readonly number[] {
    const name = pythonName(word);
    if (!this.index && (!this.ascii || ++this.questions > MANY_QUESTIONS)) this.index = wordStarts(this.text, this.ascii);
    if (this.index) return this.index.get(name) ?? [];
    if (!this.text.includes(name)) return [];
    return [...this.text.matchAll(spelledAsWord(name))].map((m) => m.index);
  }

  /**
   * The first offset in text order where a word naming `word` starts and
   * `accept` agrees, read no further than that: a question whose answer is
   * usually near (is the name used at all?) need not index the whole text.
   */
  firstOf(word: string, accept: (at: number) => boolean): number | undefined {
    const name = pythonName(word);
    if (this.index) return this.startsOf(name).find(accept);
    // A word of ASCII alone names what it spells; any other word naming `name` holds a character beyond ASCII.
    // eslint-disable-next-line no-control-regex
    const plain = /^[\x00-\x7f]*$/.test(name) && this.text.includes(name) ? this.text.matchAll(spelledAsWord(name)) : [];
    const others = this.ascii ? [] : (this.unusual ??= unusualWords(this.text)).filter((w) => w.name === name).map((w) => w.at);
    let next = 0;
    for (const match of plain) {
      for (; next < others.length && (others[next] as number) < match.index; next++) if (accept(others[next] as number)) return others[next];
      if (accept(match.index)) return match.index;
    }
    return others.slice(next).find(accept);
  }
}

const WORD_CHARACTER_ONLY = new RegExp(`^${WORD_CHARACTER}$`, 'u');
const WORD_AT = new RegExp(`${WORD_CHARACTER}+`, 'uy');

/** Every word holding a character beyond ASCII, in text order, with the name Python reads it as: found from those characters, which are few. */
function unusualWords(text: string): { at: number; name: string }[] {
  const words: { at: number; name: string }[] = [];
  let end = 0;
  // eslint-disable-next-line no-control-regex
  for (const odd of text.matchAll(/[^\x00-\x7f]/g)) {
    if (odd.index < end) continue;
    let start = odd.index;
    for (let before = codePointBefore(text, start); before && WORD_CHARACTER_ONLY.test(before); before = codePointBefore(text, start)) start -= before.length;
    WORD_AT.lastIndex = start;
    const word = WORD_AT.exec(text)?.[0] ?? '';
    // Not a word's character (a dash, a quote): no word here.
    if (start + word.length <= odd.index) continue;
    words.push({ at: start, name: pythonName(word) });
    end = start + word.length;
  }
  return words;
}

/** The code point that ends just before `offset` ('' at the start). */
function codePointBefore(text: string, offset: number): string {
  const low = text.charCodeAt(offset - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && offset >= 2 && text.charCodeAt(offset - 2) >= 0xd800 && text.charCodeAt(offset - 2) <= 0xdbff;
  return text.slice(offset - (pair ? 2 : 1), offset);
}

function spelledAsWord(name: string): RegExp {
  return new RegExp(`(?<!${WORD_CHARACTER})${escaped(name)}(?!${WORD_CHARACTER})`, 'gu');
}

const finders = new WeakMap<SourceFile, WordFinder>();

/** The finder of a parse's text, made once per parse: each asks it about many names. */
export function wordsOf(file: SourceFile): WordFinder {
  let words = finders.get(file);
  if (!words) finders.set(file, (words = new WordFinder(file.text)));
  return words;
}

/**
 * Identifier nodes under `root` naming `name` (attribute names included:
 * tree-sitter makes them identifiers). Found in the text, confirmed on the
 * tree: far cheaper than visiting every identifier of a module.
 */
export function identifiersNamed(root: Node, words: WordFinder, name: string): Node[] {
  const wanted = pythonName(name);
  const found: Node[] = [];
  for (const at of words.startsOf(wanted)) {
    const node = identifierAt(root, at, wanted);
    if (node) found.push(node);
  }
  return found;
}

/** The first identifier under `root` naming `name` that `accept` takes, in text order; nothing past it is read. */
export function firstIdentifierNamed(root: Node, words: WordFinder, name: string, accept: (identifier: Node) => boolean): Node | undefined {
  const wanted = pythonName(name);
  let found: Node | undefined;
  words.firstOf(wanted, (at) => {
    const node = identifierAt(root, at, wanted);
    if (node && accept(node)) found = node;
    return found !== undefined;
  });
  return found;
}

/** The identifier naming `wanted` that starts at `at`, if the word there is one. */
function identifierAt(root: Node, at: number, wanted: string): Node | undefined {
  // The spelling found may be longer or shorter than the name (NFKC), so the node is found by where it starts.
  const node = root.descendantForIndex(at, at);
  return node?.type === 'identifier' && node.startIndex === at && pythonName(node.text) === wanted ? node : undefined;
}

/**
 * Where each maximal run of identifier characters starts, by the name Python
 * reads it as. In ASCII text those characters are `[A-Za-z0-9_]` and every
 * word is its own name: the Unicode classes and NFKC are left out there.
 */
function wordStarts(text: string, ascii: boolean): Map<string, number[]> {
  const starts = new Map<string, number[]>();
  for (const m of text.matchAll(ascii ? /\w+/g : new RegExp(`${WORD_CHARACTER}+`, 'gu'))) {
    const name = ascii ? m[0] : pythonName(m[0]);
    const at = starts.get(name);
    if (at) at.push(m.index);
    else starts.set(name, [m.index]);
  }
  return starts;
}

function escaped(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
