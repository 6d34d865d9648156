// Words for the drawing: hazard kinds, step actions and task names, shared by
// the diagram, the step list and the hazard list so they always agree.
import type { CoroutineView, HazardKind, HazardView, InterleavingView, StepView, SuspensionView } from '../protocol';

export const KIND_TITLES: Readonly<Record<HazardKind, string>> = {
  'lost-update': 'Lost update',
  'check-then-act': 'Check-then-act',
  'stale-read': 'Stale read',
};

export const KIND_EXPLANATIONS: Readonly<Record<HazardKind, string>> = {
  'lost-update': 'a value read before the await is written back after it, erasing what another task wrote meanwhile',
  'check-then-act': 'a condition checked before the await is acted on after it, though another task may have changed it',
  'stale-read': 'a value copied before the await is used after it, though another task changed the original meanwhile',
};

/** What a step does, in a few words: "reads self.balance". */
export function stepPhrase(step: StepView, hazard: HazardView, suspension: SuspensionView['kind'] | undefined): string {
  const v = hazard.variable;
  switch (step.action) {
    case 'read':
      return `reads ${v}`;
    case 'check':
      return `checks ${v}`;
    case 'suspend':
      return `suspends at ${suspension ? SUSPENSION_WORDS[suspension] : 'a suspension point'}`;
    case 'resume':
      return `resumes, ${staleWrite(hazard)}`;
    case 'write':
      return step.task === firstTask(hazard) ? staleWrite(hazard) : `writes ${v}`;
  }
}

/** What the hazard's own task does with its stale value once it runs again. */
function staleWrite(hazard: HazardView): string {
  switch (hazard.kind) {
    case 'lost-update':
      return `writes back a stale ${hazard.variable}`;
    case 'check-then-act':
      return `acts on a stale check: writes ${hazard.writtenVariable}`;
    case 'stale-read':
      return `derives ${hazard.writtenVariable} from a stale ${hazard.variable}`;
  }
}

export const SUSPENSION_WORDS: Readonly<Record<SuspensionView['kind'], string>> = {
  await: 'await',
  'async-for-next': 'async for (next item)',
  'async-for-end': 'async for (loop end)',
  'async-with-enter': 'async with (enter)',
  'async-with-exit': 'async with (exit)',
  'yield-from': 'yield from',
  yield: 'yield',
};

export const COROUTINE_WORDS: Readonly<Record<CoroutineView['kind'], string>> = {
  'async-def': 'async def',
  'generator-coroutine': 'generator-based coroutine',
  'framework-generator': 'framework generator coroutine',
};

/** The task whose read goes stale: the one that runs first. */
export function firstTask(hazard: HazardView): string | undefined {
  return hazard.steps[0]?.task;
}

export interface Task {
  readonly task: string;
  readonly function: string;
  /** "instance 1" when the same coroutine runs as more than one task. */
  readonly instance: string | null;
}

/** The tasks of a hazard's interleaving, in order of first appearance. */
export function tasksOf(hazard: HazardView): Task[] {
  const seen = new Map<string, string>();
  for (const step of hazard.steps) if (!seen.has(step.task)) seen.set(step.task, step.function);
  const entries = [...seen];
  return entries.map(([task, fn]) => {
    const same = entries.filter(([, other]) => other === fn);
    const instance = same.length > 1 ? `instance ${String(same.findIndex(([t]) => t === task) + 1)}` : null;
    return { task, function: fn, instance };
  });
}

/** Lookups by line and by name, built once per model: a large model must not be searched per mark. */
interface ModelIndex {
  readonly lines: ReadonlyMap<number, string>;
  readonly coroutines: ReadonlyMap<string, CoroutineView>;
}

const indexes = new WeakMap<InterleavingView, ModelIndex>();

function indexOf(model: InterleavingView): ModelIndex {
  let index = indexes.get(model);
  if (!index) {
    const coroutines = new Map<string, CoroutineView>();
    for (const c of model.coroutines) if (!coroutines.has(c.name)) coroutines.set(c.name, c);
    index = { lines: new Map(model.lines.map((l) => [l.line, l.text.trim()])), coroutines };
    indexes.set(model, index);
  }
  return index;
}

export function sourceLine(model: InterleavingView, line: number): string {
  return indexOf(model).lines.get(line) ?? '';
}

/** The kind of suspension (await, async with…) a function has on a line, when the model knows it. */
export function suspensionAt(model: InterleavingView, fn: string, line: number): SuspensionView['kind'] | undefined {
  return indexOf(model).coroutines.get(fn)?.suspensions.find((s) => s.line === line)?.kind;
}

export function plural(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? '' : 's'}`;
}
