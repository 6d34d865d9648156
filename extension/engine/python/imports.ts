// What a module's imports bind, so decorators and idioms are recognised by
// what they are (`from tornado import gen` makes `gen.coroutine` Tornado's;
// `from asyncio import *` makes a bare `sleep` asyncio's), and which modules
// it imports (relative imports included) for the project model.
import type { Node } from '../syntax/node';
import type { SourceFile } from '../syntax/sourceFile';
import { perStatement } from '../syntax/perParse';
import { pythonName } from './identifiers';
import { STAR_EXPORTS } from './starExports';

export interface Binding {
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

/** Whether a top-level statement holds an import statement anywhere, asked of tree-sitter's tree once per statement as parses take it over. */
const holdsImports = perStatement((file: SourceFile, statement: Node): boolean => file.tree.sourceOf(statement).descendantsOfType(['import_statement', 'import_from_statement']).length > 0);

export class ModuleNames {
  private readonly bindings: Binding[] = [];
  /** Modules named by `from M import *`, in order (relative ones with their dots). */
  readonly starModules: string[] = [];
  /** Every module an import names (`a.b` for `import a.b`; `.state` for `from .state import x`), in order. */
  readonly importedModules: string[] = [];

  constructor(private readonly file: SourceFile) {
    for (const statement of file.root.namedChildren) {
      // A guarded block without an import (most `if __name__ == '__main__':`) is not read through.
      if (statement && ((statement.type !== 'if_statement' && statement.type !== 'try_statement') || holdsImports(file, statement))) this.collect(statement);
    }
  }

  /** The fully qualified name an identifier or attribute chain refers to (`gen.Return` → `tornado.gen.Return`). */
  qualify(node: Node): string | undefined {
    const dotted = dottedText(this.file, node);
    if (dotted === undefined) return undefined;
    const [head = '', ...rest] = dotted.split('.');
    const binding = this.bindings.find((b) => b.local === head);
    if (binding) return [binding.qualified, ...rest].join('.');
    const star = this.starModules.find((m) => STAR_EXPORTS.get(m)?.has(head));
    if (star !== undefined && !this.binds(head)) return [star, head, ...rest].join('.');
    return dotted;
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

  /**
   * Everything `qualify` reads, as one text: two modules with the same text
   * qualify every name alike (with a star import, a name qualifies unless the
   * module defines it at top level). Caches across parses key by it.
   */
  get fingerprint(): string {
    return JSON.stringify([
      this.bindings.map((b) => [b.local, b.qualified]),
      this.starModules,
      this.starModules.length > 0 ? this.file.functions.all.filter((f) => f.parent === undefined).map((f) => f.name) : [],
    ]);
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
        this.importedModules.push(name);
        // `import a.b` binds `a`; `import a.b as c` binds `c` to `a.b`.
        if (alias) this.bindings.push({ local: alias, qualified: name, item, statement });
        else this.bindings.push({ local: name.split('.')[0] ?? name, qualified: name.split('.')[0] ?? name, item, statement });
      }
    } else if (statement.type === 'import_from_statement') {
      const moduleNode = statement.childForFieldName('module_name');
      if (!moduleNode) return;
      // A relative module keeps its leading dots (`.state`, `..`): the project model resolves it.
      const module = this.file.textOf(moduleNode).replace(/\s+/g, '');
      this.importedModules.push(module);
      const star = statement.namedChildren.some((c) => c?.type === 'wildcard_import');
      if (star) this.starModules.push(module);
      for (const item of statement.childrenForFieldName('name')) {
        if (!item) continue;
        const { name, alias } = nameAndAlias(this.file, item);
        const qualified = module.endsWith('.') ? module + name : `${module}.${name}`;
        this.bindings.push({ local: alias ?? name, qualified, item, statement });
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
    return { name: name ? pythonName(file.textOf(name)) : '', alias: alias ? pythonName(file.textOf(alias)) : undefined };
  }
  return { name: pythonName(file.textOf(item)), alias: undefined };
}

/** Where a module sits: its dotted name, and whether it is a package's `__init__`. */
export interface ModulePlace {
  readonly name: string;
  readonly isPackage: boolean;
}

/** A qualified name with any leading dots resolved against `from`'s package (`..m` written in `pkg.sub.mod` is `pkg.m`). */
export function absoluteName(from: ModulePlace, qualified: string): string {
  const dots = /^\.*/.exec(qualified)?.[0].length ?? 0;
  if (dots === 0) return qualified;
  const packageParts = from.name.split('.').slice(0, from.isPackage ? undefined : -1);
  const base = packageParts.slice(0, packageParts.length - (dots - 1));
  const rest = qualified.slice(dots);
  return [...base, ...(rest ? [rest] : [])].join('.');
}

/** `a.b.c` for an identifier/attribute chain (each name as Python reads it, NFKC), undefined for anything else. */
export function dottedText(file: SourceFile, node: Node): string | undefined {
  if (node.type === 'identifier') return pythonName(file.textOf(node));
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute');
  if (!object || !attribute) return undefined;
  const head = dottedText(file, object);
  return head === undefined ? undefined : `${head}.${pythonName(file.textOf(attribute))}`;
}

const namesByFile = new WeakMap<SourceFile, ModuleNames>();

/** The module's import bindings, read once per parse for every feature that asks. */
export function moduleNamesOf(file: SourceFile): ModuleNames {
  let names = namesByFile.get(file);
  if (!names) namesByFile.set(file, (names = new ModuleNames(file)));
  return names;
}
