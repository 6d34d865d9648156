// Turns "replace this region with that text" into the smallest set of
// line-level edits, so unchanged lines inside a rewritten function (comments,
// docstrings, untouched statements) are not part of any edit.
import type { TextChange } from '../syntax/sourceFile';

/** Edits turning `before` (found at `offset` in the file) into `after`, one per run of changed lines. */
export function lineEdits(before: string, after: string, offset: number): TextChange[] {
  const a = splitKeepingEnds(before);
  const b = splitKeepingEnds(after);
  // Longest common subsequence of lines (function bodies are small): lcs[i * (m + 1) + j] for a[i:], b[j:].
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  const at = (i: number, j: number): number => lcs[i * width + j] ?? 0;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i * width + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  }
  const edits: TextChange[] = [];
  let pending: { start: number; end: number; newText: string } | undefined;
  let pos = offset;
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const left = a[i];
    const right = b[j];
    if (left !== undefined && left === right) {
      if (pending) edits.push(pending);
      pending = undefined;
      pos += left.length;
      i++;
      j++;
    } else if (right !== undefined && (left === undefined || at(i, j + 1) >= at(i + 1, j))) {
      pending ??= { start: pos, end: pos, newText: '' };
      pending.newText += right;
      j++;
    } else {
      pending ??= { start: pos, end: pos, newText: '' };
      pos += left?.length ?? 0;
      pending.end = pos;
      i++;
    }
  }
  if (pending) edits.push(pending);
  return edits;
}

function splitKeepingEnds(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}
