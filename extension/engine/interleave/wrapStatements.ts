// Statement spans and wrapping them in `async with <lock>:`. A span is a run of
// sibling statements of one block, from the one holding the first node to the
// one holding the last; wrapping re-indents it one level, leaving the inside of
// multi-line strings and blank lines as they were.
import type { Node } from '../syntax/node';
import type { SourceFile } from '../syntax/sourceFile';

export interface StatementSpan {
  readonly block: Node;
  readonly first: Node;
  readonly last: Node;
}

/** The smallest run of sibling statements covering both nodes. */
export function spanCovering(first: Node, last: Node): StatementSpan | undefined {
  for (let a: Node | null = first; a; a = a.parent) {
    const block = a.parent;
    if (block?.type !== 'block') continue;
    for (let b: Node | null = last; b; b = b.parent) {
      if (b.parent?.id === block.id) {
        return a.startIndex <= b.startIndex ? { block, first: a, last: b } : { block, first: b, last: a };
      }
    }
  }
  return undefined;
}

export function spanContains(outer: StatementSpan, inner: StatementSpan): boolean {
  return outer.first.startIndex <= inner.first.startIndex && inner.last.endIndex <= outer.last.endIndex;
}

/**
 * Drops spans inside others and merges the runs of one block into one: two
 * separate `async with` blocks would let another task in between them.
 */
export function normalizeSpans(spans: readonly StatementSpan[]): StatementSpan[] {
  const sorted = [...spans].sort((a, b) => a.first.startIndex - b.first.startIndex || b.last.endIndex - a.last.endIndex);
  const kept: StatementSpan[] = [];
  for (const span of sorted) {
    const previous = kept[kept.length - 1];
    if (previous && spanContains(previous, span)) continue;
    if (previous?.block.id === span.block.id) {
      kept[kept.length - 1] = { block: span.block, first: previous.first, last: span.last.endIndex > previous.last.endIndex ? span.last : previous.last };
      continue;
    }
    kept.push(span);
  }
  return kept;
}

export type Wrapped = { readonly ok: true; readonly start: number; readonly end: number; readonly text: string } | { readonly ok: false; readonly reason: string };

/** The replacement that puts the span under `async with lock:`. */
export function wrapInAsyncWith(file: SourceFile, span: StatementSpan, lock: string, unit: string): Wrapped {
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', span.first.startIndex - 1) + 1;
  const indent = text.slice(lineStart, span.first.startIndex);
  const lineEnd = lineEndAt(text, span.last.endIndex);
  const trailing = text.slice(span.last.endIndex, lineEnd);
  if (/\S/.test(indent) || !/^\s*(#.*)?$/.test(trailing)) {
    return { ok: false, reason: `line ${String(file.lineOf(span.first))} holds more than the statements to guard; put them on lines of their own first` };
  }
  const inString = stringContinuationLines(file, span);
  const firstLine = file.lineOf(span.first);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const body = text
    .slice(lineStart, span.last.endIndex)
    .split('\n')
    .map((line, i) => (inString.has(firstLine + i) || line.trim() === '' ? line : unit + line))
    .join('\n');
  return { ok: true, start: lineStart, end: span.last.endIndex, text: `${indent}async with ${lock}:${eol}${body}` };
}

/** The indentation one level adds in this function: its body's indent beyond the `def`'s. */
export function indentUnit(file: SourceFile, definition: Node, body: Node): string {
  const first = body.namedChildren.find((c) => c !== null && c.type !== 'comment');
  const defColumn = file.positionAt(definition.startIndex).character;
  if (!first) return '    ';
  const bodyIndent = file.text.slice(file.offsetAt({ line: file.positionAt(first.startIndex).line, character: 0 }), first.startIndex);
  const unit = bodyIndent.slice(defColumn);
  return unit.length > 0 && /^\s+$/.test(unit) ? unit : '    ';
}

function lineEndAt(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

/** 1-based lines that continue a multi-line string: re-indenting would change the string. */
function stringContinuationLines(file: SourceFile, span: StatementSpan): Set<number> {
  const lines = new Set<number>();
  const visit = (node: Node): void => {
    if (node.type === 'string') {
      for (let line = file.lineOf(node) + 1; line <= file.endLineOf(node); line++) lines.add(line);
      return;
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  for (const statement of span.block.namedChildren) {
    if (statement && statement.startIndex >= span.first.startIndex && statement.endIndex <= span.last.endIndex) visit(statement);
  }
  return lines;
}
