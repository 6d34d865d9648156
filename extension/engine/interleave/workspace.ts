// Cross-module shared state: the other modules a caller supplies, and what the
// module-level imports of one file refer to among them. Identity across
// modules is the defining module plus the name (`state/g:counter`), so
// `state.counter` in one file and `counter` in state.py are the same state.
import { absoluteName, ModuleNames, type ModulePlace } from '../python/imports';
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

/** Where the workspace places a module: packages are their `__init__` file. */
function placeOf(module: string, modules: ReadonlyMap<string, WorkspaceModule>): ModulePlace {
  const path = modules.get(module)?.path ?? '';
  return { name: module, isPackage: /[\\/]__init__\.pyi?$/.test(path) };
}

export function moduleContext(file: SourceFile, module: string, modules: ReadonlyMap<string, WorkspaceModule>): ModuleContext {
  const imports = new Map<string, Imported>();
  const place = placeOf(module, modules);
  // A package prefix is kept even when only a submodule is in the workspace (`import a.b` binds `a`).
  const inWorkspace = (dotted: string): boolean => [...modules.keys()].some((m) => m === dotted || m.startsWith(`${dotted}.`));
  for (const binding of new ModuleNames(file).all) {
    const target = absoluteName(place, binding.qualified);
    if (binding.statement.type === 'import_statement') {
      if (inWorkspace(target)) imports.set(binding.local, { kind: 'module', module: target });
      continue;
    }
    const dot = target.lastIndexOf('.');
    if (modules.has(target)) imports.set(binding.local, { kind: 'module', module: target });
    else if (dot > 0 && modules.has(target.slice(0, dot))) imports.set(binding.local, { kind: 'name', module: target.slice(0, dot), name: target.slice(dot + 1) });
  }
  return { module, modules, imports };
}

/**
 * Every dotted module name the module-level imports of `file` (named `module`)
 * can resolve to, packages included: `import a.b` gives `a` and `a.b`,
 * `from .m import x` gives the package's `m` and `m.x`. A host that reads
 * modules lazily reads just these.
 */
export function importedModuleNames(file: SourceFile, module: ModulePlace): string[] {
  const names = new Set<string>();
  const addWithPackages = (dotted: string): void => {
    const parts = dotted.split('.').filter((p) => p !== '');
    for (let i = 1; i <= parts.length; i++) names.add(parts.slice(0, i).join('.'));
  };
  const imports = new ModuleNames(file);
  for (const written of imports.importedModules) addWithPackages(absoluteName(module, written));
  for (const binding of imports.all) addWithPackages(absoluteName(module, binding.qualified));
  return [...names];
}
