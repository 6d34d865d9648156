// Back down from the inline-callbacks form to CPS (`--to cps` on a function
// decorated with the runner): each `x = yield op` becomes `op` called with a
// continuation holding the rest, `return v` becomes `return cont(v)`, and the
// decorator goes. Code that stays in the generator form keeps working: where
// it yields the converted function, it now yields `lambda resume: f(args, resume)`.
// A function whose CPS form could outgrow the stack (a loop over yields,
// recursion) returns thunks, and whoever starts it runs them under the
// inserted trampoline. One that waits on an operation this step does not
// convert keeps the plain form (the operation may call back later, from code
// that would drop a thunk), or is refused when the module shows that
// operation calls back before it returns (needs-trampoline).
//
// Before:
// ```python
// # <the inline_callbacks runner, from inlineCallbacksRunner.ts>
//
//
// @inline_callbacks
// def square(x):
//     return x * x
//
//
// @inline_callbacks
// def sum_of_squares(a, b):
//     square_result = yield square(a)
//     square_result2 = yield square(b)
//     return square_result + square_result2
//
//
// sum_of_squares(3, 4)(lambda sum_of_squares_result: print(sum_of_squares_result))
// ```
// After:
// ```python
// def square(x, cont):
//     return cont(x * x)
//
//
// def sum_of_squares(a, b, cont):
//     return square(a, lambda square_result: square(b, lambda square_result2: cont(square_result + square_result2)))
//
//
// sum_of_squares(3, 4, lambda sum_of_squares_result: print(sum_of_squares_result))
// ```
import type { Node } from '../../syntax/node';
import { shortName, type FunctionInfo } from '../../syntax/functionIndex';
import type { SourceFile } from '../../syntax/sourceFile';
import type { Conversion, ConversionOptions, ConversionResult, Refusal } from '../conversion';
import { conversionResult, type Rewrite } from '../conversionResult';
import { callWithArguments, calleeName } from '../callText';
import { DEFAULT_CONTINUATION, DEFAULT_ERROR_CONTINUATION, isInlineCallbacks, isInlineCallbacksFunction } from '../continuations';
import { calledInTry, cpsFunctionText, makesCpsCalls, SITE_TYPES, sitesIn, type CpsSite } from '../cpsTransform';
import { ERROR_GUARD_NAME, ERROR_GUARD_SOURCE } from '../errorGuardSource';
import { FreshNames } from '../freshNames';
import { argumentsOf, enclosingFunction, unparenthesize } from '../../python/scopes';
import { isLocalName } from '../../python/localNames';
import { runnerSource } from '../inlineCallbacksRunner';
import { Spans } from '../../syntax/spans';
import { hasHelper, hasOwnTrampoline, runnerNames, trampolineNameTaken } from '../insertedHelpers';
import { helperInsertion, helperRemoval, usesOf } from '../moduleInsert';
import { TRAMPOLINE_NAME, TRAMPOLINE_NAME_TAKEN, TRAMPOLINE_SOURCE } from '../trampolineSource';
import { isMethod, methodsByName, referencesTo, unknownReceiver } from '../references';
import type { ProjectUses } from '../projectUses';
import { mayReachMethod } from '../../python/methodOwner';
import { bindings, children, field, hasOnlyPlainParameters, ownOfType, parameterNames, present } from '../pySyntax';
import { refusalOf, RefuseError, type RefusalCode } from '../refusal';
import { deepeningFunctions } from '../stackGrowth';
import { leafOperation, leafOrderProblem, leafProblem, operationOrderProblem } from '../leafCallsBack';
import { moduleCoroutines } from '../../python/coroutines';

export const generatorToCps: Conversion = {
  id: 'generator-to-cps',
  from: 'generator',
  to: 'cps',
  changesCalls: true,
  candidates: (file) => {
    const runners = runnerNames(file, undefined);
    return file.functions.all.filter((f) => runners.some((runner) => isInlineCallbacksFunction(file, f, runner)));
  },
  convert: (file, functions, options) => convert(file, functions, options),
};

function convert(file: SourceFile, requested: readonly FunctionInfo[], options: ConversionOptions): ConversionResult {
  const cont = options.continuationName ?? DEFAULT_CONTINUATION;
  const onError = options.errorContinuationName ?? DEFAULT_ERROR_CONTINUATION;
  const runners = runnerNames(file, options.runnerName);
  const chosen = new Map(requested.map((f) => [f.name, f]));
  const refused: Refusal[] = [];
  for (;;) {
    const names = new FreshNames(file);
    const resume = names.fresh('resume');
    const converted = [...chosen.values()];
    // As direct → CPS does: a function that waits on nothing, yielded first in a `try`, gets an error continuation.
    const plain = yieldSites(file, converted, cont, onError, new Set());
    // A yield that is no operation still makes its function wait (it is refused below, with its line).
    const probe = (n: Node): CpsSite | undefined => {
      try {
        return plain(n);
      } catch {
        return { node: n, label: '', render: () => '' };
      }
    };
    const errorPaths = calledInTry(converted, probe, waitsOnlyOnConverted(file, converted, probe));
    const siteAt = yieldSites(file, converted, cont, onError, errorPaths);
    const guarded = new Set([...errorPaths].filter((fn) => makesCpsCalls(fn, siteAt)));
    // The runner keeps the generator form's stack flat; a CPS form that would nest a call per round or level returns thunks for the trampoline instead.
    const deepening = deepeningFunctions(file, converted, probe);
    const plan = trampolinePlan(file, converted, deepening, probe, runners[0]);
    const thunks = (f: FunctionInfo): boolean => plan.get(f) === 'thunks';
    const rewrites: Rewrite[] = [];
    const failures: Refusal[] = [];
    const adapted = new Map<string, Rewrite>();
    for (const fn of chosen.values()) {
      try {
        const deep = deepening.get(fn);
        const how = plan.get(fn);
        if (deep && how && typeof how !== 'string') throw new RefuseError('needs-trampoline', deep.node, `${deep.message}, so its CPS form needs the trampoline, but ${how.why}`);
        if (deep && how === 'thunks' && trampolineNameTaken(file)) throw new RefuseError('name-clash', deep.node, `${deep.message}, so it needs the trampoline, but ${TRAMPOLINE_NAME_TAKEN}`);
        rewrites.push(...onePerCall(file, callerRewrites(file, fn, chosen, resume, cont, thunks(fn), options.project), adapted, fn));
        const dropDecorators = fn.decorated ? children(fn.decorated).filter((d) => d.type === 'decorator' && runners.some((runner) => isInlineCallbacks({ ...fn, decorators: [d.text.replace(/^@\s*/, '').trim()] }, runner))) : [];
        const outer = fn.decorated ?? fn.node;
        const errorContinuation = errorPaths.has(fn) ? { errorContinuation: onError } : {};
        if (guarded.has(fn) && !hasHelper(file, ERROR_GUARD_NAME, ERROR_GUARD_SOURCE) && file.functions.named(ERROR_GUARD_NAME).length > 0) {
          throw new RefuseError('name-clash', fn.node, `the module already defines \`${ERROR_GUARD_NAME}\`, the name of the helper that hands this function's errors to its error continuation; rename it first`);
        }
        // The guard catches what the body raises while it runs; a body that returns thunks raises later, outside it.
        if (guarded.has(fn) && thunks(fn)) {
          throw new RefuseError('needs-trampoline', deepening.get(fn)?.node ?? fn.node, `${deepening.get(fn)?.message ?? 'runs under the trampoline'}, so it needs the trampoline, but it also hands what it raises to a caller's error continuation, which a trampolined body would escape`);
        }
        rewrites.push({ start: outer.startIndex, end: fn.node.endIndex, text: cpsFunctionText({ file, fn, siteAt, cont, trampoline: thunks(fn), names, dropDecorators, keywordOnly: !hasOnlyPlainParameters(fn.node), fromGenerator: true, ...errorContinuation }) });
      } catch (error) {
        failures.push(refusalOf(file, fn, error));
      }
    }
    if (failures.length === 0) {
      // The runner goes once no function is left in the inline-callbacks form.
      const decorating = new Spans([...chosen.values()].flatMap((fn) => (fn.decorated ? [fn.decorated] : [])));
      const removals = runners.flatMap((runner) => {
        const uses = usesOf(file, runner).filter((u) => !(decorating.covers(u) && u.parent?.type === 'decorator'));
        const removal = helperRemoval(file, runner, runnerSource(runner), uses.length);
        return removal ? [removal] : [];
      });
      const inserts = converted.some(thunks) && !hasOwnTrampoline(file) ? [helperInsertion(file, TRAMPOLINE_SOURCE)] : [];
      if (guarded.size > 0 && !hasHelper(file, ERROR_GUARD_NAME, ERROR_GUARD_SOURCE)) inserts.push(helperInsertion(file, ERROR_GUARD_SOURCE));
      return conversionResult(file, [...rewrites, ...removals], inserts, [...chosen.values()], refused);
    }
    for (const f of failures) {
      chosen.delete(f.function);
      refused.push(f);
    }
  }
}

/**
 * The functions whose every yield, all the way down, is of a converted
 * function: nothing they wait on can call back later, so an error
 * continuation can be handed down through them (see calledInTry).
 */
function waitsOnlyOnConverted(file: SourceFile, converted: readonly FunctionInfo[], siteAt: (n: Node) => CpsSite | undefined): (fn: FunctionInfo) => boolean {
  const calleeOf = convertedCallee(file, converted);
  const waitsOn = new Map(converted.map((fn) => {
    const body = fn.node.childForFieldName('body');
    const ops = body ? sitesIn(body, SITE_TYPES, (n) => siteAt(n) !== undefined).map((n) => n.firstNamedChild) : [];
    return [fn, ops.map((op) => (op?.type === 'call' ? calleeOf(op) : undefined))] as const;
  }));
  // Start from all of them and drop, until none changes, those that wait on anything else.
  const kept = new Set(converted);
  for (let changed = true; changed; ) {
    changed = false;
    for (const fn of kept) {
      if ((waitsOn.get(fn) ?? []).every((callee) => callee !== undefined && kept.has(callee))) continue;
      kept.delete(fn);
      changed = true;
    }
  }
  return (fn) => kept.has(fn);
}

/** The converted function a call reaches (methods through an attribute), if any. */
function convertedCallee(file: SourceFile, converted: readonly FunctionInfo[]): (call: Node) => FunctionInfo | undefined {
  const functions = new Map(converted.filter((f) => !isMethod(file, f)).map((f) => [shortName(f), f]));
  const methods = methodsByName(file, converted, shortName);
  return (call) => {
    const callee = call.childForFieldName('function');
    const name = calleeName(call) ?? '';
    return callee?.type === 'identifier' ? functions.get(name) : callee?.type === 'attribute' ? methods.get(name)?.find((m) => mayReachMethod(file, callee, m)) : undefined;
  };
}

/**
 * In the generator form, a CPS call is a `yield` of an operation. Where the
 * callee gets an error continuation (`errorPaths`), or the operation is a leaf
 * taking one (`lambda resume, fail: leaf(args, resume, fail)`), the site can
 * be given one inside a `try`.
 */
function yieldSites(file: SourceFile, converted: readonly FunctionInfo[], cont: string, onError: string, errorPaths: ReadonlySet<FunctionInfo>): (n: Node) => CpsSite | undefined {
  const calleeOf = convertedCallee(file, converted);
  return (n) => {
    if (n.type !== 'yield') return undefined;
    const at = `line ${String(file.lineOf(n))}`;
    if (n.children.some((c) => c?.type === 'from')) throw new RefuseError('not-an-operation', n, `${at}: \`yield from\` delegates to another generator; the inline-callbacks form yields operations only`);
    const op = n.firstNamedChild;
    if (!op) throw new RefuseError('not-an-operation', n, `${at}: a bare \`yield\` gives the runner no operation to start`);
    const callee = op.type === 'call' ? calleeOf(op) : undefined;
    if (callee) {
      const label = calleeName(op) ?? 'operation';
      // A function with defaults, \`*args\` or \`**kwargs\` takes its continuations by keyword (as direct → CPS gives them).
      const byKeyword = !hasOnlyPlainParameters(callee.node);
      const site: CpsSite = { node: n, label, callee, render: (k, text) => callWithArguments(op, [{ keyword: cont, value: k }], byKeyword, text) };
      if (!errorPaths.has(callee)) return { ...site, noErrorPath: `\`${label}\` waits on an operation that may call back later (not only on converted functions), so what it raises then could not reach an error continuation` };
      return { ...site, renderCatching: (k, e, text) => callWithArguments(op, [{ keyword: cont, value: k }, { keyword: onError, value: e }], byKeyword, text) };
    }
    const problem = operationProblem(file, op);
    if (problem) throw new RefuseError(problem.code, n, `${at}: ${problem.why}`);
    const leaf = leafCall(op);
    if (leaf) {
      const args = argumentsOf(leaf.call);
      const render = (k: string, text: (x: Node) => string): string => {
        const parts = args.map((a) => (a.id === args.at(-1)?.id ? (a.type === 'keyword_argument' ? `${field(a, 'name').text}=${k}` : k) : text(a)));
        return `${text(field(leaf.call, 'function'))}(${parts.join(', ')})`;
      };
      return { node: n, label: calleeName(leaf.call) ?? 'operation', render };
    }
    // `lambda resume, fail: leaf(…)` outside a try: the runner hands it an error callback, the CPS form would not.
    if (op.type === 'lambda' && (op.childForFieldName('parameters')?.namedChildCount ?? 0) !== 1) throw new RefuseError('not-an-operation', n, `${at}: the operation takes ${String(op.childForFieldName('parameters')?.namedChildCount ?? 0)} callbacks, and its CPS form would be called with the continuation alone`);
    const primary = ['call', 'identifier', 'attribute', 'subscript', 'parenthesized_expression'].includes(op.type);
    return { node: n, label: op.type === 'call' ? (calleeName(op) ?? 'operation') : 'operation', render: (k, text) => `${primary ? text(op) : `(${text(op)})`}(${k})` };
  };
}

/**
 * Why the operation `op` a yield hands the runner cannot go down as `op(rest)`,
 * if it cannot: the runner took its first callback only, after it returned;
 * called with the rest, it runs the rest as often and as soon as it calls
 * back. A lambda calling a leaf is read through the leaf, a name through the
 * lambdas the function binds it to or the module's function it names, a call
 * (a converted function's start) as before; what else holds an operation (a
 * parameter, an attribute, a subscript) the module cannot follow.
 */
function operationProblem(file: SourceFile, op: Node): { code: RefusalCode; why: string } | undefined {
  const value = unparenthesize(op);
  if (value.type === 'lambda') {
    const read = leafSlot(value);
    return read ? leafOrderProblem(file, read.call, [read.slot]) : undefined;
  }
  if (value.type === 'call') return undefined;
  if (value.type === 'identifier') {
    const lambdas = localLambdas(value);
    if (lambdas) return lambdas.map((lambda) => operationProblem(file, lambda)).find((p) => p !== undefined);
    const [fn, ...others] = isLocalName(value, value.text) ? [] : file.functions.named(value.text).filter((f) => f.kind === 'function' && f.parent === undefined);
    if (fn && others.length === 0) return operationOrderProblem(file, fn);
  }
  return { code: 'unreadable-leaf', why: `the operation \`${file.textOf(value).split('\n')[0] ?? ''}\` is held in ${HOLDERS.get(value.type) ?? 'an expression'} the module cannot follow to its definition, so whether it calls back once and last cannot be read` };
}

const HOLDERS = new Map([
  ['identifier', 'a name'],
  ['attribute', 'an attribute'],
  ['subscript', 'a subscript'],
]);

/**
 * The lambdas the function around `name` binds it to, when it binds it to
 * nothing else (`op = lambda resume: leaf(args, resume)`, later `yield op`);
 * undefined for a name it does not bind so (a parameter, a global, another value).
 */
function localLambdas(name: Node): Node[] | undefined {
  const scope = enclosingFunction(name);
  const body = scope?.childForFieldName('body');
  if (!scope || !body || !isLocalName(name, name.text) || parameterNames(scope).includes(name.text)) return undefined;
  const lambdas = ownOfType(body, ['assignment']).flatMap((a) => {
    const right = a.childForFieldName('right');
    return a.childForFieldName('left')?.text === name.text && right?.type === 'lambda' ? [right] : [];
  });
  return lambdas.length > 0 && lambdas.length === bindings(body).filter((b) => b === name.text).length ? lambdas : undefined;
}

/** `lambda r: leaf(r, args)`, `lambda r: leaf(args, callback=r)`: the leaf call and the argument handing it the lambda's one callback. */
function leafSlot(op: Node): { call: Node; slot: Node } | undefined {
  const [param, ...more] = children(op.childForFieldName('parameters') ?? op);
  const body = op.childForFieldName('body');
  if (param?.type !== 'identifier' || more.length > 0 || body?.type !== 'call') return undefined;
  const uses = body.descendantsOfType('identifier').filter((i) => i?.text === param.text);
  const slot = argumentsOf(body).find((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value') : a)?.id === uses[0]?.id);
  return uses.length === 1 && slot ? { call: body, slot } : undefined;
}

/** `lambda r: leaf(args, r)`: the leaf call and the argument slot that receives the continuation. */
function leafCall(op: Node): { call: Node; slot: Node } | undefined {
  if (op.type !== 'lambda') return undefined;
  const params = op.childForFieldName('parameters');
  const names = params ? children(params) : [];
  const body = op.childForFieldName('body');
  if (names.length !== 1 || names[0]?.type !== 'identifier' || body?.type !== 'call') return undefined;
  const param = names[0].text;
  const last = argumentsOf(body).at(-1);
  const slot = last?.type === 'keyword_argument' ? last.childForFieldName('value') : last;
  const uses = body.descendantsOfType('identifier').filter((i) => i?.text === param);
  return slot?.type === 'identifier' && slot.text === param && uses.length === 1 ? { call: body, slot } : undefined;
}

/**
 * `obj.total(2)(k)` where the module cannot tell whose `total` it reaches is a call of
 * every converted `total`; all of them take the same new call, so it is written once.
 */
function onePerCall(file: SourceFile, rewrites: readonly Rewrite[], adapted: Map<string, Rewrite>, fn: FunctionInfo): Rewrite[] {
  return rewrites.filter((r) => {
    const key = `${String(r.start)}:${String(r.end)}`;
    const earlier = adapted.get(key);
    if (!earlier) {
      adapted.set(key, r);
      return true;
    }
    if (earlier.text !== r.text) throw new RefuseError('caller-cannot-follow', fn.node, `line ${String(file.positionAt(r.start).line + 1)}: this call may reach ${shortName(fn)} or another converted method of that name, which need different calls`);
    return false;
  });
}

/**
 * How each function whose CPS form could outgrow the stack comes down:
 * returning thunks for the trampoline, when everything it waits on (itself or
 * through the converted functions it calls) is converted too; in the plain
 * form, as before, when it waits on an operation this step does not convert
 * that may call back later from a scheduler (whoever calls back then would drop
 * a thunk, and calling back later keeps the stack flat anyway); refused when
 * the module shows such an operation calls back before it returns (each round
 * would nest), or when it also waits on a function that returns thunks.
 */
function trampolinePlan(file: SourceFile, converted: readonly FunctionInfo[], deepening: ReadonlyMap<FunctionInfo, unknown>, siteAt: (n: Node) => CpsSite | undefined, runner: string | undefined): Map<FunctionInfo, Plan> {
  const reached = (fn: FunctionInfo): { foreign: Node[]; callees: FunctionInfo[] } => {
    const foreign: Node[] = [];
    const callees: FunctionInfo[] = [];
    const seen = new Set<FunctionInfo>([fn]);
    for (const next = [fn]; next.length > 0; ) {
      const body = next.pop()?.node.childForFieldName('body');
      for (const node of body ? sitesIn(body, SITE_TYPES, (n) => siteAt(n) !== undefined) : []) {
        const callee = siteAt(node)?.callee;
        if (!callee) foreign.push(node);
        else if (!seen.has(callee)) {
          seen.add(callee);
          callees.push(callee);
          next.push(callee);
        }
      }
    }
    return { foreign, callees };
  };
  const plan = new Map<FunctionInfo, Plan>();
  const module = moduleCoroutines(file, runner);
  for (const fn of converted) {
    if (!deepening.has(fn)) continue;
    const { foreign } = reached(fn);
    const sync = foreign.find((y) => {
      const leaf = y.firstNamedChild ? leafOperation(y.firstNamedChild) : undefined;
      return leaf !== undefined && leafProblem(module, leaf) === undefined;
    });
    if (sync) plan.set(fn, { why: `it waits on \`${file.textOf(sync).split('\n')[0] ?? ''}\` (line ${String(file.lineOf(sync))}), a leaf this step does not convert that calls back before it returns, so each round would nest a call however the continuations are written` });
    else plan.set(fn, foreign.length > 0 ? 'plain' : 'thunks');
  }
  for (const fn of converted) {
    if (plan.get(fn) !== 'plain') continue;
    const thunking = reached(fn).callees.find((c) => plan.get(c) === 'thunks');
    if (thunking) plan.set(fn, { why: `it waits on ${thunking.name}, which returns thunks for the trampoline, and also on an operation this step does not convert, which may call back from code that would drop them` });
  }
  return plan;
}

/** Returns thunks, keeps the plain form, or cannot come down (why). */
type Plan = 'thunks' | 'plain' | { readonly why: string };

/** Calls of `fn` from code that stays in the generator form (or drives it from outside); with `trampolined`, each runs its thunks under the trampoline. */
function callerRewrites(file: SourceFile, fn: FunctionInfo, chosen: ReadonlyMap<string, FunctionInfo>, resume: string, cont: string, trampolined: boolean, project: ProjectUses | undefined): Rewrite[] {
  const rewrites: Rewrite[] = [];
  for (const ref of referencesTo(file, fn)) {
    const at = `line ${String(file.lineOf(ref.node))}`;
    const untyped = unknownReceiver(file, fn, ref, project);
    if (untyped) throw new RefuseError(untyped.code, untyped.node, untyped.message);
    if (!ref.call) throw new RefuseError('used-as-value', ref.node, `${at}: \`${shortName(fn)}\` is used as a value, not called, so its callers cannot be adapted`);
    let owner = ref.owner;
    while (owner && !chosen.has(owner.name)) owner = owner.parent === undefined ? undefined : file.functions.named(owner.parent)[0];
    const call = ref.call;
    const parent = call.parent;
    if (owner) {
      if (parent?.type !== 'yield') throw new RefuseError('caller-cannot-follow', call, `${at}: \`${file.textOf(call)}\` is not yielded where it is called, so it cannot take the rest of ${owner.name} as its continuation`);
      continue;
    }
    const args = field(call, 'arguments');
    const invoked = parent?.type === 'call' && parent.childForFieldName('function')?.id === call.id ? parent : undefined;
    // `f(args)(k, fail)` hands fail what f raises, even after waiting; the CPS form has no second continuation for it.
    if (invoked && argumentsOf(invoked).length > 1) throw new RefuseError('caller-cannot-follow', invoked, `${at}: \`${file.textOf(invoked)}\` gives ${shortName(fn)} an error continuation, which its CPS form would not call`);
    // Edits around the arguments, never over them: a call of a converted function nested in them is rewritten too.
    const around = (before: string, after: string, end: Node): void => {
      if (before) rewrites.push({ start: call.startIndex, end: call.startIndex, text: before });
      if (after) rewrites.push({ start: end.endIndex, end: end.endIndex, text: after });
    };
    if (invoked && argumentsOf(invoked).length === 1) {
      // `f(args)(k)` → `f(args, k)`: the `)(` between them goes.
      const keyword = hasOnlyPlainParameters(fn.node) ? '' : `${cont}=`;
      const close = present(args.child(args.childCount - 1), 'closing parenthesis');
      const open = present(field(invoked, 'arguments').firstChild, 'opening parenthesis');
      rewrites.push({ start: close.startIndex, end: open.endIndex, text: `${separatorBefore(args)}${keyword}` });
      if (trampolined) around(`${TRAMPOLINE_NAME}(`, ')', invoked);
    } else {
      const named = !hasOnlyPlainParameters(fn.node) || argumentsOf(call).some((a) => a.type === 'keyword_argument' || a.type === 'dictionary_splat');
      const close = present(args.child(args.childCount - 1), 'closing parenthesis');
      rewrites.push({ start: close.startIndex, end: close.endIndex, text: `${separatorBefore(args)}${named ? `${cont}=${resume}` : resume})` });
      const operation = `lambda ${resume}: ${trampolined ? `${TRAMPOLINE_NAME}(` : ''}`;
      around(parent?.type === 'yield' ? operation : `(${operation}`, `${trampolined ? ')' : ''}${parent?.type === 'yield' ? '' : ')'}`, call);
    }
  }
  return rewrites;
}

/** What goes before one more argument at the end of an argument list: nothing when it is empty, a space after a trailing comma, else a comma. */
function separatorBefore(args: Node): string {
  const before = args.children.filter((c) => c !== null && c.type !== 'comment').at(-2);
  return !before || before.type === '(' ? '' : before.type === ',' ? ' ' : ', ';
}
