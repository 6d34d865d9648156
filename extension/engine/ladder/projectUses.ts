// The ladder's view of the project around the file it converts: where other
// modules use a function. A step changes how a function is called (a
// continuation parameter, a coroutine to await, an operation to yield), so a
// use in a module the step does not rewrite would break; such a step is
// refused with the code the same use gets inside one module (a value or a
// lookup by name: used-as-value; a base class calling it: overrides-library; a
// receiver that may be another object: receiver-unknown), naming the use.
import type { Node } from '../syntax/node';
import { callOf, moduleCoroutines } from '../python/coroutines';
import type { ProjectModel, UseKind } from '../python/project';
import { contextOf } from '../python/scopes';
import { shortName, type FunctionInfo } from '../syntax/functionIndex';
import { blocker, type Blocker, type RefusalCode } from './refusal';

export interface UseElsewhere {
  /** The other module's path, as the project names it. */
  readonly path: string;
  /** 1-based line of the use there. */
  readonly line: number;
  /** What the use does (python/project's UseKind). */
  readonly kind: UseKind;
  /** A call that is the operand of `yield`, `yield from` or `await`: the caller's own step between generator and async forms adapts it. */
  readonly awaited?: boolean;
}

/** Uses of the converted file's functions in the project's other modules (the file's own uses are the conversions' business). */
export interface ProjectUses {
  usesElsewhere(fn: FunctionInfo): readonly UseElsewhere[];
  /** Whether a callee of the converted file names a coroutine (generator-based or native) of another module. */
  callsCoroutineElsewhere(callee: Node): boolean;
  /** Whether a class of another module defines a method of this name (NFKC-read), so a receiver the file cannot type may be one of its instances. */
  definesMethodElsewhere(name: string): boolean;
}

const DESCRIBED: Record<UseKind, { readonly code: RefusalCode; readonly what: string }> = {
  call: { code: 'caller-in-other-module', what: 'called' },
  value: { code: 'used-as-value', what: 'used as a value' },
  decorator: { code: 'caller-in-other-module', what: 'applied as a decorator' },
  override: { code: 'overrides-library', what: 'called through a base class' },
  getattr: { code: 'used-as-value', what: 'looked up by name' },
  redefinition: { code: 'overridden', what: 'defined again in its class hierarchy (an override, or the method it overrides)' },
  'untyped-receiver': { code: 'receiver-unknown', what: 'called by name on a receiver whose class the project does not show (and other types have a method of that name)' },
  import: { code: 'caller-in-other-module', what: 'imported' },
};

/**
 * What in another module the conversion of `fn` would break: its first use
 * there other than a bare import (an import keeps working; the calls it
 * brings are uses of their own). `broughtBy` is the function whose step
 * brings its caller `fn` along, when `fn` is not the one stepped.
 */
export function brokenElsewhere(project: ProjectUses | undefined, fn: FunctionInfo, broughtBy?: FunctionInfo): Blocker | undefined {
  const use = project?.usesElsewhere(fn).find((u) => u.kind !== 'import');
  if (!use) return undefined;
  const where = `${use.path} at line ${String(use.line)}`;
  const { code, what } = DESCRIBED[use.kind];
  const message = broughtBy
    ? `its caller ${fn.name} would convert with it, but ${fn.name} is also ${what} in ${where}, which this step would break; convert that module too or keep this function as it is`
    : `is ${what} in ${where}, which this step would break; convert that module too or keep this function as it is`;
  return blocker(code, undefined, message);
}

const views = new WeakMap<ProjectModel, { generation: number; byPath: Map<string, ProjectUses> }>();

/**
 * The project model's answer for the module at `path`: one object per module
 * and model generation, so steps computed with it can be shared until any
 * module of the project changes. The converted file's functions are matched
 * to the model's own parse of the same text by dotted name and line.
 */
export function projectUsesIn(model: ProjectModel, path: string): ProjectUses {
  let known = views.get(model);
  if (known?.generation !== model.generation) views.set(model, (known = { generation: model.generation, byPath: new Map() }));
  let view = known.byPath.get(path);
  if (!view) {
    const answers = new Map<string, readonly UseElsewhere[]>();
    view = {
      usesElsewhere(fn) {
        const key = `${fn.name}\0${String(fn.line)}`;
        let uses = answers.get(key);
        if (!uses) answers.set(key, (uses = usesOutside(model, path, fn)));
        return uses;
      },
      callsCoroutineElsewhere(callee) {
        const module = model.module(path);
        const found = module ? model.importedFunction(module, callee) : undefined;
        const file = found ? model.fileOf(found.module) : undefined;
        return found !== undefined && file !== undefined && moduleCoroutines(file).isCoroutine(found.info);
      },
      definesMethodElsewhere(name) {
        // A file the project cannot import by name (`prog.down.py`) is not among its modules: every class there counts.
        const module = model.module(path);
        return model.classesDefining(name).some((c) => c.module !== module);
      },
    };
    known.byPath.set(path, view);
  }
  return view;
}

function usesOutside(model: ProjectModel, path: string, fn: FunctionInfo): UseElsewhere[] {
  const module = model.module(path);
  // Nothing elsewhere names it, nor (for a module-level function, which `getattr(mod, name)` may find) its module: nothing elsewhere can use it.
  const moduleWord = module?.name.slice(module.name.lastIndexOf('.') + 1) ?? '';
  if (!module || !(model.mentionedOutside(module, shortName(fn)) || (fn.parent === undefined && model.mentionedOutside(module, moduleWord)))) return [];
  const twin = model.fileOf(module)?.functions.named(fn.name).sort((a, b) => Math.abs(a.line - fn.line) - Math.abs(b.line - fn.line))[0];
  if (!twin) return [];
  return model.usesOf(module, twin).filter((u) => u.path !== path).map(({ path: where, line, kind, node }) => ({ path: where, line, kind, awaited: isAwaited(node) }));
}

function isAwaited(use: Node): boolean {
  const call = callOf(use);
  const context = call ? contextOf(call) : null;
  return context?.type === 'await' || context?.type === 'yield';
}
