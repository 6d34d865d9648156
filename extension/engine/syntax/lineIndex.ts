// Offsets are UTF-16 code units, the unit of JavaScript strings, of VS Code
// positions and of web-tree-sitter's indices for string input. Lines break at
// "\r\n", "\n" and a lone "\r", as both VS Code and Python do.

export interface Position {
  /** 0-based line. */
  readonly line: number;
  /** 0-based UTF-16 column. */
  readonly character: number;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStart(mid) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.lineStart(lo) };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.lineStart(position.line);
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** Offset just past the line's last character, before its line break. */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The line break this text uses first ("\n" when it has none). */
  get eol(): string {
    const first = this.starts[1];
    if (first === undefined) return '\n';
    return this.text.slice(this.lineEnd(0), first);
  }
}

/** tree-sitter's own notion of a point: rows split at "\n" (and a lone "\r", see below), columns in UTF-16 units. */
export function treeSitterPoint(text: string, offset: number): { row: number; column: number } {
  // The parser reads a lone `\r` as `\n` (parser.ts), so it ends a row too.
  let row = 0;
  let lineStart = 0;
  const breaks = /\n|\r(?!\n)/g;
  for (let match = breaks.exec(text); match && match.index < offset; match = breaks.exec(text)) {
    row++;
    lineStart = match.index + 1;
  }
  return { row, column: offset - lineStart };
}
