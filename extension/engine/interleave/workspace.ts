// Cross-module shared state: the other modules a caller supplies, and what the
// module-level imports of one file refer to among them. Identity across
// modules is the defining module plus the name (`state/g:counter`), so
// `state.counter` in one file and `counter` in state.py are the same state.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../syntax/sourceFile';

export interface WorkspaceModule {
  /** How the caller names the file (a path or a URI); interferers there carry it. */
  readonly path: string;
  readonly file: SourceFile;
}

/** The file under analysis (by its path) and the modules its imports may resolve to. */
export interface Workspace {
  readonly path: string;
  /** By dotted module name: `state`, `pkg.state`. */
  readonly modules: ReadonlyMap<string, WorkspaceModule>;
}

/** A module-level import binding that resolves inside the workspace. */
export type Imported =
  | { readonly kind: 'module'; readonly module: string }
  | { readonly kind: 'name'; readonly module: string; readonly name: string };

/** What SharedState needs to give keys their module: its own name and its resolved imports. */
export interface ModuleContext {
  readonly module: string;
  readonly modules: ReadonlyMap<string, WorkspaceModule>;
  readonly imports: ReadonlyMap<string, Imported>;
}

/** The dotted name the workspace gives `file` (by identity, else by path); `__main__` when absent. */
export function moduleNameOf(file: SourceFile, workspace: Workspace): string {
  for (const [name, m] of workspace.modules) if (m.file === file) return name;
  for (const [name, m] of workspace.modules) if (m.path === workspace.path) return name;
  return '__main__';
}

export function moduleContext(file: SourceFile, module: string, modules: ReadonlyMap<string, WorkspaceModule>): ModuleContext {
  const imports = new Map<string, Imported>();
  for (const statement of file.root.namedChildren) {
    if (statement?.type === 'import_statement') {
      for (const name of statement.childrenForFieldName('name')) if (name) importModule(file, name, modules, imports);
    } else if (statement?.type === 'import_from_statement') {
      importFrom(file, statement, module, modules, imports);
    }
  }
  return { module, modules, imports };
}

/** `import a.b` binds `a`; `import a.b as c` binds `c` to `a.b`. */
function importModule(file: SourceFile, name: Node, modules: ReadonlyMap<string, WorkspaceModule>, imports: Map<string, Imported>): void {
  const alias = name.type === 'aliased_import' ? name.childForFieldName('alias') : null;
  const dotted = importedName(file, name).replace(/\s+/g, '');
  const bound = alias ? file.textOf(alias) : (dotted.split('.')[0] ?? dotted);
  const target = alias ? dotted : bound;
  // A package prefix is kept even when only a submodule is in the workspace.
  if ([...modules.keys()].some((m) => m === target || m.startsWith(`${target}.`))) imports.set(bound, { kind: 'module', module: target });
}

/** `from m import x [as y]`, relative forms included, resolved against `module`. */
function importFrom(file: SourceFile, statement: Node, module: string, modules: ReadonlyMap<string, WorkspaceModule>, imports: Map<string, Imported>): void {
  const source = statement.childForFieldName('module_name');
  if (!source) return;
  const from = absoluteModule(file.textOf(source).replace(/\s+/g, ''), module);
  for (const name of statement.childrenForFieldName('name')) {
    if (!name) continue;
    const original = importedName(file, name);
    const alias = name.type === 'aliased_import' ? name.childForFieldName('alias') : null;
    const bound = alias ? file.textOf(alias) : original;
    const submodule = from ? `${from}.${original}` : original;
    if (modules.has(submodule)) imports.set(bound, { kind: 'module', module: submodule });
    else if (modules.has(from)) imports.set(bound, { kind: 'name', module: from, name: original });
  }
}

/**
 * Every dotted module name the module-level imports of `file` (named `module`)
 * can resolve to, packages included: `import a.b` gives `a` and `a.b`,
 * `from .m import x` gives the package's `m` and `m.x`. A host that reads
 * modules lazily reads just these.
 */
export function importedModuleNames(file: SourceFile, module: string): string[] {
  const names = new Set<string>();
  const addWithPackages = (dotted: string): void => {
    const parts = dotted.split('.').filter((p) => p !== '');
    for (let i = 1; i <= parts.length; i++) names.add(parts.slice(0, i).join('.'));
  };
  for (const statement of file.root.namedChildren) {
    if (statement?.type === 'import_statement') {
      for (const name of statement.childrenForFieldName('name')) {
        if (name) addWithPackages(importedName(file, name).replace(/\s+/g, ''));
      }
    } else if (statement?.type === 'import_from_statement') {
      const source = statement.childForFieldName('module_name');
      if (!source) continue;
      const from = absoluteModule(file.textOf(source).replace(/\s+/g, ''), module);
      addWithPackages(from);
      for (const name of statement.childrenForFieldName('name')) {
        if (name) addWithPackages(`${from ? `${from}.` : ''}${importedName(file, name)}`);
      }
    }
  }
  return [...names];
}

/** `..m` written in `pkg.sub.mod` is `pkg.m`. */
function absoluteModule(written: string, module: string): string {
  const dots = /^\.*/.exec(written)?.[0].length ?? 0;
  const rest = written.slice(dots);
  return dots === 0 ? rest : [...module.split('.').slice(0, -dots), ...(rest ? [rest] : [])].join('.');
}

/** `a.b` in `import a.b as c`, `x` in `from m import x as y`: the name as the module defines it. */
function importedName(file: SourceFile, name: Node): string {
  return file.textOf(name.type === 'aliased_import' ? (name.childForFieldName('name') ?? name) : name);
}
