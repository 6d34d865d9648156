// The sweep's check that a conversion touched only what it says it touched:
// every changed line of the reported edits lies in a converted function, is an
// import, is an inserted helper (runner, trampoline, adapter) or its region
// markers, or was a line naming a converted function or inside a call of one
// (a call site, matched by its last name: lenient, but a change to a line that
// names none and lies in no such call is caught).
// Anything else is a silent change to code the user did not ask to convert.
import type { ConversionResult } from '../../extension/engine/ladder/conversion';
import { calleeName } from '../../extension/engine/ladder/callText';
import { isInsertedHelper } from '../../extension/engine/ladder/insertedHelpers';
import { lineEdits } from '../../extension/engine/ladder/lineEdits';
import { END_REGION, HELPER_REGION } from '../../extension/engine/ladder/moduleInsert';
import type { SourceFile } from '../../extension/engine';
import { appliedEdits } from '../helpers/edits';

const IMPORT_LINE = /^\s*(?:import\s|from\s+\S+\s+import\s)/;

/** Why `result` (a conversion of `before`, whose output parses as `after`) changes more than it reports; undefined when it does not. */
export function unreportedChange(before: SourceFile, after: SourceFile, result: ConversionResult): string | undefined {
  if (appliedEdits(before.text, result.edits) !== after.text) return 'the edits do not give the new text';
  // From the start of the definition's line: a decorator is inserted before its indentation.
  const spans = result.converted.flatMap((name) =>
    before.functions.named(name).map((f) => (f.decorated ?? f.node)).map((n) => ({ start: before.text.lastIndexOf('\n', n.startIndex - 1) + 1, end: n.endIndex })),
  );
  const shortNames = result.converted.map((name) => name.split('.').at(-1) ?? name);
  const helpers = after.functions.all.filter((f) => isInsertedHelper(after, f)).map((f) => f.node);
  let shift = 0;
  for (const hunk of [...result.edits].sort((a, b) => a.start - b.start).flatMap((e) => lineEdits(before.text.slice(e.start, e.end), e.newText, e.start))) {
    const old = before.text.slice(hunk.start, hunk.end);
    const at = hunk.start + shift;
    shift += hunk.newText.length - old.length;
    if (spans.some((s) => s.start <= hunk.start && hunk.end <= s.end)) continue;
    let offset = at;
    const added = hunk.newText.split(/(?<=\n)/).map((line) => ({ line: line.replace(/\r?\n$/, ''), offset: (offset += line.length) - line.length }));
    const isImportOrHelper = (l: { line: string; offset: number }): boolean =>
      [HELPER_REGION, END_REGION, ''].includes(l.line.trim()) || IMPORT_LINE.test(l.line) || helpers.some((h) => h.startIndex <= l.offset && l.offset <= h.endIndex);
    const stray = added.find((l) => !isImportOrHelper(l));
    if (old.split(/\r?\n/).every((l) => l.trim() === '' || IMPORT_LINE.test(l)) && !stray) continue;
    if (shortNames.some((n) => new RegExp(`\\b${escape(n)}\\b`, 'u').test(old)) || insideCallOf(before, hunk.start, shortNames)) continue;
    const what = stray ? `adds ${JSON.stringify(stray.line)}` : `${JSON.stringify(old.slice(0, 200))} → ${JSON.stringify(hunk.newText.slice(0, 200))}`;
    return `line ${String(before.positionAt(hunk.start).line + 1)} changed outside the converted functions (${result.converted.join(', ')}): ${what}`;
  }
  return undefined;
}

/** Is `offset` inside a call of one of `names` (the later lines of a call spread over several, where the continuation goes)? */
function insideCallOf(file: SourceFile, offset: number, names: readonly string[]): boolean {
  for (let n = file.root.descendantForIndex(offset); n; n = n.parent) if (n.type === 'call' && names.includes(calleeName(n) ?? '')) return true;
  return false;
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
