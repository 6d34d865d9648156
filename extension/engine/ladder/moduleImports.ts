// What the module's imports bind, so decorators and idioms are recognised by
// what they are (`from tornado import gen` makes `gen.coroutine` Tornado's),
// and the imports a conversion leaves unused or newly needs.
import type { Node } from 'web-tree-sitter';
import type { SourceFile, TextChange } from '../syntax/sourceFile';

interface Binding {
  /** The name the import binds in the module. */
  readonly local: string;
  /** What it refers to, fully qualified (`tornado.gen`, `asyncio.coroutine`). */
  readonly qualified: string;
  /** The `dotted_name`/`aliased_import` node that binds it. */
  readonly item: Node;
  readonly statement: Node;
}

/** How to import a qualified name the module does not bind yet. */
const IMPORT_PLANS: readonly { prefix: string; statement: string; local: string; rest: (q: string) => string }[] = [
  { prefix: 'asyncio', statement: 'import asyncio', local: 'asyncio', rest: (q) => q },
  { prefix: 'types', statement: 'import types', local: 'types', rest: (q) => q },
  { prefix: 'tornado.gen', statement: 'from tornado import gen', local: 'gen', rest: (q) => q.replace(/^tornado\./, '') },
  {
    prefix: 'twisted.internet.defer',
    statement: 'from twisted.internet import defer',
    local: 'defer',
    rest: (q) => q.replace(/^twisted\.internet\./, ''),
  },
];

export class ModuleNames {
  private readonly bindings: Binding[] = [];

  constructor(private readonly file: SourceFile) {
    for (const statement of file.root.namedChildren) {
      if (statement) this.collect(statement);
    }
  }

  /** The fully qualified name an identifier or attribute chain refers to (`gen.Return` → `tornado.gen.Return`). */
  qualify(node: Node): string | undefined {
    const dotted = dottedText(this.file, node);
    if (dotted === undefined) return undefined;
    const [head = '', ...rest] = dotted.split('.');
    const binding = this.bindings.find((b) => b.local === head);
    return [binding ? binding.qualified : head, ...rest].join('.');
  }

  /** Whether the module binds `local` at top level (an import, def, class or assignment). */
  binds(local: string): boolean {
    if (this.bindings.some((b) => b.local === local)) return true;
    return this.file.functions.all.some((f) => f.parent === undefined && f.name === local);
  }

  /**
   * How to spell `qualified` in this module; when nothing binds it, the import
   * statement that must be added for the spelling to work.
   */
  spell(qualified: string): { text: string; needs?: string } {
    let best: string | undefined;
    for (const b of this.bindings) {
      let text: string | undefined;
      if (qualified === b.qualified) text = b.local;
      else if (qualified.startsWith(`${b.qualified}.`)) text = b.local + qualified.slice(b.qualified.length);
      if (text !== undefined && (best === undefined || text.length < best.length)) best = text;
    }
    if (best !== undefined) return { text: best };
    const plan = IMPORT_PLANS.find((p) => qualified === p.prefix || qualified.startsWith(`${p.prefix}.`));
    if (!plan) throw new Error(`no import plan for ${qualified}`);
    return { text: plan.rest(qualified), needs: plan.statement };
  }

  /** The module-level import bindings. */
  get all(): readonly Binding[] {
    return this.bindings;
  }

  private collect(statement: Node): void {
    if (statement.type === 'import_statement') {
      for (const item of statement.childrenForFieldName('name')) {
        if (!item) continue;
        const { name, alias } = nameAndAlias(this.file, item);
        // `import a.b` binds `a`; `import a.b as c` binds `c` to `a.b`.
        if (alias) this.bindings.push({ local: alias, qualified: name, item, statement });
        else this.bindings.push({ local: name.split('.')[0] ?? name, qualified: name.split('.')[0] ?? name, item, statement });
      }
    } else if (statement.type === 'import_from_statement') {
      const moduleNode = statement.childForFieldName('module_name');
      if (!moduleNode || moduleNode.type !== 'dotted_name') return; // relative imports name our own modules
      const module = this.file.textOf(moduleNode);
      for (const item of statement.childrenForFieldName('name')) {
        if (!item) continue;
        const { name, alias } = nameAndAlias(this.file, item);
        this.bindings.push({ local: alias ?? name, qualified: `${module}.${name}`, item, statement });
      }
    } else if (statement.type === 'if_statement' || statement.type === 'try_statement') {
      // Guarded imports (`try: import x except ImportError: ...`) still bind names.
      for (const block of statement.descendantsOfType(['import_statement', 'import_from_statement'])) {
        if (block && !block.parent?.parent?.type.includes('function')) this.collect(block);
      }
    }
  }
}

function nameAndAlias(file: SourceFile, item: Node): { name: string; alias: string | undefined } {
  if (item.type === 'aliased_import') {
    const name = item.childForFieldName('name');
    const alias = item.childForFieldName('alias');
    return { name: name ? file.textOf(name) : '', alias: alias ? file.textOf(alias) : undefined };
  }
  return { name: file.textOf(item), alias: undefined };
}

/** `a.b.c` for an identifier/attribute chain, undefined for anything else. */
export function dottedText(file: SourceFile, node: Node): string | undefined {
  if (node.type === 'identifier') return file.textOf(node);
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute');
  if (!object || !attribute) return undefined;
  const head = dottedText(file, object);
  return head === undefined ? undefined : `${head}.${file.textOf(attribute)}`;
}

/** Counts each identifier's uses outside import statements (attribute names and keywords are not uses). */
function identifierUses(file: SourceFile): Map<string, number> {
  const root = file.root;
  // Field lookups on the few attribute/keyword nodes are far cheaper than a parent lookup per identifier.
  const notUses = new Set<number>();
  for (const node of root.descendantsOfType(['attribute', 'keyword_argument'])) {
    const name = node?.childForFieldName(node.type === 'attribute' ? 'attribute' : 'name');
    if (name) notUses.add(name.startIndex);
  }
  const imports = root.namedChildren
    .filter((n): n is Node => n?.type === 'import_statement' || n?.type === 'import_from_statement')
    .map((n) => [n.startIndex, n.endIndex] as const);
  const uses = new Map<string, number>();
  for (const node of root.descendantsOfType('identifier')) {
    if (!node || notUses.has(node.startIndex)) continue;
    const at = node.startIndex;
    if (imports.some(([start, end]) => start <= at && at < end)) continue;
    uses.set(node.text, (uses.get(node.text) ?? 0) + 1);
  }
  return uses;
}

/**
 * Edits against `after` that drop the module-level imports the conversion
 * left unused (used in `before`, unused in `after`) and add `needed` ones.
 */
export function importEdits(before: SourceFile, after: SourceFile, needed: ReadonlySet<string>): TextChange[] {
  const usedBefore = identifierUses(before);
  const usedAfter = identifierUses(after);
  const names = new ModuleNames(after);
  const unused = names.all.filter((b) => (usedBefore.get(b.local) ?? 0) > 0 && (usedAfter.get(b.local) ?? 0) === 0);
  const edits: TextChange[] = [];
  const byStatement = new Map<Node, Binding[]>();
  for (const b of unused) {
    const list = byStatement.get(b.statement) ?? [];
    list.push(b);
    byStatement.set(b.statement, list);
  }
  for (const [statement, dropped] of byStatement) {
    const items = [
      ...statement.childrenForFieldName('name'),
    ].filter((n): n is Node => n !== null);
    if (dropped.length === items.length) {
      const whole = wholeLines(after, statement);
      if (whole) edits.push(whole);
      continue;
    }
    for (const b of dropped) edits.push(itemRemoval(b.item));
  }
  const eol = after.lines.eol;
  if (needed.size > 0) {
    const at = importInsertionOffset(after);
    // At the end of a file without a final line break, the import needs one before it.
    const lead = at === after.text.length && at > 0 && !/[\r\n]$/.test(after.text) ? eol : '';
    edits.push({ start: at, end: at, newText: lead + [...needed].map((s) => s + eol).join('') });
  }
  return edits.sort((a, b) => a.start - b.start);
}

/** The statement's lines, when it has them to itself; undefined otherwise. */
function wholeLines(file: SourceFile, statement: Node): TextChange | undefined {
  const first = file.positionAt(statement.startIndex).line;
  const last = file.positionAt(statement.endIndex).line;
  const start = file.lines.lineStart(first);
  const end = file.lines.lineEnd(last);
  if (file.text.slice(start, statement.startIndex).trim() !== '') return undefined;
  if (file.text.slice(statement.endIndex, end).trim() !== '') return undefined;
  return { start, end: file.lines.lineStart(last + 1), newText: '' };
}

/** Removes one name from `import a, b` / `from m import (a, b)` with its comma. */
function itemRemoval(item: Node): TextChange {
  const next = item.nextSibling;
  if (next?.type === ',') {
    const after = next.nextSibling;
    return { start: item.startIndex, end: after ? after.startIndex : next.endIndex, newText: '' };
  }
  const previous = item.previousSibling;
  if (previous?.type === ',') return { start: previous.startIndex, end: item.endIndex, newText: '' };
  return { start: item.startIndex, end: item.endIndex, newText: '' };
}

/** Just after the last module-level import, or after the docstring, or at the top. */
function importInsertionOffset(file: SourceFile): number {
  let anchor: Node | undefined;
  for (const statement of file.root.namedChildren) {
    if (!statement) continue;
    if (statement.type === 'import_statement' || statement.type === 'import_from_statement' || statement.type === 'future_import_statement') {
      anchor = statement;
    } else if (!anchor && statement.type === 'expression_statement' && statement.firstNamedChild?.type === 'string' && statement.id === file.root.firstNamedChild?.id) {
      anchor = statement;
    } else if (statement.type !== 'comment') {
      break;
    }
  }
  if (!anchor) {
    // Keep a shebang or coding line first.
    let line = 0;
    while (line < 2 && /^#(!|.*coding[:=])/.test(file.lines.lineText(line))) line++;
    return file.lines.lineStart(line);
  }
  return file.lines.lineStart(file.positionAt(anchor.endIndex).line + 1);
}
