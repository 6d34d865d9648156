// A conversion's edits applied to the text they were made against, as VS Code
// applies them: in source order, an insertion before a replacement that starts
// where it is, insertions at one offset in list order.
import type { TextChange } from '../../extension/engine';

export function appliedEdits(text: string, edits: readonly TextChange[]): string {
  const isInsertion = (e: TextChange): number => (e.start === e.end ? 0 : 1);
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || isInsertion(a) - isInsertion(b))) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}
