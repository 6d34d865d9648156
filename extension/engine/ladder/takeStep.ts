// The one way every front end moves functions a rung: the lens, the code
// action, the hover, the ladder panel and the CLI all call takeStep, so they
// cannot disagree about what a step does or why it refuses. By default a step
// that refuses only because callers in the module would break is taken again
// with those callers; `withCallers: false` (the CLI without --with-callers)
// never takes them, `true` always does.
import type { SourceFile } from '../syntax/sourceFile';
import type { Conversion, ConversionResult, Refusal, Rung } from './conversion';
import { convertFile, type ConvertFileOptions } from './convertFile';
import { conversions } from './registry';

export interface StepResult extends ConversionResult {
  /** Converted functions that were not asked for: the callers that came along. */
  readonly alongside: readonly string[];
  /** When callers came along (or were tried) because the step needed them: the refusals of the step alone. */
  readonly alone: readonly Refusal[] | undefined;
}

/** Moves `options.functions` (every candidate when absent) of `file` to `to`. */
export function takeStep(file: SourceFile, to: Rung, options: ConvertFileOptions = {}, registry: readonly Conversion[] = conversions): StepResult {
  const first = convertFile(file, to, options, registry);
  const needsCallers = first.refused.filter((r) => r.code === 'needs-callers');
  if (options.withCallers !== undefined || needsCallers.length === 0) return { ...first, alongside: alongside(first, options), alone: undefined };
  const withCallers = convertFile(file, to, { ...options, withCallers: true }, registry);
  return { ...withCallers, alongside: alongside(withCallers, options), alone: first.refused };
}

function alongside(result: ConversionResult, options: ConvertFileOptions): string[] {
  const asked = options.functions;
  return asked ? result.converted.filter((name) => !asked.includes(name)) : [];
}

/** One function's step: the result to apply, and why it refuses when it does. */
export interface FunctionStep {
  readonly function: string;
  readonly to: Rung;
  readonly result: StepResult;
  /** Why the function does not move; undefined when the step takes it. */
  readonly refusal: Refusal | undefined;
  /** When callers came along or were tried: why the function alone refuses (code `needs-callers`). */
  readonly alone: Refusal | undefined;
}

/** Steps with the default options, per parse and per project view (`NO_PROJECT` when there is none). */
const defaultSteps = new WeakMap<SourceFile, WeakMap<object, Map<string, FunctionStep>>>();
const NO_PROJECT = {};

/**
 * Moves the function named `name` (dotted) to `to`, with its callers where it
 * needs them. With the default options (a project view and the public-API
 * policy aside) the step is computed once per parse, view and policy, so a
 * lens, a hover and a code action on the same version share it.
 */
export function stepFunction(file: SourceFile, name: string, to: Rung, options: Omit<ConvertFileOptions, 'functions'> = {}, registry: readonly Conversion[] = conversions): FunctionStep {
  const shared = Object.keys(options).every((k) => k === 'project' || k === 'publicApi') && registry === conversions;
  if (!shared) return computeStep(file, name, to, options, registry);
  let perFile = defaultSteps.get(file);
  if (!perFile) defaultSteps.set(file, (perFile = new WeakMap()));
  const view = options.project ?? NO_PROJECT;
  let perView = perFile.get(view);
  if (!perView) perFile.set(view, (perView = new Map<string, FunctionStep>()));
  const key = `${to}\0${name}\0${options.publicApi ?? ''}`;
  let step = perView.get(key);
  if (!step) perView.set(key, (step = computeStep(file, name, to, options, registry)));
  return step;
}

function computeStep(file: SourceFile, name: string, to: Rung, options: Omit<ConvertFileOptions, 'functions'>, registry: readonly Conversion[]): FunctionStep {
  return functionStepOf(name, to, takeStep(file, to, { ...options, functions: [name] }, registry));
}

/** One function's view of a step that may have moved others with it. */
export function functionStepOf(name: string, to: Rung, result: StepResult): FunctionStep {
  const own = result.refused.find((r) => r.function === name);
  // Refused along with someone else (a caller whose refusal blocks it) counts as refused too.
  const refusal = own ?? (result.converted.includes(name) ? undefined : result.refused[0]);
  return { function: name, to, result, refusal, alone: result.alone?.find((r) => r.function === name) };
}
