// The interleavings linter's settings, from `[tool.concept-lenses]` in
// pyproject.toml, shared by the CLI and the editor:
//
//   [tool.concept-lenses]
//   include = ["src"]                      # only these paths (default: everything given)
//   exclude = ["tests/fixtures", "**/legacy_*.py"]
//   ignore-state = ["STATS", "self._metrics"]   # state never reported
//
//   [tool.concept-lenses.severity]         # error | warning | info | off
//   stale-read = "info"
//   lost-update = "error"
//
// The TOML read is a subset, enough for this table: `[table]` headers,
// `key = value` lines with bare or quoted keys, values that are strings
// ("basic" with \" \\ \n \t escapes, or 'literal'), arrays of strings (over
// several lines, trailing comma allowed), inline tables of strings
// (`severity = { stale-read = "off" }`), booleans and integers, and `#`
// comments. Other tables are skipped whatever they hold (multi-line strings
// included); a value outside the subset in our table is a problem reported
// with its line, never a guess.
import type { HazardKind } from './model';

export type Severity = 'error' | 'warning' | 'info' | 'off';

export interface LintConfig {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** State as the hazard names it (`CACHE`, `self._metrics`): hazards on it are not reported. */
  readonly ignoreState: readonly string[];
  /** As configured; a kind left out keeps the host's default (`warning`; in the editor, the severity setting). */
  readonly severity: Readonly<Partial<Record<HazardKind, Severity>>>;
}

export const DEFAULT_CONFIG: LintConfig = {
  include: [],
  exclude: [],
  ignoreState: [],
  severity: {},
};

const TABLE = 'tool.concept-lenses';
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'off'];
const KINDS: readonly HazardKind[] = ['lost-update', 'check-then-act', 'stale-read'];

type Value = string | boolean | number | readonly Value[] | { readonly [key: string]: Value };

export interface ConfigResult {
  readonly config: LintConfig;
  /** `pyproject.toml:12: …`-ready problems: line (1-based) and message. */
  readonly problems: readonly { readonly line: number; readonly message: string }[];
  /** Whether the text has a `[tool.concept-lenses]` table at all. */
  readonly found: boolean;
}

/** Reads `[tool.concept-lenses]` (and its `.severity` sub-table) from pyproject.toml's text. */
export function readLintConfig(text: string): ConfigResult {
  const problems: { line: number; message: string }[] = [];
  const tables = readTables(text, problems);
  const own = tables.get(TABLE);
  if (!own) return { config: DEFAULT_CONFIG, problems, found: false };
  const sub = tables.get(`${TABLE}.severity`);
  const severity: Partial<Record<HazardKind, Severity>> = {};
  const strings = (key: string): string[] => {
    const entry = own.values.get(key);
    if (!entry) return [];
    if (Array.isArray(entry.value) && entry.value.every((v) => typeof v === 'string')) return entry.value;
    problems.push({ line: entry.line, message: `${key} must be an array of strings` });
    return [];
  };
  const inline = own.values.get('severity');
  const severityEntries = [
    ...(inline && typeof inline.value === 'object' && !Array.isArray(inline.value)
      ? Object.entries(inline.value).map(([k, v]) => ({ key: k, value: v, line: inline.line }))
      : []),
    ...[...(sub?.values ?? new Map<string, { value: Value; line: number }>())].map(([key, v]) => ({ key, ...v })),
  ];
  for (const { key, value, line } of severityEntries) {
    if (!KINDS.includes(key as HazardKind)) problems.push({ line, message: `unknown hazard kind '${key}' (one of ${KINDS.join(', ')})` });
    else if (typeof value !== 'string' || !SEVERITIES.includes(value as Severity)) problems.push({ line, message: `severity of ${key} must be one of ${SEVERITIES.join(', ')}` });
    else severity[key as HazardKind] = value as Severity;
  }
  for (const [key, entry] of own.values) {
    if (!['include', 'exclude', 'ignore-state', 'severity'].includes(key)) problems.push({ line: entry.line, message: `unknown setting '${key}'` });
  }
  return { config: { include: strings('include'), exclude: strings('exclude'), ignoreState: strings('ignore-state'), severity }, problems, found: true };
}

/**
 * Whether a path (relative to the pyproject.toml's directory, `/`-separated)
 * is analysed: not excluded and, when `include` is set, included. A pattern
 * matches the path or any directory above it; `*` and `?` stay within one
 * path segment, `**` crosses segments.
 */
export function isLinted(relativePath: string, config: LintConfig): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  if (config.exclude.some((p) => matchesPathOrParent(p, path))) return false;
  return config.include.length === 0 || config.include.some((p) => matchesPathOrParent(p, path));
}

function matchesPathOrParent(pattern: string, path: string): boolean {
  const regex = globToRegExp(pattern.replace(/^\.\//, '').replace(/\/+$/, ''));
  const parts = path.split('/');
  for (let i = parts.length; i > 0; i--) if (regex.test(parts.slice(0, i).join('/'))) return true;
  return false;
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

interface Table {
  readonly values: Map<string, { readonly value: Value; readonly line: number }>;
}

/** The tables of the subset, by dotted name; lines of other tables are skipped unparsed. */
function readTables(text: string, problems: { line: number; message: string }[]): Map<string, Table> {
  const tables = new Map<string, Table>();
  const lines = text.split(/\r\n|\n|\r/);
  let current: Table | undefined;
  let multiline: string | undefined; // the closing quotes of a multi-line string in a skipped table
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (multiline !== undefined) {
      if (line.includes(multiline)) multiline = undefined;
      continue;
    }
    const header = /^\s*\[\s*([^\]\s][^\]]*?)\s*\]\s*(#.*)?$/.exec(line);
    if (header && !line.trim().startsWith('[[')) {
      const name = (header[1] ?? '').split('.').map((p) => p.trim().replace(/^"(.*)"$/, '$1')).join('.');
      current = name === TABLE || name === `${TABLE}.severity` ? { values: new Map() } : undefined;
      if (current) tables.set(name, current);
      continue;
    }
    if (!current) {
      const opened = /("""|''')/.exec(line.replace(/^[^=]*=/, ''));
      if (opened && line.split(opened[1] ?? '').length === 2) multiline = opened[1];
      continue;
    }
    const body = line.trim();
    if (body === '' || body.startsWith('#')) continue;
    const key = /^("([^"]*)"|'([^']*)'|[A-Za-z0-9_-]+)\s*=\s*/.exec(body);
    if (!key) {
      problems.push({ line: i + 1, message: `cannot read '${body}' (expected key = value)` });
      continue;
    }
    // A value may continue over the next lines (an array) until its brackets close.
    let rest = body.slice(key[0].length);
    const start = i;
    while (!balanced(rest) && i + 1 < lines.length) rest += `\n${lines[++i] ?? ''}`;
    const reader = new ValueReader(rest);
    const value = reader.value();
    if (value === undefined || !reader.atEnd()) {
      problems.push({ line: start + 1, message: `the value of ${key[2] ?? key[3] ?? key[1] ?? ''} is outside the TOML subset read here` });
      continue;
    }
    current.values.set(key[2] ?? key[3] ?? key[1] ?? '', { value, line: start + 1 });
  }
  return tables;
}

/** Whether every `[`/`{` outside strings and comments is closed. */
function balanced(text: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth <= 0;
}

class ValueReader {
  private at = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    this.skip();
    return this.at >= this.text.length;
  }

  value(): Value | undefined {
    this.skip();
    const c = this.text[this.at];
    if (c === '"' || c === "'") return this.string();
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    const word = /^(true|false|[+-]?\d+)/.exec(this.text.slice(this.at));
    if (!word) return undefined;
    this.at += word[0].length;
    return word[0] === 'true' ? true : word[0] === 'false' ? false : Number(word[0]);
  }

  private string(): string | undefined {
    const quote = this.text[this.at++];
    let out = '';
    while (this.at < this.text.length) {
      const c = this.text[this.at++] ?? '';
      if (c === quote) return out;
      if (c === '\n') return undefined;
      if (c === '\\' && quote === '"') {
        const e = this.text[this.at++] ?? '';
        const escaped = ({ n: '\n', t: '\t', '"': '"', '\\': '\\' } as Record<string, string>)[e];
        if (escaped === undefined) return undefined;
        out += escaped;
      } else out += c;
    }
    return undefined;
  }

  private array(): Value[] | undefined {
    this.at++;
    const items: Value[] = [];
    for (;;) {
      this.skip(true);
      if (this.text[this.at] === ']') {
        this.at++;
        return items;
      }
      const item = this.value();
      if (item === undefined) return undefined;
      items.push(item);
      this.skip(true);
      if (this.text[this.at] === ',') this.at++;
      else if (this.text[this.at] !== ']') return undefined;
    }
  }

  private inlineTable(): Record<string, Value> | undefined {
    this.at++;
    const table: Record<string, Value> = {};
    for (;;) {
      this.skip();
      if (this.text[this.at] === '}') {
        this.at++;
        return table;
      }
      const key = /^("([^"]*)"|[A-Za-z0-9_-]+)\s*=\s*/.exec(this.text.slice(this.at));
      if (!key) return undefined;
      this.at += key[0].length;
      const item = this.value();
      if (item === undefined) return undefined;
      table[key[2] ?? key[1] ?? ''] = item;
      this.skip();
      if (this.text[this.at] === ',') this.at++;
      else if (this.text[this.at] !== '}') return undefined;
    }
  }

  /** Skips blanks, and with `newlines` (inside arrays) line breaks and comments too. */
  private skip(newlines = false): void {
    for (;;) {
      const c = this.text[this.at];
      if (c === ' ' || c === '\t') this.at++;
      else if (c === '#') {
        const end = this.text.indexOf('\n', this.at);
        this.at = end < 0 ? this.text.length : end;
      } else if (newlines && c === '\n') this.at++;
      else return;
    }
  }
}
