// Expands VS Code snippet syntax the way the editor does when the user accepts
// every default: `$1`/`${1}` take the value of tab stop 1's placeholder,
// `${1:default}` (nested allowed), `${1|a,b|}` the first choice, `$0` nothing,
// `$VAR`/`${VAR:default}` from the given variables, and `\$`, `\}`, `\\` (and
// `\,`, `\|` inside choices) are escapes.

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'tabstop'; readonly index: number; readonly placeholder: Part[] | undefined }
  | { readonly kind: 'choice'; readonly index: number; readonly options: string[] }
  | { readonly kind: 'variable'; readonly name: string; readonly fallback: Part[] | undefined };

export interface Expansion {
  readonly text: string;
  /** The value each tab stop ends up with (tab stop 0 excluded). */
  readonly tabStops: ReadonlyMap<number, string>;
}

export function expandSnippet(body: string, variables: Readonly<Record<string, string>>): Expansion {
  const parser = new SnippetParser(body);
  const parts = parser.parse('');
  const defaults = new Map<number, Part[]>();
  collectDefaults(parts, defaults);
  const tabStops = new Map<number, string>();
  const render = (list: readonly Part[]): string =>
    list
      .map((p): string => {
        switch (p.kind) {
          case 'text':
            return p.text;
          case 'choice': {
            const value = p.options[0] ?? '';
            tabStops.set(p.index, value);
            return value;
          }
          case 'tabstop': {
            if (p.index === 0) return p.placeholder ? render(p.placeholder) : '';
            const value = render(p.placeholder ?? defaults.get(p.index) ?? []);
            const seen = tabStops.get(p.index);
            if (seen !== undefined && seen !== value) throw new Error(`tab stop ${String(p.index)} has two different defaults`);
            tabStops.set(p.index, value);
            return value;
          }
          case 'variable': {
            const value = variables[p.name];
            if (value !== undefined && value !== '') return value;
            if (p.fallback) return render(p.fallback);
            throw new Error(`snippet uses variable $${p.name}, which this expansion does not know`);
          }
        }
      })
      .join('');
  return { text: render(parts), tabStops };
}

function collectDefaults(parts: readonly Part[], out: Map<number, Part[]>): void {
  for (const p of parts) {
    if (p.kind === 'tabstop' && p.placeholder) {
      if (!out.has(p.index)) out.set(p.index, p.placeholder);
      collectDefaults(p.placeholder, out);
    } else if (p.kind === 'choice' && !out.has(p.index)) {
      out.set(p.index, [{ kind: 'text', text: p.options[0] ?? '' }]);
    } else if (p.kind === 'variable' && p.fallback) {
      collectDefaults(p.fallback, out);
    }
  }
}

class SnippetParser {
  private at = 0;

  constructor(private readonly source: string) {}

  /** Parses until one of `stops` (unescaped) or the end; does not consume the stop. */
  parse(stops: string): Part[] {
    const parts: Part[] = [];
    let text = '';
    const flush = (): void => {
      if (text) parts.push({ kind: 'text', text });
      text = '';
    };
    while (this.at < this.source.length) {
      const c = this.source.charAt(this.at);
      if (stops.includes(c)) break;
      if (c === '\\' && '$}\\'.includes(this.source.charAt(this.at + 1)) && this.at + 1 < this.source.length) {
        text += this.source.charAt(this.at + 1);
        this.at += 2;
        continue;
      }
      if (c === '$') {
        const part = this.dollar();
        if (part) {
          flush();
          parts.push(part);
          continue;
        }
      }
      text += c;
      this.at++;
    }
    flush();
    return parts;
  }

  /** `$1`, `${1...}`, `$VAR`, `${VAR...}`; undefined (and nothing consumed) for a lone `$`. */
  private dollar(): Part | undefined {
    const rest = this.source.slice(this.at + 1);
    const simple = /^(\d+|[A-Za-z_]\w*)/.exec(rest);
    if (simple) {
      this.at += 1 + simple[0].length;
      return this.reference(simple[0], undefined);
    }
    const braced = /^\{(\d+|[A-Za-z_]\w*)/.exec(rest);
    if (!braced?.[1]) return undefined;
    const name = braced[1];
    this.at += 1 + braced[0].length;
    const next = this.source.charAt(this.at);
    if (next === '}') {
      this.at++;
      return this.reference(name, undefined);
    }
    if (next === ':') {
      this.at++;
      const inner = this.parse('}');
      this.expect('}');
      return this.reference(name, inner);
    }
    if (next === '|' && /^\d+$/.test(name)) {
      this.at++;
      const options = this.choices();
      return { kind: 'choice', index: Number(name), options };
    }
    throw new Error(`unsupported snippet syntax at offset ${String(this.at)}: ${this.source.slice(this.at, this.at + 20)}`);
  }

  private reference(name: string, inner: Part[] | undefined): Part {
    return /^\d+$/.test(name)
      ? { kind: 'tabstop', index: Number(name), placeholder: inner }
      : { kind: 'variable', name, fallback: inner };
  }

  private choices(): string[] {
    const options: string[] = [];
    let current = '';
    for (;;) {
      const c = this.source.charAt(this.at);
      if (this.at >= this.source.length) throw new Error('unterminated choice');
      if (c === '\\' && ',|\\$}'.includes(this.source.charAt(this.at + 1))) {
        current += this.source.charAt(this.at + 1);
        this.at += 2;
      } else if (c === ',') {
        options.push(current);
        current = '';
        this.at++;
      } else if (c === '|' && this.source.charAt(this.at + 1) === '}') {
        options.push(current);
        this.at += 2;
        return options;
      } else {
        current += c;
        this.at++;
      }
    }
  }

  private expect(c: string): void {
    if (this.source.charAt(this.at) !== c) throw new Error(`expected '${c}' at offset ${String(this.at)}`);
    this.at++;
  }
}
