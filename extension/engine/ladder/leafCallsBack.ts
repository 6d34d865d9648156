// Whether a callback-based leaf of the inline-callbacks form calls its callback
// before it returns. Only such a leaf is safe to await through the future
// adapter under asyncio.run: one that keeps the callback for a scheduler of the
// module's own would be waited for forever, since asyncio never runs that scheduler.
import type { Node } from '../syntax/node';
import { shortName, type FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { pythonName } from '../python/identifiers';
import { bindsFirstParameter, mayReachMethod, redefinitionsOf, runsOnInstanceOf, sameClassFamily } from '../python/methodOwner';
import { isMethodDefinition } from '../python/parameters';
import { callsRepeatedly, resultUsed } from '../python/callbacks';
import { argumentsOf, calleeText, enclosingFunction, logicalParent } from '../python/scopes';
import type { ModuleCoroutines } from '../python/coroutines';
import { alwaysExits, bindings, bindingsIn, children, contains, globalNames, isGeneratorFunction, ownOfType, parameterNames, present, statementsOf } from './pySyntax';
import { bindingScopeOf, isLocalName } from '../python/localNames';
import { attributesNamed, callsOutOf, callsOutOfAttribute, containersHolding, keptWithoutTaking, takesOutIn, type CallsOut, type SlotOwner } from './keptCallbacks';
import { isMethod } from './references';
import { calleeName } from './callText';

/** `lambda r: leaf(args, r)` (or `lambda r: r(value)`), or `lambda r, fail: leaf(args, r, fail)`: the leaf call and its callbacks' names. */
export interface LeafOperation {
  readonly call: Node;
  readonly resume: string;
  /** The error callback, when the operation takes one. */
  readonly fail?: string | undefined;
}

export function leafOperation(op: Node): LeafOperation | undefined {
  if (op.type !== 'lambda') return undefined;
  const params = op.childForFieldName('parameters');
  const names = params ? children(params) : [];
  const body = op.childForFieldName('body');
  if (names.length < 1 || names.length > 2 || names.some((n) => n.type !== 'identifier') || body?.type !== 'call') return undefined;
  return { call: body, resume: present(names[0], 'resume').text, fail: names[1]?.text };
}

type Verdict = { readonly ok: true } | { readonly ok: false; readonly why: string; readonly external: boolean };

const OK: Verdict = { ok: true };

/**
 * Undefined when the module shows the leaf calls back before returning;
 * otherwise why not, and whether the leaf is outside the module.
 */
export function leafProblem(module: ModuleCoroutines, leaf: LeafOperation): { why: string; external: boolean } | undefined {
  const verdict = callsBack(module, leaf.call, new Set([leaf.resume, ...(leaf.fail === undefined ? [] : [leaf.fail])]), new Set());
  return verdict.ok ? undefined : verdict;
}

/**
 * Does `call`, which receives the callbacks named `callbacks` (as arguments or as its callee),
 * call one of them before returning? With an error callback, calling either settles the await.
 */
function callsBack(module: ModuleCoroutines, call: Node, callbacks: ReadonlySet<string>, seen: Set<number>): Verdict {
  const { file } = module;
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier' && callbacks.has(callee.text)) return OK;
  const name = callee ? file.textOf(callee) : 'the leaf';
  const slots = argumentsOf(call).filter((a) => callbacks.has((a.type === 'keyword_argument' ? a.childForFieldName('value') : a)?.text ?? ''));
  const fn = leafFunction(module, call);
  if (!fn) return { ok: false, external: true, why: `the leaf \`${name}\` is not a function of this module, so nothing shows it calls back while asyncio.run is running` };
  if (slots.length === 0) return { ok: false, external: false, why: `the leaf \`${name}\` (line ${String(fn.line)}) gets its callback wrapped in another expression, which cannot be followed` };
  const params = slots.map((slot) => parameterFor(module.file, fn, call, slot));
  if (params.some((p) => p === undefined)) return { ok: false, external: false, why: `the leaf \`${name}\` (line ${String(fn.line)}) takes its callback through *args or **kwargs, which cannot be followed` };
  if (seen.has(fn.node.id)) return { ok: false, external: false, why: `the leaf \`${name}\` (line ${String(fn.line)}) hands its callback round in a cycle` };
  seen.add(fn.node.id);
  const verdict = bodyCallsBack(module, fn, new Set(params.filter((p): p is string => p !== undefined)), seen);
  return verdict.ok ? OK : { ...verdict, why: `the leaf \`${name}\` (line ${String(fn.line)}) ${verdict.why}` };
}

/** Walks the leaf's statements up to the first that calls the callback outright, on every path. */
function bodyCallsBack(module: ModuleCoroutines, fn: FunctionInfo, params: ReadonlySet<string>, seen: Set<number>): Verdict {
  const walked = blockCallsBack(module, fn, statementsOf(fn.node.childForFieldName('body')), params, seen);
  return walked === 'falls' ? { ok: false, external: false, why: 'returns without calling its callback' } : walked;
}

/** A block's verdict, or 'falls' when control leaves its end without having called back. */
function blockCallsBack(module: ModuleCoroutines, fn: FunctionInfo, statements: readonly Node[], params: ReadonlySet<string>, seen: Set<number>): Verdict | 'falls' {
  const { file } = module;
  // An `if` that calls back on some branches only: why, if no later statement calls back.
  let partly: Verdict | undefined;
  for (const statement of statements) {
    // A definition runs nothing; a local continuation is followed where it is handed on.
    if (statement.type === 'comment' || statement.type === 'function_definition') continue;
    const at = `line ${String(file.lineOf(statement))}`;
    const call = statementCall(statement);
    const uses = statement.descendantsOfType('identifier').filter((i): i is Node => i !== null && params.has(i.text));
    if (call && uses.length > 0) {
      const callee = call.childForFieldName('function');
      if (callee?.type === 'identifier' && params.has(callee.text) && uses.length === 1) return OK;
      const handed = argumentsOf(call).filter((a) => uses.some((u) => u.id === (a.type === 'keyword_argument' ? a.childForFieldName('value') : a)?.id));
      if (handed.length === uses.length) {
        const inner = callsBack(module, call, new Set(uses.map((u) => u.text)), seen);
        return inner.ok ? OK : { ...inner, why: `hands its callback on at ${at}: ${inner.why}` };
      }
    }
    const local = call ? localContinuation(module, fn, call, params, seen) : undefined;
    if (local) {
      const handed = argumentsOf(present(call, 'call')).map((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value') : a)?.text ?? '').filter((text) => params.has(text));
      const inner = callsBack(module, present(call, 'call'), new Set([local, ...handed]), seen);
      return inner.ok ? OK : { ...inner, why: `hands on a continuation that calls its callback at ${at}: ${inner.why}` };
    }
    if (statement.type === 'if_statement' && uses.length > 0) {
      const branches = [statement.childForFieldName('consequence'), ...children(statement).map((c) => (c.type === 'elif_clause' ? c.childForFieldName('consequence') : c.type === 'else_clause' ? c.childForFieldName('body') : null))].filter((b): b is Node => b !== null);
      const results = branches.map((b) => blockCallsBack(module, fn, statementsOf(b), params, seen));
      const bad = results.find((r) => r !== 'falls' && !r.ok);
      if (bad) return bad;
      if (children(statement).some((c) => c.type === 'else_clause') && results.every((r) => r !== 'falls')) return OK;
      partly ??= { ok: false, external: false, why: `does not call its callback outright at ${at} (\`${oneLine(file, statement)}\`) on every path, so it may return without calling it` };
      continue;
    }
    if (uses.length > 0) return { ok: false, external: false, why: `does not call its callback outright at ${at} (\`${oneLine(file, statement)}\`), so it may call it only later` };
    if (ownOfType(statement, ['return_statement', 'yield']).length > 0) {
      return { ok: false, external: false, why: `may return at ${at} before calling its callback` };
    }
  }
  return partly ?? 'falls';
}

/**
 * `fetch(key, got)` with a local `def got(v): callback(v + 1)`, or
 * `fetch(key, lambda v: callback(v))`: the argument text of a continuation
 * that calls the callback outright, which the call is then followed with.
 */
function localContinuation(module: ModuleCoroutines, fn: FunctionInfo, call: Node, params: ReadonlySet<string>, seen: Set<number>): string | undefined {
  for (const arg of argumentsOf(call)) {
    const value = arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
    if (value?.type === 'lambda') {
      const body = value.childForFieldName('body');
      const callee = body?.type === 'call' ? body.childForFieldName('function') : null;
      if (callee?.type === 'identifier' && params.has(callee.text)) return value.text;
    }
    if (value?.type === 'identifier') {
      const def = (fn.node.childForFieldName('body')?.descendantsOfType('function_definition') ?? []).find((d) => d?.childForFieldName('name')?.text === value.text);
      const verdict = def ? blockCallsBack(module, fn, statementsOf(def.childForFieldName('body')), params, seen) : 'falls';
      if (verdict !== 'falls' && verdict.ok) return value.text;
    }
  }
  return undefined;
}

/** The call an expression or return statement consists of. */
function statementCall(statement: Node): Node | undefined {
  if (statement.type !== 'expression_statement' && statement.type !== 'return_statement') return undefined;
  const value = statement.firstNamedChild;
  return value?.type === 'call' ? value : undefined;
}

/** The module's own top-level, undecorated, synchronous, non-generator function `call` calls, if that is what it is. */
function leafFunction(module: ModuleCoroutines, call: Node): FunctionInfo | undefined {
  if (call.childForFieldName('function')?.type !== 'identifier') return undefined;
  const found = module.callees(call).filter((f) => f.parent === undefined);
  const [fn] = found;
  if (found.length !== 1 || !fn || fn.isAsync || fn.decorated || isGeneratorFunction(fn.node)) return undefined;
  return fn;
}

/**
 * The parameter of `fn` that the argument `slot` of `call` binds; undefined
 * when the module cannot show which (a splat before it, a name `**kwargs`
 * takes, a slot past the parameters).
 */
function parameterFor(file: SourceFile, fn: FunctionInfo, call: Node, slot: Node): string | undefined {
  const callee = calleeOf(file, call);
  const all = children(fn.node.childForFieldName('parameters') ?? fn.node).filter((p) => p.type !== 'comment');
  // `obj.m(a, k)` binds `self` from the receiver; `Class.m(obj, a, k)` passes it; `Class(a, k)` makes the `self` of `__init__`.
  const bound = callee?.type === 'attribute' ? isMethodDefinition(fn.node) && bindsFirstParameter(file, callee, fn) : shortName(fn) === '__init__' && fn.parent !== undefined;
  const params = bound ? all.slice(1) : all;
  if (slot.type === 'keyword_argument') {
    const name = slot.childForFieldName('name')?.text;
    const separator = params.findIndex((p) => p.type === 'positional_separator');
    return params.slice(separator + 1).some((p) => PLAIN_PARAMETERS.has(p.type) && plainName(p) === name) ? name : undefined;
  }
  const args = argumentsOf(call);
  const index = args.findIndex((a) => a.id === slot.id);
  if (args.slice(0, index).some((a) => !isPositional(a))) return undefined;
  const positional = params.filter((p) => p.type !== 'positional_separator');
  const param = positional[index];
  if (!param || positional.slice(0, index + 1).some((p) => !PLAIN_PARAMETERS.has(p.type))) return undefined;
  return plainName(param);
}

function plainName(param: Node): string | undefined {
  return param.type === 'identifier' ? param.text : (param.childForFieldName('name') ?? param.firstNamedChild)?.text;
}

const PLAIN_PARAMETERS = new Set(['identifier', 'typed_parameter', 'default_parameter', 'typed_default_parameter']);

function isPositional(arg: Node): boolean {
  return arg.type !== 'list_splat' && arg.type !== 'dictionary_splat' && arg.type !== 'keyword_argument';
}

function oneLine(file: SourceFile, node: Node): string {
  const text = file.textOf(node).replace(/\s+/g, ' ');
  return text.length > 50 ? `${text.slice(0, 47)}...` : text;
}

type OrderProblem = { code: 'continuation-called-twice' | 'code-after-continuation' | 'unreadable-leaf' | 'callback-result-used'; why: string };

/**
 * Why yielding the module's leaf `call` as an operation would change what
 * the program does, if it would: the runner takes the first call of one of
 * the callbacks in `slots` (a result and an error callback settle it alike),
 * and sends a result that arrives before the leaf returns in after the leaf's
 * remaining code ran, where the callback ran it first. A method call is read
 * through every definition of the module it may run (an override runs on
 * another instance), and the first that would be changed is named; one whose
 * parameter for the callback the call does not show cannot be read, and is
 * named too. Undefined when each calls its callbacks at most once per path
 * and last, or is not a function of the module (a library's leaf, which the
 * module cannot show either way).
 */
export function leafOrderProblem(file: SourceFile, call: Node, slots: readonly Node[]): OrderProblem | undefined {
  if (slots.some((slot) => callsRepeatedly(file, call, slot))) return { code: 'continuation-called-twice', why: `\`${calleeText(call) ?? 'the leaf'}\` calls the callback it is handed again and again; a yielded operation delivers one result` };
  return orderProblem(file, call, slots, new Set());
}

/** leafOrderProblem for a call (the leaf, or one a leaf hands its callback on to), not reading again a definition `seen` holds (a callback handed round in a cycle). */
function orderProblem(file: SourceFile, call: Node, slots: readonly Node[], seen: Set<number>): OrderProblem | undefined {
  const unfollowed = unfollowedCallee(file, call);
  if (unfollowed) return { code: 'unreadable-leaf', why: `${unfollowed}, so whether it calls back once and last cannot be read` };
  for (const fn of leafDefinitions(file, call)) {
    if (seen.has(fn.node.id)) continue;
    seen.add(fn.node.id);
    const problem = definitionOrderProblem(file, fn, call, slots, seen);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * What `call` calls, as far as the module shows: its callee, or, for a name
 * the module (or the function making the call) binds once to a method,
 * another name or a lookup (`poll = feed.poll`, `Fetch = Request`,
 * `handler = self.handlers[key]`), what that name stands for.
 */
function calleeOf(file: SourceFile, call: Node): Node | undefined {
  let callee = call.childForFieldName('function') ?? undefined;
  for (const seen = new Set<string>(); callee?.type === 'identifier' && !seen.has(callee.text); ) {
    seen.add(callee.text);
    const bound = isLocalName(callee, callee.text) ? localBinding(callee) : moduleBinding(file, callee);
    if (bound?.type !== 'attribute' && bound?.type !== 'identifier' && !(bound && isLookup(bound))) return callee;
    callee = bound;
  }
  return callee;
}

/**
 * `self.handlers[key]`, `getattr(obj, name)`: a callable picked out of a
 * container or an object by a key, which the module does not tie to one
 * definition (a library's leaf is an attribute or a name).
 */
function isLookup(callee: Node): boolean {
  if (callee.type === 'subscript') return true;
  const inner = callee.type === 'call' ? callee.childForFieldName('function') : null;
  return inner?.type === 'identifier' && inner.text === 'getattr' && !isLocalName(inner, 'getattr');
}

/** What the one `name = …` of the function binding the name `id` binds it to, when nothing else there binds it (no parameter, def or loop). */
function localBinding(id: Node): Node | undefined {
  const scope = bindingScopeOf(id, id.text);
  const body = scope?.type === 'function_definition' ? scope.childForFieldName('body') : null;
  if (!scope || !body || parameterNames(scope).includes(id.text) || bindings(body).filter((n) => n === id.text).length !== 1) return undefined;
  const assignment = ownOfType(body, ['assignment']).find((a) => a.childForFieldName('left')?.type === 'identifier' && a.childForFieldName('left')?.text === id.text);
  return assignment?.childForFieldName('right') ?? undefined;
}

/** What the module's one top-level `name = …` binds the name `id` to, when `id` means the module's name and nothing else binds it. */
function moduleBinding(file: SourceFile, id: Node): Node | undefined {
  if (isLocalName(id, id.text) || file.functions.named(id.text).some((f) => f.parent === undefined)) return undefined;
  const bindings = moduleBindings(file).get(id.text) ?? [];
  const [only] = bindings;
  const assignment = only?.type === 'expression_statement' ? only.firstNamedChild : undefined;
  return bindings.length === 1 && assignment?.type === 'assignment' && assignment.childForFieldName('left')?.type === 'identifier' ? (assignment.childForFieldName('right') ?? undefined) : undefined;
}

const bindingsByFile = new WeakMap<SourceFile, ReadonlyMap<string, readonly Node[]>>();

/** The module's top-level statements that bind each name, found once per parse. */
function moduleBindings(file: SourceFile): ReadonlyMap<string, readonly Node[]> {
  let index = bindingsByFile.get(file);
  if (!index) {
    const byName = new Map<string, Node[]>();
    for (const statement of children(file.root)) {
      for (const name of new Set(statement.type === 'comment' ? [] : bindingsIn(statement))) {
        const list = byName.get(name);
        if (list) list.push(statement);
        else byName.set(name, [statement]);
      }
    }
    bindingsByFile.set(file, (index = byName));
  }
  return index;
}

/**
 * What `call` calls where the module cannot follow it to a definition: a name
 * bound at its top level to a value it cannot follow (`poll = make_poller()`),
 * or a lookup (`self.handlers[key]`, `getattr(obj, name)`) written there or
 * bound to the name called; the text and the line.
 */
function unfollowedCallee(file: SourceFile, call: Node): string | undefined {
  const callee = calleeOf(file, call);
  if (callee && isLookup(callee)) return `the leaf \`${oneLine(file, callee)}\` (line ${String(file.lineOf(callee))}) is picked out by a key, which the module cannot follow to one definition`;
  const scope = callee?.type === 'identifier' ? bindingScopeOf(callee, callee.text) : undefined;
  if (callee && scope?.type === 'function_definition' && parameterNames(scope).includes(callee.text)) {
    return `the leaf \`${callee.text}\` is a parameter of ${scope.childForFieldName('name')?.text ?? 'the function'}: each caller hands in its own`;
  }
  const bound = callee?.type === 'identifier' && !isLocalName(callee, callee.text) ? moduleBinding(file, callee) : undefined;
  return callee && bound ? `the leaf \`${callee.text}\` is bound at line ${String(file.lineOf(bound))} to something the module cannot follow to its definition` : undefined;
}

/**
 * The definitions of the module `call` may run: the one top-level function
 * its name calls, the `__init__` of a class it makes (found along the bases
 * the module defines), or every method its `<receiver>.<name>` may reach,
 * with the other definitions of that name in their class hierarchies.
 */
function leafDefinitions(file: SourceFile, call: Node): FunctionInfo[] {
  const callee = calleeOf(file, call);
  if (callee?.type === 'identifier') {
    // A function of the function making the call (`def leaf(x, cb): …` then `leaf(key, got)`).
    const scope = bindingScopeOf(callee, callee.text);
    if (scope) return file.functions.all.filter((f) => f.kind === 'function' && f.node.parent?.parent?.id === scope.id && shortName(f) === callee.text);
    // A name defined twice may run either definition.
    const topLevel = file.functions.named(callee.text).filter((f) => f.parent === undefined);
    const functions = topLevel.filter((f) => f.kind === 'function');
    const classes = topLevel.filter((f) => f.kind === 'class');
    return [...functions, ...classes.flatMap((c) => initializerOf(file, c, new Set()))];
  }
  if (callee?.type !== 'attribute') return [];
  const name = pythonName(callee.childForFieldName('attribute')?.text ?? '');
  const reached = file.functions.all.filter((f) => isMethod(file, f) && pythonName(shortName(f)) === name && mayReachMethod(file, callee, f));
  const family = [...reached, ...reached.flatMap((m) => redefinitionsOf(file, m))];
  return family.filter((f, i) => family.findIndex((g) => g.node.id === f.node.id) === i);
}

/** The `__init__` making an instance of `cls` runs: its own, or the first its bases of the module define. */
function initializerOf(file: SourceFile, cls: FunctionInfo, seen: Set<number>): FunctionInfo[] {
  if (seen.has(cls.node.id)) return [];
  seen.add(cls.node.id);
  const own = file.functions.named(`${cls.name}.__init__`).filter((m) => m.parent === cls.name && m.kind === 'function');
  if (own.length > 0) return own;
  const bases = cls.node.childForFieldName('superclasses')?.namedChildren ?? [];
  for (const base of bases) {
    const defined = base?.type === 'identifier' ? file.functions.named(base.text).find((f) => f.kind === 'class' && f.parent === undefined) : undefined;
    const found = defined ? initializerOf(file, defined, seen) : [];
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * leafOrderProblem for one definition `fn` that `call` may run. Where it
 * hands its callback on (`self._emit(item, cb)`, `call_soon(cb, v)`), that
 * call counts as one of the callback, and a definition of the module it
 * reaches is read in turn; code after it counts only when that definition
 * may call the callback before returning (a scheduler calls it later).
 */
function definitionOrderProblem(file: SourceFile, fn: FunctionInfo, call: Node, slots: readonly Node[], seen: Set<number>): OrderProblem | undefined {
  return readDefinition(file, fn, slots.map((slot) => parameterFor(file, fn, call, slot)), seen, call);
}

/**
 * leafOrderProblem for a function of the module yielded as the operation
 * itself (`yield tick`): the runner calls it with the callback alone, which
 * its first parameter takes.
 */
export function operationOrderProblem(file: SourceFile, fn: FunctionInfo): OrderProblem | undefined {
  const [first] = children(fn.node.childForFieldName('parameters') ?? fn.node).filter((p) => p.type !== 'comment');
  return readDefinition(file, fn, [first && PLAIN_PARAMETERS.has(first.type) ? plainName(first) : undefined], new Set([fn.node.id]));
}

/** definitionOrderProblem once the parameters the callbacks land in are known (undefined: one the call does not show); `call` runs `fn`, when one does. */
function readDefinition(file: SourceFile, fn: FunctionInfo, params: readonly (string | undefined)[], seen: Set<number>, call?: Node): OrderProblem | undefined {
  const body = fn.node.childForFieldName('body');
  if (!body || fn.isAsync || isGeneratorFunction(fn.node)) return undefined;
  const decorator = fn.decorators.find((d) => d !== 'staticmethod' && d !== 'classmethod');
  if (decorator !== undefined) return { code: 'unreadable-leaf', why: `the leaf \`${fn.name}\` (line ${String(fn.line)}) is decorated with \`${decorator}\`, which decides how often it runs and with which callback, so whether it calls back once and last cannot be read` };
  if (params.some((p) => p === undefined)) return { code: 'unreadable-leaf', why: `the leaf \`${fn.name}\` (line ${String(fn.line)}) gets its callback in a parameter the call does not show (through *args or **kwargs, or past its parameters), so whether it calls back once and last cannot be read` };
  const param = params.join('` or `');
  const leaf = `the leaf \`${fn.name}\` (line ${String(fn.line)})`;
  const names = new Set(params.flatMap((p) => [...callbackNames(body, p ?? '')]));
  const owner = slotOwner(file, fn, call);
  const kept = keptWithoutTaking(file, body, names, owner);
  if (kept && !(call && runsOncePerStore(file, fn, call, kept.container, seen))) return { code: 'continuation-called-twice', why: `${leaf} keeps its callback \`${param}\` in \`${kept.container}\` (line ${String(kept.line)}), which nothing in the module takes it out of, so it may be called each time that is gone through, or from anywhere; a yielded operation delivers one result` };
  const twice = calledTwiceOutOf(file, fn, body, names, owner);
  if (twice?.also) return { code: 'continuation-called-twice', why: `${leaf} keeps its callback \`${param}\` in \`${twice.container}\`, and the module calls what it holds from two functions (line ${String(file.lineOf(twice.call))} and line ${String(file.lineOf(twice.also))}), the one at line ${String(file.lineOf(twice.call))} without taking it out, so both may call it; a yielded operation delivers one result` };
  if (twice?.again) return { code: 'continuation-called-twice', why: `${leaf} keeps its callback \`${param}\` in \`${twice.container}\`, and the module calls what it holds without taking it out (line ${String(file.lineOf(twice.call))}) from a function that may run again for the same call (line ${String(file.lineOf(twice.again))}); a yielded operation delivers one result` };
  if (twice) return { code: 'continuation-called-twice', why: `${leaf} keeps its callback \`${param}\` in \`${twice.container}\`, and the module may call what it holds more than once (line ${String(file.lineOf(twice.call))}); a yielded operation delivers one result` };
  const sites = callbackSites(body, names);
  for (const { call: c, handed, wrapped } of sites) {
    const at = `line ${String(file.lineOf(c))}`;
    const repeating = handed?.find((h) => callsRepeatedly(file, c, h));
    if (repeating) return { code: 'continuation-called-twice', why: `${leaf} hands its callback \`${param}\` at ${at} to \`${calleeText(c) ?? 'a call'}\`, which calls it again and again; a yielded operation delivers one result` };
    const inner = handed ? orderProblem(file, c, handed, seen) : undefined;
    if (inner) return { ...inner, why: `${leaf} hands its callback \`${param}\` on at ${at}: ${inner.why}` };
    if (wrapped) continue;
    const reader = resultReader(c, handed, body);
    if (reader) {
      return { code: 'callback-result-used', why: `${leaf} uses what its callback \`${param}\` returns (${at}, read at line ${String(file.lineOf(reader))}: \`${oneLine(file, reader)}\`); yielded, its callback would be the runner's, which returns nothing of what the caller's continuation returned` };
    }
    const loop = repeatingLoop(c, fn.node);
    const again = sites.find((other) => !other.wrapped && other.call.id !== c.id && other.call.startIndex > c.startIndex && mayRunAfter(c, other.call, fn.node));
    if (loop || again) {
      return { code: 'continuation-called-twice', why: `${leaf} may call its callback \`${param}\` more than once (${at}${again ? ` and line ${String(file.lineOf(again.call))}` : ', in a loop'}${handed ? ', handing it on' : ''}); a yielded operation delivers one result` };
    }
    const after = handed && !mayCallBeforeReturning(file, c, handed, new Set()) ? undefined : codeAfter(c, fn.node);
    if (after) return { code: 'code-after-continuation', why: `${leaf} goes on at line ${String(file.lineOf(after))} after calling its callback \`${param}\` (${at}); yielded, that code would run before the caller's rest instead of after it` };
  }
  return undefined;
}

/**
 * Whether the slot `container` that `fn`, run by the leaf call `call`, keeps
 * its callback in, and nothing takes it out of, still calls it once for this
 * call: the slot is an attribute of an instance made for the call
 * (`Timer(name).start(5, cb)`, or `Lookup(key, cb)` whose `__init__` keeps
 * it), only `fn` sets it to a value (`__init__` may set it up empty), and
 * what calls it out of the slot is one method of the class that only `fn`
 * hands on, once, to a call that runs it once and not before `fn` is done.
 */
function runsOncePerStore(file: SourceFile, fn: FunctionInfo, call: Node, container: string, seen: Set<number>): boolean {
  const [self] = parameterNames(fn.node);
  const body = fn.node.childForFieldName('body');
  const slot = self !== undefined && container.startsWith(`${self}.`) ? container.slice(self.length + 1) : undefined;
  if (!body || !slot || !/^\w+$/.test(slot) || !isMethodDefinition(fn.node) || !madeForTheCall(file, fn, call)) return false;
  const sets = file.root.descendantsOfType('assignment').filter((a): a is Node => {
    const left = a?.childForFieldName('left');
    return left?.type === 'attribute' && left.childForFieldName('attribute')?.text === slot;
  });
  if (sets.some((a) => !contains(body, a) && !(a.childForFieldName('right')?.type === 'none' && file.functions.at(a.startIndex)?.name === `${fn.parent ?? ''}.__init__`))) return false;
  const [calls, ...more] = ownCallsOutOf(file, container, slotOwner(file, fn, call));
  const caller = calls ? file.functions.at(calls.scope.startIndex) : undefined;
  if (!caller || more.length > 0 || caller.parent !== fn.parent || caller.kind !== 'function') return false;
  const uses = file.root.descendantsOfType('attribute').filter((a) => a?.childForFieldName('attribute')?.text === shortName(caller));
  const handed = uses.length === 1 && uses[0] && contains(body, uses[0]) ? argumentHolding(uses[0]) : undefined;
  if (!handed || repeatingLoop(handed.call, fn.node) || callsRepeatedly(file, handed.call, handed.argument)) return false;
  if (mayCallBeforeReturning(file, handed.call, [handed.argument], new Set()) && codeAfter(handed.call, fn.node)) return false;
  return orderProblem(file, handed.call, [handed.argument], seen) === undefined;
}

/** Whether the instance `fn` runs on is made by `call` itself: `Lookup(key, cb)` running `__init__`, or `Timer(name).start(…)`. */
function madeForTheCall(file: SourceFile, fn: FunctionInfo, call: Node): boolean {
  return shortName(fn) === '__init__' ? calleeOf(file, call)?.type === 'identifier' : instanceMadeBy(file, fn, call) !== undefined;
}

/** The module-level class whose instance `call` makes to run `fn` on: `Timer` of `Timer(name).start(…)`, or of `Timer(name)` running `__init__`. */
function instanceMadeBy(file: SourceFile, fn: FunctionInfo, call: Node): string | undefined {
  const callee = calleeOf(file, call);
  const receiver = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
  const made = shortName(fn) === '__init__' ? callee : receiver?.type === 'call' ? receiver.childForFieldName('function') : null;
  const isClass = made?.type === 'identifier' && !isLocalName(made, made.text) && file.functions.named(made.text).some((f) => f.kind === 'class' && f.parent === undefined);
  return isClass ? made.text : undefined;
}

/**
 * A container or slot `body` (of the leaf `leaf`) keeps its callback in, and a
 * call of what is read back out of it that may run more than once: in a
 * loop, after another such call in the same function, from two functions
 * one of which leaves it there (`also`), or from one that leaves it there
 * and may run again for the same store (`again`: where it does).
 */
function calledTwiceOutOf(file: SourceFile, leaf: FunctionInfo, body: Node, names: ReadonlySet<string>, owner: SlotOwner): { container: string; call: Node; also?: Node; again?: Node } | undefined {
  for (const { container } of containersHolding(file, body, names)) {
    const groups = ownCallsOutOf(file, container, owner);
    for (const { calls, scope } of groups) {
      const call = calls.find((c) => repeatingLoop(c, scope) !== undefined || calls.some((other) => other.startIndex > c.startIndex && mayRunAfter(c, other, scope)));
      if (call) return { container, call };
    }
    // Called from two functions (a result and a timeout), each calls what the slot still holds, unless each takes it out.
    const keeping = groups.find((group) => !takesOutIn(file, group.scope, group.container));
    const other = groups.find((group) => group !== keeping);
    if (keeping?.calls[0] && other?.calls[0]) return { container, call: keeping.calls[0], also: other.calls[0] };
    const again = keeping ? runsAgain(file, keeping.scope, leaf, new Set()) : undefined;
    if (keeping?.calls[0] && again) return { container, call: keeping.calls[0], again };
  }
  return undefined;
}

/**
 * Where the function `scope` may run a second time for one run of the leaf
 * `leaf`: a second mention of it (`call_soon(self._chunk, 1)` and
 * `call_soon(self._chunk, 2)`), its one mention in a loop or handed to an API
 * that calls again and again, or in a function that may itself run again.
 * What the leaf itself mentions runs once for each of its runs, each a new store.
 */
function runsAgain(file: SourceFile, scope: Node, leaf: FunctionInfo, seen: Set<number>): Node | undefined {
  const name = scope.childForFieldName('name');
  if (scope.type !== 'function_definition' || !name || scope.id === leaf.node.id || seen.has(scope.id)) return undefined;
  seen.add(scope.id);
  // A method is mentioned through its receiver (`self._chunk`), a function by its name.
  const mentions = isMethodDefinition(scope) ? attributesNamed(file, name.text) : file.root.descendantsOfType('identifier').filter((id): id is Node => id?.text === name.text && id.id !== name.id);
  const [only, second] = mentions;
  if (second) return second;
  if (!only) return undefined;
  const around = enclosingFunction(only) ?? file.root;
  const handed = argumentHolding(only);
  if (repeatingLoop(only, around) || (handed && callsRepeatedly(file, handed.call, handed.argument))) return only;
  return runsAgain(file, around, leaf, seen);
}

/**
 * callsOutOf `container`, in the functions whose code means that container
 * (see SlotOwner). A slot of a class family's instances (`self._on_done`) is
 * also read through any other receiver (`job._on_done(v)` in a pool that
 * runs the jobs), which may hold one of them: only a method's own `self` of
 * another family does not. A slot of another object (`self.loop.handlers`,
 * `job.on_done`) may be any class's: it is read on every receiver, `self` too.
 */
function ownCallsOutOf(file: SourceFile, container: string, owner: SlotOwner): readonly CallsOut[] {
  const attribute = /\.(\w+)$/u.exec(container)?.[1];
  if (attribute === undefined) return callsOutOf(file, container);
  const owns = /^\w+\.\w+$/u.test(container) ? owner(container) : undefined;
  if (!owns) return callsOutOfAttribute(file, attribute);
  return callsOutOfAttribute(file, attribute).filter(({ container: spelled, scope }) => {
    const fn = scope.type === 'function_definition' ? file.functions.at(scope.startIndex) : undefined;
    const [self] = fn && isMethodDefinition(fn.node) ? parameterNames(fn.node) : [];
    return spelled !== `${self ?? ''}.${attribute}` || (fn !== undefined && owns(fn));
  });
}

/**
 * The SlotOwner for the leaf `fn`: in a method, `self.<slot>` is the slot of
 * its class family's instances; of the one instance `call` makes for itself
 * (`FirmCommand(text).send(cb)`), only the methods that instance runs (an
 * override, not what it overrides).
 */
function slotOwner(file: SourceFile, fn: FunctionInfo, call: Node | undefined): SlotOwner {
  const [self] = isMethodDefinition(fn.node) && fn.parent !== undefined ? parameterNames(fn.node) : [];
  const made = call ? instanceMadeBy(file, fn, call) : undefined;
  return (container) => (self !== undefined && container.startsWith(`${self}.`) ? (other) => sameClassFamily(file, fn, other) && (made === undefined || runsOnInstanceOf(file, made, other)) : undefined);
}

/** A call of the callback, or a call it is handed on to (with the arguments holding it: a result and an error callback may go to one call). */
interface CallbackSite {
  readonly call: Node;
  readonly handed?: readonly Node[];
  /** Inside a lambda handed on in turn: read for what it is handed to only, the lambda's receiver deciding when it runs. */
  readonly wrapped?: boolean;
}

/**
 * The names `body` holds its callback `param` under: the parameter and the
 * plain local aliases of it (`cb = callback`), which call it just the same.
 */
function callbackNames(body: Node, param: string): ReadonlySet<string> {
  const names = new Set([param]);
  const globals = globalNames(body);
  const aliases = ownOfType(body, ['assignment']).filter((a) => a.childForFieldName('left')?.type === 'identifier' && a.childForFieldName('right')?.type === 'identifier');
  for (let grew = true; grew; ) {
    grew = false;
    for (const alias of aliases) {
      const left = present(alias.childForFieldName('left'), 'alias');
      if (names.has(present(alias.childForFieldName('right'), 'aliased').text) && !names.has(left.text) && !globals.has(left.text)) {
        names.add(left.text);
        grew = true;
      }
    }
  }
  return names;
}

/**
 * The calls in `body` of the callback held under `names`, and those handing it
 * on. A callback handed on inside a lambda (`call_soon(lambda: cb(v))`) or a
 * partial (`ready.append(partial(cb, v))`) is handed on with that argument:
 * how often and when it runs is the receiver's to say, not the spot it is
 * written at.
 */
function callbackSites(body: Node, names: ReadonlySet<string>): CallbackSite[] {
  const sites = new Map<number, CallbackSite>();
  for (const use of body.descendantsOfType('identifier')) {
    if (!use || !names.has(use.text)) continue;
    const site = directSite(use);
    const lifted = liftedSite(site, body);
    const throughDef = lifted ? handedDefSites(lifted.call, body) : undefined;
    // In a local def only ever handed on, the call runs where the def is handed (`fetch(key, got)`), not a second time.
    const own = lifted && throughDef?.onlyHanded === true ? { ...lifted, wrapped: true } : lifted;
    for (const found of [...(site?.handed && lifted !== site ? [{ ...site, wrapped: true }, own] : [own]), ...(throughDef?.sites ?? [])]) {
      if (!found) continue;
      const known = sites.get(found.call.id);
      // One call handed both callbacks reads them together.
      const handed = [...(known?.handed ?? []), ...(found.handed ?? [])].filter((h, i, all) => all.findIndex((o) => o.id === h.id) === i);
      sites.set(found.call.id, { ...(known ?? found), ...(handed.length > 0 ? { handed } : {}) });
    }
  }
  return [...sites.values()];
}

/** Deferred methods whose callable's result becomes the Deferred's, which the callbacks added after it are handed. */
const CHAINING_CALLS = new Set(['addCallback', 'addBoth', 'addCallbacks']);

/**
 * Where a leaf reads what its callback returns at the site \`call\`: \`x = cb(v)\`,
 * or a Deferred that hands the callback's result on to a callback added after
 * it (\`d.addCallback(cb)\` then \`d.addCallback(log)\`, or chained). A callback
 * only called, or returned as the leaf's own result, is not read: the caller
 * the step rewrites drops what the leaf returns.
 */
function resultReader(call: Node, handed: readonly Node[] | undefined, body: Node): Node | undefined {
  if (!handed) return resultUsed(call) ? (logicalParent(call) ?? undefined) : undefined;
  if (!CHAINING_CALLS.has(calleeName(call) ?? '')) return undefined;
  if (call.parent?.type === 'attribute') return call.parent;
  const receiver = call.childForFieldName('function')?.childForFieldName('object');
  if (receiver?.type !== 'identifier' && receiver?.type !== 'attribute') return undefined;
  const later = body.descendantsOfType('call').find((c) => c !== null && c.startIndex >= call.endIndex && CHAINING_CALLS.has(calleeName(c) ?? '') && c.childForFieldName('function')?.childForFieldName('object')?.text === receiver.text);
  return later ?? undefined;
}

/** `cb(v)` for the use `cb` is its callee, `f(x, cb)` or `f(x, k=cb)` where it is an argument. */
function directSite(use: Node): CallbackSite | undefined {
  const parent = use.parent;
  if (parent?.type === 'call' && parent.childForFieldName('function')?.id === use.id) return { call: parent };
  const handed = argumentHolding(use);
  return handed ? { call: handed.call, handed: [handed.argument] } : undefined;
}

/** The call `value` is an argument of, and that argument (a keyword argument whole). */
function argumentHolding(value: Node): { call: Node; argument: Node } | undefined {
  const argument = value.parent?.type === 'keyword_argument' && value.parent.childForFieldName('value')?.id === value.id ? value.parent : value;
  const list = argument.parent;
  return list?.type === 'argument_list' && list.parent?.type === 'call' ? { call: list.parent, argument } : undefined;
}

const PARTIALS = new Set(['partial', 'functools.partial']);

/** A site inside a lambda or a partial handed to a call, as that call handing it on; one the lambda is not an argument for stays. */
function liftedSite(site: CallbackSite | undefined, body: Node): CallbackSite | undefined {
  let lifted = site;
  while (lifted) {
    const wrapper = PARTIALS.has(lifted.call.childForFieldName('function')?.text ?? '') && lifted.handed ? lifted.call : enclosingLambda(lifted.call, body);
    const outer = wrapper ? argumentHolding(wrapper) : undefined;
    if (!outer) return lifted;
    lifted = { call: outer.call, handed: [outer.argument] };
  }
  return lifted;
}

/**
 * Where the local function holding `node` (`def step(): … cb(v)`) is handed
 * on (`LoopingCall(step)`, `call_soon(step)`): that call runs the callback
 * as often, and as late, as it runs the function. `onlyHanded`: the function
 * is used nowhere else (not called outright), so those calls stand for it.
 */
function handedDefSites(node: Node, body: Node): { sites: CallbackSite[]; onlyHanded: boolean } | undefined {
  let def: Node | undefined;
  for (let p = node.parent; p && p.id !== body.id && !def; p = p.parent) if (p.type === 'function_definition') def = p;
  const name = def?.childForFieldName('name');
  if (!def || !name) return undefined;
  const sites: CallbackSite[] = [];
  let onlyHanded = true;
  for (const use of body.descendantsOfType('identifier')) {
    if (!use || use.text !== name.text || use.id === name.id) continue;
    const handed = argumentHolding(use);
    const lifted = handed ? liftedSite({ call: handed.call, handed: [handed.argument] }, body) : undefined;
    if (lifted) sites.push(lifted);
    else onlyHanded = false;
  }
  return { sites, onlyHanded: onlyHanded && sites.length > 0 };
}

/** The nearest lambda around `node` below `body`, not crossing a nested def. */
function enclosingLambda(node: Node, body: Node): Node | undefined {
  for (let p = node.parent; p && p.id !== body.id; p = p.parent) {
    if (p.type === 'lambda') return p;
    if (p.type === 'function_definition') return undefined;
  }
  return undefined;
}

/**
 * Whether a definition of the module that `call` reaches may call the
 * callback it gets in `slot` before returning: outright, not from a nested
 * function or lambda, or by handing it on to one that may. A leaf outside
 * the module (a scheduler such as `loop.call_soon`) is taken to call it later.
 */
function mayCallBeforeReturning(file: SourceFile, call: Node, slots: readonly Node[], seen: Set<number>): boolean {
  return leafDefinitions(file, call).some((fn) => {
    if (seen.has(fn.node.id)) return false;
    seen.add(fn.node.id);
    const body = fn.node.childForFieldName('body');
    const params = slots.map((slot) => parameterFor(file, fn, call, slot));
    // One that cannot be read may call it at once.
    if (!body || params.some((p) => p === undefined)) return true;
    return callbackSites(body, new Set(params.flatMap((p) => [...callbackNames(body, p ?? '')]))).some(({ call: c, handed, wrapped }) => !wrapped && !insideNestedFunction(c, fn.node) && (!handed || mayCallBeforeReturning(file, c, handed, seen)));
  });
}

function insideNestedFunction(node: Node, outer: Node): boolean {
  for (let p = node.parent; p && p.id !== outer.id; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return true;
  return false;
}

const LOOPS = ['for_statement', 'while_statement'];

/**
 * The loop around `call` (below `fn`) that may run it on more than one round:
 * one whose round does not always leave right after it (`cb(v); return`, or
 * `cb(v); break` in a loop no other loop repeats). A search loop that calls
 * back on the item it finds calls back once.
 */
function repeatingLoop(call: Node, fn: Node): Node | undefined {
  for (let node = call, loop = enclosingBefore(call, fn, LOOPS); loop; node = loop, loop = enclosingBefore(loop, fn, LOOPS)) {
    const leaves = leavesAfter(node, loop);
    if (leaves === 'function') return undefined;
    if (leaves === undefined) return loop;
  }
  return undefined;
}

/** Whether the round of `loop` that runs `node` always leaves right after it: the whole function (`return`, `raise`), the loop (`break`), or neither. */
function leavesAfter(node: Node, loop: Node): 'function' | 'loop' | undefined {
  for (let s = statementOf(node); s && s.id !== loop.id; s = s.parent ? statementOf(s.parent) : undefined) {
    if (s.type === 'return_statement' || s.type === 'raise_statement') return 'function';
    const siblings = s.parent ? children(s.parent).filter((c) => c.type !== 'comment') : [];
    const next = siblings[siblings.findIndex((c) => c.id === s.id) + 1];
    if (next?.type === 'return_statement' || next?.type === 'raise_statement') return 'function';
    if (next?.type === 'break_statement') return 'loop';
    if (next) return undefined;
  }
  return undefined;
}

/**
 * The nearest ancestor of `node` below `outer` of one of `types`, not crossing
 * a nested function. A loop's `else` runs once, after its rounds, not in one:
 * a loop is not around what its `else` holds.
 */
function enclosingBefore(node: Node, outer: Node, types: readonly string[]): Node | undefined {
  for (let from = node, p = node.parent; p && p.id !== outer.id; from = p, p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda') return undefined;
    if (types.includes(p.type) && from.type !== 'else_clause') return p;
  }
  return undefined;
}

function statementOf(node: Node): Node | undefined {
  let n: Node | null = node;
  while (n && n.parent?.type !== 'block') n = n.parent;
  return n ?? undefined;
}

/**
 * Whether `later`, written after `first` in `fn`, may run after it on one
 * path: not in another branch of an `if` holding both, and no statement that
 * always leaves (`return`, `raise`) stands between them.
 */
function mayRunAfter(first: Node, later: Node, fn: Node): boolean {
  for (let n = first, parent = first.parent; parent && n.id !== fn.id; n = parent, parent = parent.parent) {
    const holdsLater = contains(parent, later);
    if (parent.type === 'block') {
      const statements = children(parent);
      const from = statements.findIndex((s) => s.id === n.id);
      const to = holdsLater ? statements.findIndex((s) => contains(s, later)) : statements.length;
      if (EXITS.has(n.type) || statements.slice(from + 1, to).some((s) => alwaysExits([s]))) return false;
    }
    if (holdsLater) return !(['if_statement', 'conditional_expression'].includes(parent.type) && !isConditionOf(parent, n));
  }
  return true;
}

const EXITS = new Set(['return_statement', 'raise_statement']);

/** Whether `part` is the condition of the `if` (or conditional expression) `choice`, which runs before either branch. */
function isConditionOf(choice: Node, part: Node): boolean {
  if (choice.type === 'if_statement') return choice.childForFieldName('condition')?.id === part.id;
  // `a if cond else b`: the condition is the middle operand.
  return children(choice)[1]?.id === part.id;
}

/**
 * The first statement that runs after the one holding `call`, up to the end
 * of `fn` (a bare `return` ends it, but not a `finally` around it, which runs next).
 */
function codeAfter(call: Node, fn: Node): Node | undefined {
  return codeAfterStatement(statementOf(call), fn);
}

function codeAfterStatement(statement: Node | undefined, fn: Node): Node | undefined {
  for (let s = statement; s && s.id !== fn.id; s = s.parent ? statementOf(s.parent) : undefined) {
    if (s.type === 'function_definition') return undefined;
    const finallyNext = finallyAround(s);
    const siblings = s.parent ? children(s.parent).filter((c) => c.type !== 'comment') : [];
    const next = siblings[siblings.findIndex((c) => c.id === s.id) + 1];
    // A `break` goes on after its loop.
    const loop = next?.type === 'break_statement' ? enclosingBefore(next, fn, LOOPS) : undefined;
    if (loop) return finallyNext ?? codeAfterStatement(loop, fn);
    if (next) return next.type === 'return_statement' && !next.firstNamedChild ? finallyNext : next;
    if (finallyNext) return finallyNext;
    if (s.parent?.parent?.id === fn.id) return undefined;
  }
  return undefined;
}

/** The first statement of the `finally` of the `try` whose body, handler or `else` holds the statement `s` directly. */
function finallyAround(s: Node): Node | undefined {
  const clause = s.parent?.parent;
  const tryStatement = clause?.type === 'try_statement' ? clause : clause?.parent?.type === 'try_statement' && clause.type !== 'finally_clause' ? clause.parent : undefined;
  const final = tryStatement ? children(tryStatement).find((c) => c.type === 'finally_clause') : undefined;
  const block = final ? children(final).find((c) => c.type === 'block') : undefined;
  return block ? children(block).find((c) => c.type !== 'comment') : undefined;
}
