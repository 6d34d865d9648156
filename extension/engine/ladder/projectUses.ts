// The ladder's view of the project around the file it converts: where other
// modules use a function. A step changes how a function is called (a
// continuation parameter, a coroutine to await, an operation to yield), so a
// use in a module the step does not rewrite would break; such a step is refused.
import type { FunctionInfo } from '../syntax/functionIndex';
import { blocker, type Blocker } from './refusal';

export interface UseElsewhere {
  /** The other module's path, as the project names it. */
  readonly path: string;
  /** 1-based line of the use there. */
  readonly line: number;
  /** A call, a use as a value or decorator, a call through a base reaching it, a getattr by name, or an import of its name. */
  readonly kind: 'call' | 'value' | 'decorator' | 'override' | 'getattr' | 'import';
}

/** Uses of the converted file's functions in the project's other modules (the file's own uses are the conversions' business). */
export interface ProjectUses {
  usesElsewhere(fn: FunctionInfo): readonly UseElsewhere[];
}

const DESCRIBED: Record<UseElsewhere['kind'], string> = {
  call: 'called',
  value: 'used as a value',
  decorator: 'applied as a decorator',
  override: 'called through a base class',
  getattr: 'looked up by name',
  import: 'imported',
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
  const message = broughtBy
    ? `its caller ${fn.name} would convert with it, but ${fn.name} is also ${DESCRIBED[use.kind]} in ${where}, which this step would break; convert that module too or keep this function as it is`
    : `is ${DESCRIBED[use.kind]} in ${where}, which this step would break; convert that module too or keep this function as it is`;
  return blocker('caller-in-other-module', undefined, message);
}
