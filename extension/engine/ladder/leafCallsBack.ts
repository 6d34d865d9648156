// Whether a callback-based leaf of the inline-callbacks form calls its callback
// before it returns. Only such a leaf is safe to await through the future
// adapter under asyncio.run: one that keeps the callback for a scheduler of the
// module's own would be waited for forever, since asyncio never runs that scheduler.
import type { Node } from '../syntax/node';
import { shortName, type FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { pythonName } from '../python/identifiers';
import { bindsFirstParameter, mayReachMethod, redefinitionsOf } from '../python/methodOwner';
import { isMethodDefinition } from '../python/parameters';
import { argumentsOf } from '../python/scopes';
import type { ModuleCoroutines } from '../python/coroutines';
import { children, isGeneratorFunction, ownOfType, present, statementsOf } from './pySyntax';
import { keptWithoutTaking } from './keptCallbacks';
import { isMethod } from './references';

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
  const callee = call.childForFieldName('function');
  const all = children(fn.node.childForFieldName('parameters') ?? fn.node).filter((p) => p.type !== 'comment');
  // `obj.m(a, k)` binds `self` from the receiver; `Class.m(obj, a, k)` passes it.
  const params = callee?.type === 'attribute' && isMethodDefinition(fn.node) && bindsFirstParameter(file, callee, fn) ? all.slice(1) : all;
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

type OrderProblem = { code: 'continuation-called-twice' | 'code-after-continuation' | 'unreadable-leaf'; why: string };

/**
 * Why yielding the module's leaf `call` as an operation would change what
 * the program does, if it would: the runner takes the first call of the
 * callback in `slot` only, and sends a result that arrives before the leaf
 * returns in after the leaf's remaining code ran, where the callback ran it
 * first. A method call is read through every definition of the module it may
 * run (an override runs on another instance), and the first that would be
 * changed is named; one whose parameter for the callback the call does not
 * show cannot be read, and is named too. Undefined when each calls the
 * callback at most once per path and last, or is not a function of the
 * module (a library's leaf, which the module cannot show either way).
 */
export function leafOrderProblem(file: SourceFile, call: Node, slot: Node): OrderProblem | undefined {
  for (const fn of leafDefinitions(file, call)) {
    const problem = definitionOrderProblem(file, fn, call, slot, new Set([fn.node.id]));
    if (problem) return problem;
  }
  return undefined;
}

/** leafOrderProblem for a call a leaf hands its callback on to, not reading again a definition `seen` holds (a callback handed round in a cycle). */
function orderProblem(file: SourceFile, call: Node, slot: Node, seen: Set<number>): OrderProblem | undefined {
  for (const fn of leafDefinitions(file, call)) {
    if (seen.has(fn.node.id)) continue;
    seen.add(fn.node.id);
    const problem = definitionOrderProblem(file, fn, call, slot, seen);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * The definitions of the module `call` may run: the one top-level function
 * its name calls, or every method its `<receiver>.<name>` may reach, with the
 * other definitions of that name in their class hierarchies.
 */
function leafDefinitions(file: SourceFile, call: Node): FunctionInfo[] {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') {
    // A name defined twice may run either definition.
    return file.functions.all.filter((f) => f.kind === 'function' && f.parent === undefined && f.name === callee.text);
  }
  if (callee?.type !== 'attribute') return [];
  const name = pythonName(callee.childForFieldName('attribute')?.text ?? '');
  const reached = file.functions.all.filter((f) => isMethod(file, f) && pythonName(shortName(f)) === name && mayReachMethod(file, callee, f));
  const family = [...reached, ...reached.flatMap((m) => redefinitionsOf(file, m))];
  return family.filter((f, i) => family.findIndex((g) => g.node.id === f.node.id) === i);
}

/**
 * leafOrderProblem for one definition `fn` that `call` may run. Where it
 * hands its callback on (`self._emit(item, cb)`, `call_soon(cb, v)`), that
 * call counts as one of the callback, and a definition of the module it
 * reaches is read in turn; code after it counts only when that definition
 * may call the callback before returning (a scheduler calls it later).
 */
function definitionOrderProblem(file: SourceFile, fn: FunctionInfo, call: Node, slot: Node, seen: Set<number>): OrderProblem | undefined {
  const body = fn.node.childForFieldName('body');
  if (!body || fn.isAsync || isGeneratorFunction(fn.node)) return undefined;
  const param = parameterFor(file, fn, call, slot);
  if (param === undefined) return { code: 'unreadable-leaf', why: `the leaf \`${fn.name}\` (line ${String(fn.line)}) gets its callback in a parameter the call does not show (through *args or **kwargs, or past its parameters), so whether it calls back once and last cannot be read` };
  const leaf = `the leaf \`${fn.name}\` (line ${String(fn.line)})`;
  const kept = keptWithoutTaking(file, body, param);
  if (kept) return { code: 'continuation-called-twice', why: `${leaf} keeps its callback \`${param}\` in \`${kept.container}\` (line ${String(kept.line)}), which nothing in the module takes entries out of, so it may be called each time that is gone through; a yielded operation delivers one result` };
  const sites = callbackSites(body, param);
  for (const { call: c, handed } of sites) {
    const at = `line ${String(file.lineOf(c))}`;
    const loop = enclosingBefore(c, fn.node, ['for_statement', 'while_statement']);
    if (loop || sites.some((other) => other.call.id !== c.id && sameBlock(other.call, c))) {
      return { code: 'continuation-called-twice', why: `${leaf} may call its callback \`${param}\` more than once (${at}${handed ? ', handing it on' : ''}); a yielded operation delivers one result` };
    }
    const inner = handed ? orderProblem(file, c, handed, seen) : undefined;
    if (inner) return { ...inner, why: `${leaf} hands its callback \`${param}\` on at ${at}: ${inner.why}` };
    const after = handed && !mayCallBeforeReturning(file, c, handed, new Set()) ? undefined : codeAfter(c, fn.node);
    if (after) return { code: 'code-after-continuation', why: `${leaf} goes on at line ${String(file.lineOf(after))} after calling its callback \`${param}\` (${at}); yielded, that code would run before the caller's rest instead of after it` };
  }
  return undefined;
}

/** The calls in `body` of the callback `param`, and those handing it on as an argument (with that argument). */
function callbackSites(body: Node, param: string): { call: Node; handed?: Node }[] {
  const sites: { call: Node; handed?: Node }[] = [];
  for (const c of body.descendantsOfType('call')) {
    if (!c) continue;
    const callee = c.childForFieldName('function');
    if (callee?.type === 'identifier' && callee.text === param) sites.push({ call: c });
    const handed = argumentsOf(c).find((a) => {
      const value = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
      return value?.type === 'identifier' && value.text === param;
    });
    if (handed) sites.push({ call: c, handed });
  }
  return sites;
}

/**
 * Whether a definition of the module that `call` reaches may call the
 * callback it gets in `slot` before returning: outright, not from a nested
 * function or lambda, or by handing it on to one that may. A leaf outside
 * the module (a scheduler such as `loop.call_soon`) is taken to call it later.
 */
function mayCallBeforeReturning(file: SourceFile, call: Node, slot: Node, seen: Set<number>): boolean {
  return leafDefinitions(file, call).some((fn) => {
    if (seen.has(fn.node.id)) return false;
    seen.add(fn.node.id);
    const body = fn.node.childForFieldName('body');
    const param = parameterFor(file, fn, call, slot);
    // One that cannot be read may call it at once.
    if (!body || param === undefined) return true;
    return callbackSites(body, param).some(({ call: c, handed }) => !insideNestedFunction(c, fn.node) && (!handed || mayCallBeforeReturning(file, c, handed, seen)));
  });
}

function insideNestedFunction(node: Node, outer: Node): boolean {
  for (let p = node.parent; p && p.id !== outer.id; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return true;
  return false;
}

/** The nearest ancestor of `node` below `outer` of one of `types`, not crossing a nested function. */
function enclosingBefore(node: Node, outer: Node, types: readonly string[]): Node | undefined {
  for (let p = node.parent; p && p.id !== outer.id; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda') return undefined;
    if (types.includes(p.type)) return p;
  }
  return undefined;
}

function statementOf(node: Node): Node | undefined {
  let n: Node | null = node;
  while (n && n.parent?.type !== 'block') n = n.parent;
  return n ?? undefined;
}

/** Two calls whose statements sit in one block run one after the other. */
function sameBlock(a: Node, b: Node): boolean {
  const sa = statementOf(a);
  const sb = statementOf(b);
  return sa !== undefined && sb !== undefined && sa.parent?.id === sb.parent?.id;
}

/** The first statement that runs after the one holding `call`, up to the end of `fn` (a bare `return` ends it). */
function codeAfter(call: Node, fn: Node): Node | undefined {
  for (let s = statementOf(call); s && s.id !== fn.id; s = s.parent ? statementOf(s.parent) : undefined) {
    if (s.type === 'function_definition') return undefined;
    const siblings = s.parent ? children(s.parent).filter((c) => c.type !== 'comment') : [];
    const next = siblings[siblings.findIndex((c) => c.id === s.id) + 1];
    if (next) return next.type === 'return_statement' && !next.firstNamedChild ? undefined : next;
    if (s.parent?.parent?.id === fn.id) return undefined;
  }
  return undefined;
}
