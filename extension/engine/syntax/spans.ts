// Binary searches over source order. Is a node inside any of many others? Asked once per use of a name across a
// module-wide step, a scan of every converted function per use was quadratic.
// Syntax nodes nest or stand apart, so the outermost ones, in source order,
// answer by a binary search.

interface Span {
  readonly startIndex: number;
  readonly endIndex: number;
}

export class Spans {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(spans: Iterable<Span>) {
    for (const s of [...spans].sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex)) {
      const last = this.ends.length - 1;
      // One inside the previous outermost span adds nothing.
      if (last >= 0 && s.endIndex <= (this.ends[last] ?? 0)) continue;
      this.starts.push(s.startIndex);
      this.ends.push(s.endIndex);
    }
  }

  /** Does one of the spans hold all of `inner`? */
  covers(inner: Span): boolean {
    const i = this.lastStartingBy(inner.startIndex);
    return i >= 0 && inner.endIndex <= (this.ends[i] ?? -1);
  }

  /** Is `span` one of the spans that no other holds? */
  isOutermost(span: Span): boolean {
    const i = this.lastStartingBy(span.startIndex);
    return i >= 0 && this.starts[i] === span.startIndex && this.ends[i] === span.endIndex;
  }

  /** The index of the last outermost span starting at or before `offset`, or -1. */
  private lastStartingBy(offset: number): number {
    return firstNotBefore(this.starts, (start) => start <= offset) - 1;
  }
}

/** The first index of `sorted` whose item is not `before` the point sought (a binary search: `before` holds for a prefix). */
export function firstNotBefore<T>(sorted: readonly T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(sorted[middle] as T)) low = middle + 1;
    else high = middle;
  }
  return low;
}
