// Rung 1, direct style → continuation-passing style. Each converted function
// takes a continuation and hands its result to it instead of returning; in the
// converted functions (and, with "with callers", the module's other callers)
// the rest of the block after a call becomes that call's continuation.
// Module-level calls pass a continuation for the statement itself (an
// assignment gets a named continuation that sets the global). A `try` whose
// body starts with a call of a converted function gives that function an
// error continuation (`on_error`, right after `cont`): what the function
// raises goes there, what its continuation raises does not. A function that
// calls converted functions itself hands its `on_error` on to each of them,
// and its own code runs in the inserted `guard_errors`, which sends what that
// code raises to `on_error` until the function has handed anything on.
// Functions with defaults, `*args` or `**kwargs` take keyword-only continuations.
//
// Before:
// ```python
// def square(x):
//     return x * x
//
//
// def parse(text):
//     return int(text)
//
//
// def parse_count(text):
//     count = parse(text)
//     if count < 0:
//         raise ValueError("negative count")
//     return count
//
//
// def sum_of_squares(a, b):
//     return square(a) + square(b)
//
//
// def read_count(text):
//     try:
//         count = parse_count(text)
//     except ValueError:
//         count = 0
//     return count
//
//
// print(sum_of_squares(3, 4))
// print(read_count("x"))
// print(read_count("-3"))
// ```
// After:
// ```python
// # region Concept Lenses helper
// # <the guard_errors helper, from errorGuardSource.ts>
// # endregion
//
//
// def square(x, cont):
//     return cont(x * x)
//
//
// def parse(text, cont, on_error=None):
//     try:
//         result = int(text)
//     except BaseException as error:
//         if on_error is None:
//             raise
//         failure = error
//     else:
//         return cont(result)
//     return on_error(failure)
//
//
// def parse_count(text, cont, on_error=None):
//     def parse_count_body(cont, on_error):
//         def after_parse(count):
//             if count < 0:
//                 raise ValueError("negative count")
//             return cont(count)
//         return parse(text, after_parse, on_error)
//     return guard_errors(parse_count_body, cont, on_error)
//
//
// def sum_of_squares(a, b, cont):
//     return square(a, lambda square_result: square(b, lambda square_result2: cont(square_result + square_result2)))
//
//
// def read_count(text, cont):
//     def after_parse_count(count, error=None):
//         try:
//             if error is not None:
//                 raise error
//         except ValueError:
//             count = 0
//         return cont(count)
//     return parse_count(text, after_parse_count, lambda error: after_parse_count(None, error))
//
//
// sum_of_squares(3, 4, print)
// read_count("x", print)
// read_count("-3", print)
// ```
import type { Node } from '../../syntax/node';
import { shortName, type FunctionInfo } from '../../syntax/functionIndex';
import type { SourceFile } from '../../syntax/sourceFile';
import type { Conversion, ConversionOptions, ConversionResult, Refusal } from '../conversion';
import { conversionResult, type Rewrite } from '../conversionResult';
import { DEFAULT_CONTINUATION, DEFAULT_ERROR_CONTINUATION, directCandidates, isDirectFunction } from '../continuations';
import { calledInTry, cpsFunctionText, makesCpsCalls, SITE_TYPES, sitesIn, type CpsSite } from '../cpsTransform';
import { ERROR_GUARD_NAME, ERROR_GUARD_SOURCE } from '../errorGuardSource';
import { deepeningFunctions, type Deepening } from '../stackGrowth';
import { hasOnlyPlainParameters } from '../pySyntax';
import { callWithArguments, calleeName } from '../callText';
import { FreshNames } from '../freshNames';
import { hasHelper, hasOwnTrampoline, trampolineNameTaken } from '../insertedHelpers';
import { helperInsertion } from '../moduleInsert';
import { moduleStatementToCps } from '../moduleCalls';
import { isMethod, methodsByName, moduleLevelStatement, referencesTo, unknownReceiver } from '../references';
import { mayReachMethod, redefinitionsOf } from '../../python/methodOwner';
import { pythonName } from '../../python/identifiers';
import { hiddenCaller } from '../../python/hiddenCallers';
import { hiddenCallerBlocker } from '../hiddenCallerRefusal';
import { brokenElsewhere } from '../projectUses';
import { unseenCallersBlocker } from '../publicContract';
import { blocker, refusalAt, refusalOf, refuse, RefuseError, type Blocker } from '../refusal';
import { TRAMPOLINE_NAME_TAKEN, TRAMPOLINE_SOURCE } from '../trampolineSource';

export const directToCps: Conversion = {
  id: 'direct-to-cps',
  from: 'direct',
  to: 'cps',
  changesCalls: true,
  candidates: directCandidates,
  convert: (file, functions, options) => convertToCps(file, functions, options),
};

function convertToCps(file: SourceFile, requested: readonly FunctionInfo[], options: ConversionOptions): ConversionResult {
  const cont = options.continuationName ?? DEFAULT_CONTINUATION;
  // Asked for, every converted function is trampolined; otherwise those whose plain form could outgrow the stack are.
  const trampoline = options.trampoline ?? false;
  const refused = new Map<string, Refusal>();
  const chosen = new Map(requested.map((f) => [f.name, f]));
  const refuseFn = (fn: FunctionInfo, why: Blocker | Refusal): void => {
    refused.set(fn.name, 'function' in why ? why : refusalAt(file, fn, why));
    chosen.delete(fn.name);
  };
  if (trampoline && chosen.size > 0 && trampolineNameTaken(file)) {
    for (const fn of [...chosen.values()]) refuseFn(fn, blocker('name-clash', undefined, TRAMPOLINE_NAME_TAKEN));
  }
  for (;;) {
    plan(file, chosen, refused, options, refuseFn);
    const attempt = generate(file, chosen, cont, options.errorContinuationName ?? DEFAULT_ERROR_CONTINUATION, trampoline);
    if (attempt.refusals.length === 0) {
      const inserts = attempt.trampolined && !hasOwnTrampoline(file) ? [helperInsertion(file, TRAMPOLINE_SOURCE)] : [];
      if (attempt.needsGuard && !hasHelper(file, ERROR_GUARD_NAME, ERROR_GUARD_SOURCE)) inserts.push(helperInsertion(file, ERROR_GUARD_SOURCE));
      return conversionResult(file, attempt.rewrites, inserts, [...chosen.values()], [...refused.values()]);
    }
    for (const r of attempt.refusals) refuseFn(r.fn, r.why);
  }
}

/**
 * Grows the set with callers (when asked) and refuses functions whose callers
 * cannot follow: a caller left in direct style would get no result back.
 */
function plan(file: SourceFile, chosen: Map<string, FunctionInfo>, refused: ReadonlyMap<string, Refusal>, options: ConversionOptions, refuseFn: (fn: FunctionInfo, why: Blocker) => void): void {
  for (let again = true; again; ) {
    again = false;
    for (const fn of [...chosen.values()]) {
      const problem = callerProblem(file, fn, chosen, refused, options, (caller) => {
        chosen.set(caller.name, caller);
      });
      if (problem === GREW) again = true;
      else if (problem) {
        refuseFn(fn, problem);
        again = true;
      }
    }
  }
}

/** What callerProblem returns when it added callers rather than finding a problem. */
const GREW = 'grew';

function callerProblem(file: SourceFile, fn: FunctionInfo, chosen: ReadonlyMap<string, FunctionInfo>, refused: ReadonlyMap<string, Refusal>, options: ConversionOptions, add: (caller: FunctionInfo) => void): Blocker | typeof GREW | undefined {
  const hidden = hiddenCaller(file, fn);
  if (hidden) return hiddenCallerBlocker(file, hidden);
  // A call that reaches this method on one instance reaches the other definition on another: both take a continuation, or neither.
  const stays = redefinitionsOf(file, fn).find((other) => !chosen.has(other.name));
  if (stays) return blocker('overridden', stays.node, `${stays.name} (line ${String(stays.line)}) defines it again in the same class hierarchy and ${refused.has(stays.name) ? 'cannot be converted' : 'is not being converted'}, so a call reaching either could not be given a continuation; convert both together or keep this method as it is`);
  let grew = false;
  for (const ref of referencesTo(file, fn)) {
    const at = `line ${String(file.lineOf(ref.node))}`;
    const untyped = unknownReceiver(file, fn, ref, options.project);
    if (untyped) return untyped;
    if (!ref.call) return blocker('used-as-value', ref.node, `${at}: \`${shortName(fn)}\` is used as a value, not called, so the code that calls it cannot be given a continuation`);
    const owner = ref.owner;
    if (!owner) {
      if (!moduleLevelStatement(ref.call)) return blocker('module-level-call', ref.call, `${at}: the module-level call \`${file.textOf(ref.call)}\` sits in a statement header where it cannot be given a continuation; move it into a function`);
      continue;
    }
    if (owner.kind === 'class') return blocker('caller-cannot-follow', ref.node, `${at}: called in the body of class ${owner.name}, which cannot receive a continuation`);
    if (chosen.has(owner.name)) continue;
    const ownerRefusal = refused.get(owner.name);
    if (ownerRefusal) return blocker('caller-cannot-follow', ref.node, `called by ${owner.name} (line ${String(owner.line)}), which cannot be converted: ${ownerRefusal.message}`);
    if (!isDirectFunction(file, owner)) return blocker('caller-cannot-follow', ref.node, `called by ${owner.name} (line ${String(owner.line)}), which cannot become a CPS function (only top-level functions and methods can)`);
    if (!options.withCallers) return blocker('needs-callers', ref.node, `called by ${owner.name} (line ${String(owner.line)}), which would stay in direct style and get no result back; convert it with its callers`);
    const elsewhere = brokenElsewhere(options.project, owner, fn) ?? unseenCallersBlocker(file, owner, options.publicApi, fn);
    if (elsewhere) return elsewhere;
    add(owner);
    grew = true;
  }
  return grew ? GREW : undefined;
}

interface Attempt {
  readonly rewrites: Rewrite[];
  readonly refusals: { fn: FunctionInfo; why: Blocker | Refusal }[];
  /** A converted function hands its error continuation on, so the module needs the error guard. */
  readonly needsGuard: boolean;
  /** Some function or module-level call runs under the trampoline, so the module needs it. */
  readonly trampolined: boolean;
}

/**
 * `trampoline` asks for thunks everywhere; without it only the functions whose
 * plain CPS form could outgrow the stack return thunks (a plain CPS callee
 * hands the thunk its continuation returns back up, so the two forms mix), and
 * the module-level calls that reach them run under the trampoline.
 */
function generate(file: SourceFile, chosen: ReadonlyMap<string, FunctionInfo>, cont: string, onError: string, trampoline: boolean): Attempt {
  const names = new FreshNames(file);
  const converted = [...chosen.values()];
  const errorPaths = calledInTry(converted, directSites(file, converted, cont, onError, new Set()), () => true);
  const siteAt = directSites(file, converted, cont, onError, errorPaths);
  const guarded = [...errorPaths].filter((fn) => makesCpsCalls(fn, siteAt));
  const deepening = trampoline ? new Map<FunctionInfo, Deepening>() : deepeningFunctions(file, converted, siteAt);
  const thunks = (fn: FunctionInfo): boolean => trampoline || deepening.has(fn);
  const rewrites: Rewrite[] = [];
  const refusals: { fn: FunctionInfo; why: Blocker | Refusal }[] = [];
  for (const fn of chosen.values()) {
    try {
      const outer = fn.decorated ?? fn.node;
      const errorContinuation = errorPaths.has(fn) ? onError : undefined;
      const keywordOnly = !hasOnlyPlainParameters(fn.node);
      const trampolineCause = deepening.get(fn);
      if (trampolineCause && trampolineNameTaken(file)) refuse('name-clash', trampolineCause.node, `${trampolineCause.message}, so it needs the trampoline, but ${TRAMPOLINE_NAME_TAKEN}`);
      rewrites.push({ start: outer.startIndex, end: fn.node.endIndex, text: cpsFunctionText({ file, fn, siteAt, cont, trampoline: thunks(fn), names, keywordOnly, ...(errorContinuation !== undefined ? { errorContinuation } : {}) }) });
    } catch (error) {
      refusals.push({ fn, why: refusalOf(file, fn, error) });
    }
  }
  const statements = new Map<number, Node>();
  for (const fn of chosen.values()) {
    for (const ref of referencesTo(file, fn)) {
      const stmt = !ref.owner && ref.call ? moduleLevelStatement(ref.call) : undefined;
      if (stmt) statements.set(stmt.id, stmt);
    }
  }
  const trampolined = converted.some(thunks);
  for (const stmt of statements.values()) {
    const runsThunks = sitesIn(stmt, SITE_TYPES, (n) => siteAt(n) !== undefined).some((n) => { const callee = siteAt(n)?.callee; return callee !== undefined && thunks(callee); });
    try {
      rewrites.push({ start: stmt.startIndex, end: stmt.endIndex, text: moduleStatementToCps(file, stmt, siteAt, names, runsThunks) });
    } catch (error) {
      if (!(error instanceof RefuseError)) throw error;
      const callees = [...chosen.values()].filter((fn) => referencesTo(file, fn).some((r) => r.statement.startIndex <= stmt.startIndex && stmt.endIndex <= r.statement.endIndex && stmt.startIndex <= r.node.startIndex && r.node.endIndex <= stmt.endIndex));
      for (const fn of callees) refusals.push({ fn, why: error });
    }
  }
  const guardClash = guarded.length > 0 && !hasHelper(file, ERROR_GUARD_NAME, ERROR_GUARD_SOURCE) && file.functions.named(ERROR_GUARD_NAME).length > 0;
  for (const fn of guardClash ? guarded : []) refusals.push({ fn, why: blocker('name-clash', undefined, `the module already defines \`${ERROR_GUARD_NAME}\`, the name of the helper that hands this function's errors to its error continuation; rename it first`) });
  // The guard catches what the body raises while it runs; a body that returns thunks raises later, outside it.
  for (const fn of guarded.filter(thunks)) refusals.push({ fn, why: blocker('needs-trampoline', deepening.get(fn)?.node, `${deepening.get(fn)?.message ?? 'runs under the trampoline'}, so it needs the trampoline, but it also hands what it raises to a caller's error continuation, which a trampolined body would escape`) });
  return { rewrites, refusals, trampolined, needsGuard: guarded.length > 0 };
}

/**
 * In direct code, a CPS call is a call of one of the converted functions
 * (methods by attribute name). Functions in `errorPaths` also take an error
 * continuation; functions with defaults, `*args` or `**kwargs` take theirs by keyword.
 */
function directSites(file: SourceFile, converted: readonly FunctionInfo[], cont: string, onError: string, errorPaths: ReadonlySet<FunctionInfo>): (n: Node) => CpsSite | undefined {
  const functions = new Map(converted.filter((f) => !isMethod(file, f)).map((f) => [pythonName(shortName(f)), f]));
  const methods = methodsByName(file, converted, (f) => pythonName(shortName(f)));
  // Each call is asked about several times (the writer, the stack-growth count, who calls what in a try): answered once.
  const known = new Map<Node, CpsSite | undefined>();
  return (n) => {
    if (n.type !== 'call') return undefined;
    if (known.has(n)) return known.get(n);
    const site = siteOf(n);
    known.set(n, site);
    return site;
  };
  function siteOf(n: Node): CpsSite | undefined {
    const callee = n.childForFieldName('function');
    const written = calleeName(n);
    const name = written === undefined ? undefined : pythonName(written);
    if (!callee || !name) return undefined;
    const fn = callee.type === 'identifier' ? functions.get(name) : callee.type === 'attribute' ? methods.get(name)?.find((m) => mayReachMethod(file, callee, m)) : undefined;
    if (!fn) return undefined;
    const byKeyword = !hasOnlyPlainParameters(fn.node);
    const site: CpsSite = { node: n, label: name, callee: fn, render: (k, text) => callWithArguments(n, [{ keyword: cont, value: k }], byKeyword, text) };
    if (!errorPaths.has(fn)) return { ...site, noErrorPath: `\`${name}\` takes no error continuation` };
    return { ...site, renderCatching: (k, e, text) => callWithArguments(n, [{ keyword: cont, value: k }, { keyword: onError, value: e }], byKeyword, text) };
  }
}
