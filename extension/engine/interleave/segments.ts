// Cuts a coroutine into its atomic segments at its suspension points.
import type { Segment, SuspensionPoint } from './model';

/** Segment i ends at suspension point i; the last one ends with the function. */
export function segmentsOf(line: number, endLine: number, suspensions: readonly SuspensionPoint[]): Segment[] {
  const segments: Segment[] = [];
  let startLine = line;
  for (const point of suspensions) {
    segments.push({ index: segments.length, startLine, endLine: point.line });
    startLine = point.line;
  }
  segments.push({ index: segments.length, startLine, endLine: Math.max(startLine, endLine) });
  return segments;
}
