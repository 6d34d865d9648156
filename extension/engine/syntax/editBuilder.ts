// Collects non-overlapping replacements against one SourceFile's text and
// applies them all at once. The result is re-parsed; a result with any syntax
// error is refused, so a refactor can never hand back broken code.
import type { Node } from './node';
import type { SourceFile, TextChange } from './sourceFile';
import { firstNotBefore } from './spans';

export type EditResult =
  | { readonly ok: true; readonly file: SourceFile; readonly edits: readonly TextChange[] }
  | { readonly ok: false; readonly reason: string };

export class EditBuilder {
  /**
   * Kept in source order as they come (insertions before a replacement at the
   * same offset, insertions at one offset in the order added), so a new edit
   * is checked against its neighbours only: a module-wide step adds thousands.
   */
  private readonly edits: TextChange[] = [];

  constructor(readonly source: SourceFile) {}

  get isEmpty(): boolean {
    return this.edits.length === 0;
  }

  replace(start: number, end: number, newText: string): this {
    if (start < 0 || end < start || end > this.source.text.length) {
      throw new RangeError(`edit [${String(start)}, ${String(end)}) is outside the text`);
    }
    if (this.source.text.slice(start, end) === newText) return this;
    const edit = { start, end, newText };
    // Edits that do not overlap end in the order they start: those that could overlap this one
    // end after it starts and start before it ends, one run of neighbours.
    for (let i = this.firstEndingAfter(start); i < this.edits.length; i++) {
      const other = this.edits[i] as TextChange;
      if (other.start >= end) break;
      if (overlaps(other, edit)) {
        throw new Error(`edit [${String(start)}, ${String(end)}) overlaps [${String(other.start)}, ${String(other.end)})`);
      }
    }
    this.edits.splice(this.insertionIndex(edit), 0, edit);
    return this;
  }

  /** The index of the first edit that ends at or after `offset`. */
  private firstEndingAfter(offset: number): number {
    return firstNotBefore(this.edits, (e) => e.end < offset);
  }

  /** Where `edit` goes in source order: after every edit that sorts before it or with it. */
  private insertionIndex(edit: TextChange): number {
    return firstNotBefore(this.edits, (e) => compareEdits(e, edit) <= 0);
  }

  replaceNode(node: Node, newText: string): this {
    return this.replace(node.startIndex, node.endIndex, newText);
  }

  insert(offset: number, text: string): this {
    return this.replace(offset, offset, text);
  }

  delete(start: number, end: number): this {
    return this.replace(start, end, '');
  }

  /** The edits in source order, each against the original text. */
  sorted(): TextChange[] {
    return [...this.edits];
  }

  /** Applies every edit, re-parses (incrementally), and refuses the result if it does not parse cleanly. */
  apply(): EditResult {
    const edits = this.sorted();
    let text = '';
    let at = 0;
    for (const e of edits) {
      text += this.source.text.slice(at, e.start) + e.newText;
      at = e.end;
    }
    text += this.source.text.slice(at);
    const file = reparsedAfter(this.source, edits, text);
    const [first] = file.syntaxErrors;
    if (first) {
      file.dispose();
      return {
        ok: false,
        reason: `the rewritten code would not parse (${String(first.line)}:${String(first.column)}: ${first.message}); nothing was changed`,
      };
    }
    return { ok: true, file, edits };
  }
}

/**
 * The parse of `text`, which `edits` (against the source's text) made of the
 * source: the one a conversion kept when it checked the same text, or
 * re-parsed incrementally over the span the edits cover when the text outside
 * it is the source's and the span is under half the text, afresh otherwise.
 */
export function reparsedAfter(source: SourceFile, edits: readonly TextChange[], text: string): SourceFile {
  const kept = source.takeKept(text);
  if (kept) return kept;
  if (edits.length === 0) return source.reparse(text);
  const span = spanning(edits, source.text, text);
  const outsideKept = source.text.slice(0, span.start) + span.newText + source.text.slice(span.end) === text;
  // Re-parsing over most of the text costs more than a fresh parse (a module-wide step spans nearly all of it).
  return outsideKept && span.newText.length * 2 < text.length ? source.withChanges([span], true) : source.reparse(text);
}

/**
 * One change from the first edit's start to the last one's end: re-parsing
 * from the source's tree then re-reads only that span (a step that rewrites
 * one function re-parses about that function, not the whole module).
 */
function spanning(edits: readonly TextChange[], before: string, after: string): TextChange {
  const start = Math.min(...edits.map((e) => e.start));
  const end = Math.max(...edits.map((e) => e.end));
  return { start, end, newText: after.slice(start, after.length - (before.length - end)) };
}

/** Source order: at one offset, insertions go before a replacement starting there. */
function compareEdits(a: TextChange, b: TextChange): number {
  return a.start - b.start || replacing(a) - replacing(b);
}

function replacing(edit: TextChange): number {
  return edit.start === edit.end ? 0 : 1;
}

/**
 * Replacements may touch but not share characters; an insertion may sit at the
 * edge of a replacement but not inside it. Insertions at one point apply in the
 * order they were added.
 */
function overlaps(a: TextChange, b: TextChange): boolean {
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}
