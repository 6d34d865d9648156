// Several modules of one project moved a rung together (the CLI's batch, the
// editor's "Convert Workspace"): a use in another module of the batch does not
// block a step when that module's own step adapts it. Between the generator
// and async forms, a call the caller yields or awaits is adapted when the
// caller converts too (`yield reserve()` becomes `await reserve()`); on every
// rung, an override in the hierarchy is when it converts too. Nothing else is:
// a value, a lookup by name, or a call another module's step to CPS or to
// direct style does not know is a converted function's. Which functions convert depends on which are blocked, so
// the batch is stepped until the set of converted functions stops shrinking:
// no function is left converted on the strength of a caller that was not.
import type { ProjectModel } from '../python/project';
import type { SourceFile } from '../syntax/sourceFile';
import type { Conversion, Rung } from './conversion';
import type { ConvertFileOptions } from './convertFile';
import { projectUsesIn, type ProjectUses, type UseElsewhere } from './projectUses';
import { conversions } from './registry';
import { takeStep, type StepResult } from './takeStep';

export interface ModuleInput {
  /** As the project model names the module. */
  readonly path: string;
  readonly file: SourceFile;
}

/** Told of each module stepped in a round (`done` of `total`): a long batch reports progress. */
export interface BatchHooks {
  readonly stepped?: (done: number, total: number) => void;
}

/** Each module's step, by path, with uses elsewhere in the batch judged as above. */
export function stepModules(
  inputs: readonly ModuleInput[],
  to: Rung,
  options: Omit<ConvertFileOptions, 'project'>,
  model: ProjectModel,
  hooks: BatchHooks = {},
  registry: readonly Conversion[] = conversions,
): Map<string, StepResult> {
  const batch = new Set(inputs.map((i) => i.path));
  // A round reports whether its answer leaned on the exemption: when no use in another module of the
  // batch was looked at, the next round would ask the same questions and get the same answers.
  const round = (exempt: Exemption): { results: Map<string, StepResult>; leaned: boolean } => {
    let leaned = false;
    const lean = (): void => {
      leaned = true;
    };
    const results = new Map(
      inputs.map(({ path, file }, i) => {
        const result = takeStep(file, to, { ...options, project: batchView(projectUsesIn(model, path), model, exempt, adaptedBy(to), lean) }, registry);
        hooks.stepped?.(i + 1, inputs.length);
        return [path, result];
      }),
    );
    return { results, leaned };
  };
  // First assume every function of the batch converts; then only those that did.
  let converting: Exemption = { batch, converting: undefined };
  for (let rounds = 0; rounds <= inputs.length + 1; rounds++) {
    const { results, leaned } = round(converting);
    if (!leaned) return results;
    const now = new Map([...results].map(([path, r]) => [path, new Set(r.converted)]));
    if (converting.converting && sameSets(converting.converting, now)) return results;
    converting = { batch, converting: now };
  }
  // Not settled (it shrinks each round, so this is a guard): exempt nothing.
  return round({ batch: new Set(), converting: undefined }).results;
}

/** Uses inside the batch's modules that their own step adapts: in functions that convert (all of them, before the first round). */
interface Exemption {
  readonly batch: ReadonlySet<string>;
  readonly converting: ReadonlyMap<string, ReadonlySet<string>> | undefined;
}

/** Whether a use is one the step of the function around it adapts, when that function converts too. */
type Adapted = (use: UseElsewhere) => boolean;

function adaptedBy(to: Rung): Adapted {
  const awaitedCallsFollow = to === 'async' || to === 'generator';
  return (use) => use.kind === 'redefinition' || (awaitedCallsFollow && (use.kind === 'call' || use.kind === 'override') && use.awaited === true);
}

/** The project's uses, less those the exemption covers: adapted by the innermost function around them, when it converts. */
function batchView(uses: ProjectUses, model: ProjectModel, exempt: Exemption, adapted: Adapted, consulted: () => void): ProjectUses {
  return {
    callsCoroutineElsewhere: (callee) => uses.callsCoroutineElsewhere(callee),
    definesMethodElsewhere: (name) => uses.definesMethodElsewhere(name),
    usesElsewhere(fn) {
      return uses.usesElsewhere(fn).filter((use) => {
        if (!exempt.batch.has(use.path) || !adapted(use)) return true;
        consulted();
        const module = model.module(use.path);
        const file = module ? model.fileOf(module) : undefined;
        const innermost = file?.functions.all.filter((f) => f.kind === 'function' && f.line <= use.line && use.line <= f.endLine).sort((a, b) => b.line - a.line)[0];
        if (!innermost) return true;
        const names = exempt.converting?.get(use.path);
        return !(names === undefined || names.has(innermost.name));
      });
    },
  };
}

function sameSets(a: ReadonlyMap<string, ReadonlySet<string>>, b: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  for (const [path, names] of a) {
    const other = b.get(path);
    if (!other || other.size !== names.size || [...names].some((n) => !other.has(n))) return false;
  }
  return a.size === b.size;
}
