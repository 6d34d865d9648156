// A small Python highlighter for the ladder's columns: comments, strings,
// keywords (the ones that suspend — yield, await, async — on their own),
// decorators and numbers. Only for reading: it never needs to be a parser.
import { html, type Markup } from './markup';

const SUSPENDING = new Set(['async', 'await', 'yield']);
const KEYWORDS = new Set([
  'and', 'as', 'assert', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from',
  'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with',
]);
const CONSTANTS = new Set(['None', 'True', 'False']);

const TOKEN =
  /(#[^\n]*)|((?:[rRbBuUfF]{1,2})?(?:"""[\s\S]*?(?:"""|(?![\s\S]))|'''[\s\S]*?(?:'''|(?![\s\S]))|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?))|(^[ \t]*@[\w.]+)|([A-Za-z_]\w*)|(\d[\w.]*)|([^#"'A-Za-z_\d]+)/gmy;

type Kind = 'comment' | 'string' | 'decorator' | 'keyword' | 'suspend' | 'constant' | 'number' | null;

/** The code as highlighted markup, one fragment per line (without the line breaks). */
export function highlightPython(code: string): Markup[] {
  const lines: Markup[][] = [[]];
  for (const [kind, text] of tokens(code)) {
    text.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part === '') return;
      lines[lines.length - 1]?.push(kind === null ? html`${part}` : html`<span class="tok-${kind}">${part}</span>`);
    });
  }
  return lines.map((parts) => html`${parts}`);
}

function* tokens(code: string): Generator<[Kind, string]> {
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < code.length) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(code);
    if (!m || m[0] === '') {
      // Anything the pattern does not take (a stray character) is plain text.
      yield [null, code.charAt(at)];
      at++;
      continue;
    }
    at += m[0].length;
    yield [kindOf(m), m[0]];
  }
}

function kindOf(m: RegExpExecArray): Kind {
  if (m[1] !== undefined) return 'comment';
  if (m[2] !== undefined) return 'string';
  if (m[3] !== undefined) return 'decorator';
  const word = m[4];
  if (word !== undefined) {
    if (SUSPENDING.has(word)) return 'suspend';
    if (KEYWORDS.has(word)) return 'keyword';
    return CONSTANTS.has(word) ? 'constant' : null;
  }
  return m[5] !== undefined ? 'number' : null;
}
