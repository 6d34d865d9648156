// One parsed Python text: the text, its tree-sitter tree and its line index.
// Every feature works from the same SourceFile for a given document version.
import { SyntaxTree, type Node } from './node';
import { LineIndex, treeSitterPoint, type Position } from './lineIndex';
import { textAsParsed, type PythonParser } from './parser';
import { findSyntaxErrors, type SyntaxProblem } from './syntaxErrors';
import { FunctionIndex } from './functionIndex';

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A replacement of `[start, end)` (UTF-16 offsets into the text it applies to). */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** How far `changes` (applied in turn) moved the span `[start, end]`; undefined when one touches it. */
function shiftPast(changes: readonly TextChange[], start: number, end: number): number | undefined {
  let delta = 0;
  for (const change of changes) {
    if (end + delta < change.start) continue;
    if (start + delta > change.end) delta += change.newText.length - (change.end - change.start);
    else return undefined;
  }
  return delta;
}

export class SourceFile {
  readonly lines: LineIndex;
  private functionIndex: FunctionIndex | undefined;
  private errors: readonly SyntaxProblem[] | undefined;
  /** A parse made from this one after a rewrite, kept for the next request of the same text (see `keep`). */
  private kept: SourceFile | undefined;

  private constructor(
    private readonly parser: PythonParser,
    readonly text: string,
    readonly tree: SyntaxTree,
  ) {
    this.lines = new LineIndex(text);
  }

  static parse(parser: PythonParser, text: string): SourceFile {
    return new SourceFile(parser, text, new SyntaxTree(parser.parse(text), textAsParsed(text)));
  }

  /**
   * The file after `changes`, applied one after another (each against the text
   * the previous ones produced, as VS Code reports them), re-parsed incrementally.
   * This file stays valid. A `briefly` read parse (a step's output, checked and
   * dropped) takes over only what is known about the statements the changes
   * left alone, not their nodes.
   */
  withChanges(changes: readonly TextChange[], briefly = false): SourceFile {
    const tree = this.tree.parsed.copy();
    let text = this.text;
    for (const change of changes) {
      const newEnd = change.start + change.newText.length;
      const next = text.slice(0, change.start) + change.newText + text.slice(change.end);
      tree.edit({
        startIndex: change.start,
        oldEndIndex: change.end,
        newEndIndex: newEnd,
        startPosition: treeSitterPoint(text, change.start),
        oldEndPosition: treeSitterPoint(text, change.end),
        newEndPosition: treeSitterPoint(next, newEnd),
      });
      text = next;
    }
    const reparsed = this.parser.parse(text, tree);
    const changed = reparsed.getChangedRanges(tree);
    tree.delete();
    return new SourceFile(this.parser, text, new SyntaxTree(reparsed, textAsParsed(text), { tree: this.tree, changed, shift: (start, end) => shiftPast(changes, start, end), nodes: !briefly }));
  }

  /** The same parse, disposed independently of this one (tree-sitter copies a tree without re-parsing). */
  copy(): SourceFile {
    return new SourceFile(this.parser, this.text, new SyntaxTree(this.tree.parsed.copy(), this.tree.text));
  }

  /** Parses another text with the same parser (used to check a rewrite). */
  reparse(text: string): SourceFile {
    return SourceFile.parse(this.parser, text);
  }

  /**
   * Keeps `after`, a checked parse of a rewrite of this file, so that the next
   * step asking for a parse of the same text takes it instead of parsing the
   * whole module again; it is disposed with this file (or by the next one kept).
   */
  keep(after: SourceFile): void {
    if (this.kept !== after) this.kept?.dispose();
    this.kept = after;
  }

  /** The kept parse of `text`, now the caller's to dispose; undefined when none was kept for that text. */
  takeKept(text: string): SourceFile | undefined {
    const kept = this.kept;
    if (kept?.text !== text) return undefined;
    this.kept = undefined;
    return kept;
  }

  get root(): Node {
    return this.tree.rootNode;
  }

  get functions(): FunctionIndex {
    this.functionIndex ??= new FunctionIndex(this);
    return this.functionIndex;
  }

  get syntaxErrors(): readonly SyntaxProblem[] {
    this.errors ??= findSyntaxErrors(this);
    return this.errors;
  }

  positionAt(offset: number): Position {
    return this.lines.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.lines.offsetAt(position);
  }

  rangeOf(node: Node): Range {
    return { start: this.positionAt(node.startIndex), end: this.positionAt(node.endIndex) };
  }

  /** 1-based line of a node's first character, as users and the CLI count. */
  lineOf(node: Node): number {
    return this.positionAt(node.startIndex).line + 1;
  }

  /** 1-based line of a node's last character. */
  endLineOf(node: Node): number {
    return this.positionAt(Math.max(node.startIndex, node.endIndex - 1)).line + 1;
  }

  textOf(node: Node): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  /** Frees the tree's WebAssembly memory; the file must not be used afterwards. */
  dispose(): void {
    this.kept?.dispose();
    this.kept = undefined;
    this.tree.delete();
  }
}
