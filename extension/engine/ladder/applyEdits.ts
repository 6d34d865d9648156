// Applies a conversion's edits, then tidies the imports it affected, and hands
// back one set of edits against the original text. The result is re-parsed
// incrementally from the original tree and refused if it does not parse cleanly.
import { EditBuilder } from '../syntax/editBuilder';
import type { SourceFile, TextChange } from '../syntax/sourceFile';
import { importEdits } from './moduleImports';

export type Applied =
  | { readonly ok: true; readonly text: string | undefined; readonly edits: readonly TextChange[] }
  | { readonly ok: false; readonly reason: string };

export function applyWithImports(file: SourceFile, edits: readonly TextChange[], needs: ReadonlySet<string>): Applied {
  if (edits.length === 0) return { ok: true, text: undefined, edits: [] };
  const sorted = validated(file, edits);
  if (typeof sorted === 'string') return { ok: false, reason: sorted };
  const first = reparsed(file, sorted);
  const problem = parseProblem(first);
  if (problem) {
    first.dispose();
    return { ok: false, reason: problem };
  }
  const tidy = importEdits(file, first, needs);
  const mapped: TextChange[] = [];
  for (const e of tidy) {
    const start = toOriginal(sorted, e.start);
    const end = toOriginal(sorted, e.end);
    if (start === undefined || end === undefined) {
      first.dispose();
      return { ok: false, reason: 'the import changes would overlap the code changes; nothing was changed' };
    }
    mapped.push({ start, end, newText: e.newText });
  }
  const final = tidy.length > 0 ? reparsed(first, tidy) : first;
  if (final !== first) first.dispose();
  const late = parseProblem(final);
  const text = final.text;
  if (late) {
    final.dispose();
    return { ok: false, reason: late };
  }
  // convertFile checks the same text next: it takes this parse rather than making another.
  file.keep(final);
  // An import lands where the inserted helpers start (after the module's imports): at one offset,
  // insertions apply in list order, so the imports go first, as in `text`.
  const all = validated(file, [...mapped, ...sorted]);
  if (typeof all === 'string') return { ok: false, reason: all };
  return { ok: true, text, edits: all };
}

/** The edits in source order, or why they conflict. */
function validated(file: SourceFile, edits: readonly TextChange[]): TextChange[] | string {
  const builder = new EditBuilder(file);
  try {
    for (const e of edits) builder.replace(e.start, e.end, e.newText);
  } catch (error) {
    return `conflicting rewrites (${(error as Error).message}); nothing was changed`;
  }
  return builder.sorted();
}

/**
 * The file after `sorted`. A few edits re-parse incrementally from the old
 * tree; many scattered ones are cheaper to parse afresh (each incremental edit
 * costs a scan of the text for its row and column).
 */
function reparsed(file: SourceFile, sorted: readonly TextChange[]): SourceFile {
  if (sorted.length <= INCREMENTAL_LIMIT) return file.withChanges(sequential(sorted), true);
  let text = '';
  let at = 0;
  for (const e of sorted) {
    text += file.text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return file.reparse(text + file.text.slice(at));
}

const INCREMENTAL_LIMIT = 16;

/** Sorted edits against one text, as changes to apply one after another (each shifted by those before it). */
function sequential(sorted: readonly TextChange[]): TextChange[] {
  let shift = 0;
  return sorted.map((e) => {
    const change = { start: e.start + shift, end: e.end + shift, newText: e.newText };
    shift += e.newText.length - (e.end - e.start);
    return change;
  });
}

function parseProblem(file: SourceFile): string | undefined {
  const [first] = file.syntaxErrors;
  return first
    ? `the rewritten code would not parse (${String(first.line)}:${String(first.column)}: ${first.message}); nothing was changed`
    : undefined;
}

/** Maps an offset of the edited text back to the original, unless it falls inside new text. */
function toOriginal(edits: readonly TextChange[], offset: number): number | undefined {
  let shift = 0;
  for (const e of edits) {
    const newStart = e.start + shift;
    if (offset <= newStart) break;
    if (offset < newStart + e.newText.length) return undefined;
    shift += e.newText.length - (e.end - e.start);
  }
  return offset - shift;
}
