// Python code a refactor writes, as a small tree of lines and indented blocks,
// rendered at any indentation. Statements copied from the original keep their
// text; only their leading indentation moves with the block they land in.
import type { Node } from '../syntax/node';
import type { SourceFile } from '../syntax/sourceFile';
import { lineIndentOf } from './pySyntax';
import { refuse } from './refusal';

export interface Line {
  /** One or more lines, those after the first indented relative to the first. */
  readonly line: string;
  /** For `return X` lines the refactor wrote: X (so a continuation can become `lambda p: X`). */
  readonly returns?: string;
  /** A copied statement with a multi-line string must stay at its original indentation. */
  readonly pinned?: { readonly indent: string; readonly node: Node };
  /** A blank line set apart what this line stands for from the statement before it: the blank line stays, unless it would open a block. */
  readonly blankBefore?: boolean;
  /** The statement this line copies (the names it binds are that statement's). */
  readonly source?: Node;
  /** The names a line the refactor wrote binds in its scope (none when not given). */
  readonly binds?: readonly string[];
}

export interface Block {
  /** One or more lines (a condition over several), those after the first indented relative to the first. */
  readonly header: string;
  readonly body: readonly Out[];
  /** As for a line: the statement this block stands for was set apart by a blank line. */
  readonly blankBefore?: boolean;
  /** The names the header binds in the scope the block sits in (none when not given; a `def`'s are in `def`). */
  readonly binds?: readonly string[];
  /** A `def` the refactor wrote: the name it binds around it and its parameters' names. */
  readonly def?: { readonly name: string; readonly params: readonly string[] };
}

export type Out = Line | Block;

export function line(text: string): Line {
  return { line: text };
}

export function block(header: string, body: readonly Out[]): Block {
  return { header, body };
}

/** `name = value`, a line that binds `name`. */
export function assignment(name: string, value: string): Line {
  return { line: `${name} = ${value}`, binds: [name] };
}

/** `def name(parameters):` as `header` writes it, with the names it binds. */
export function defBlock(header: string, name: string, params: readonly string[], body: readonly Out[]): Block {
  return { header, body, def: { name, params } };
}

/** Renders `out` with `indent` before every line at the top level and `unit` per level. */
export function render(file: SourceFile, out: readonly Out[], indent: string, unit: string, eol: string): string {
  const lines: string[] = [];
  const emit = (items: readonly Out[], at: string): void => {
    for (const [i, item] of items.entries()) {
      if (item.blankBefore === true && i > 0) lines.push('');
      if ('line' in item) {
        if (item.pinned && item.pinned.indent !== at) {
          const s = item.pinned.node;
          refuse('multiline-string', s, `the multi-line string at line ${String(file.lineOf(s))} would change if its statement moved into a continuation`);
        }
        lines.push(...indented(item.line, at));
      } else {
        lines.push(...indented(item.header, at));
        emit(item.body.length > 0 ? item.body : [line('pass')], at + unit);
      }
    }
  };
  emit(out, indent);
  return lines.join(eol);
}

/** The lines of `text` at `at`; a line that starts inside a string literal is part of its value, and moves with no indentation added. */
function indented(text: string, at: string): string[] {
  if (!text.includes('\n')) return [text.trim() === '' ? '' : at + text];
  const inString = linesStartingInStrings(text);
  return text.split('\n').map((l, n) => (inString[n] === true ? l : l.trim() === '' ? '' : at + l));
}

/**
 * A copied statement: the text of `node` with the ranges in `replacements`
 * (offsets into the file) replaced, lines after the first made relative to the
 * line the node starts on, so it can be rendered at another depth.
 */
export function copied(file: SourceFile, node: Node, replacements: readonly { start: number; end: number; text: string }[]): Line {
  const sorted = [...replacements].sort((a, b) => a.start - b.start);
  let text = '';
  let at = node.startIndex;
  for (const r of sorted) {
    text += file.text.slice(at, r.start) + r.text;
    at = r.end;
  }
  text += file.text.slice(at, node.endIndex);
  const from = { source: node, ...(blankLineBefore(file, node) ? { blankBefore: true } : {}) };
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length === 1) return { line: text, ...from };
  const base = lineIndentOf(file, node);
  const inString = linesStartingInStrings(lines.join('\n'));
  const relative = lines.map((l, i) => (i === 0 || inString[i] === true ? l : l.startsWith(base) ? l.slice(base.length) : l.trimStart())).join('\n');
  const multiline = node.descendantsOfType(['string', 'concatenated_string']).find((s) => s !== null && file.lineOf(s) !== file.endLineOf(s));
  return multiline ? { line: relative, pinned: { indent: base, node: multiline }, ...from } : { line: relative, ...from };
}

/**
 * `out`, written for a statement a blank line set apart (`spaced`), with that
 * blank line before its first item: a paragraph the maintainer made survives
 * the statement being rewritten (a CPS call site split into a continuation, or
 * a continuation folded back into straight-line code).
 */
export function spacedApart(out: readonly Out[], spaced: boolean): Out[] {
  const [first, ...rest] = out;
  return spaced && first ? [{ ...first, blankBefore: true }, ...rest] : [...out];
}

/** Is there a blank line between `node` and the statement (or comment) before it? */
export function blankLineBefore(file: SourceFile, node: Node): boolean {
  const previous = node.previousSibling;
  if (!previous) return false;
  const from = file.positionAt(previous.endIndex).line + 1;
  const to = file.positionAt(node.startIndex).line;
  for (let l = from; l < to; l++) if (file.lines.lineText(l).trim() === '') return true;
  return false;
}

/** Where a line of Python source starts: inside a string literal, and how deep in brackets. */
interface LineStart {
  readonly inString: boolean;
  readonly depth: number;
}

/**
 * How each line of `text` (Python source) starts. A line that starts inside a
 * string literal (a triple-quoted string's later lines, or one a backslash
 * continues inside a quoted one) is part of the string's value: moving the code
 * to another depth must not touch its indentation.
 */
function lineStarts(text: string): LineStart[] {
  const starts: LineStart[] = [{ inString: false, depth: 0 }];
  let quote = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\n') {
      starts.push({ inString: quote !== '', depth });
      continue;
    }
    if (quote !== '') {
      if (c === '\\') {
        // An escape (in a raw string too, for where the literal ends) takes the next character, a line break too.
        if (text[i + 1] === '\n') starts.push({ inString: true, depth });
        i++;
      } else if (text.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = '';
      }
    } else if (c === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length - 1;
    } else if ('([{'.includes(c)) {
      depth++;
    } else if (')]}'.includes(c)) {
      depth--;
    }
  }
  return starts;
}

/** For each line of `text`, whether it starts inside a string literal (see lineStarts). */
export function linesStartingInStrings(text: string): boolean[] {
  return lineStarts(text).map((l) => l.inString);
}

/** Does the expression `text` go on to another line outside every bracket (so it needs its own parentheses after `return`)? */
export function breaksOutsideBrackets(text: string): boolean {
  return lineStarts(text).some((l, i) => i > 0 && !l.inString && l.depth <= 0);
}

/**
 * `text`, the file's text from `start` on (rewritten inside, perhaps), with
 * its later lines made relative to the indentation of the line `start` is on,
 * as a Line's are: rendered at another depth, a call spread over lines keeps
 * its shape instead of gaining the new depth on top of the old one. Lines
 * inside a string stay as they are.
 */
export function relativeTo(file: SourceFile, start: number, text: string): string {
  if (!text.includes('\n')) return text;
  const base = /^[ \t]*/.exec(file.lines.lineText(file.positionAt(start).line))?.[0] ?? '';
  const inString = linesStartingInStrings(text);
  return text.split('\n').map((l, i) => (i === 0 || inString[i] === true || !l.startsWith(base) ? l : l.slice(base.length))).join('\n');
}
