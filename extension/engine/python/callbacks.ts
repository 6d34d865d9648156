// Callables used as values: which parameters a function calls (and whether
// later, from a nested function), which APIs keep a callable to call it later,
// and the one CPS predicate — the parameter a function hands its outcome to,
// on every path. Concepts label from it and the ladder finds CPS functions by it.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { perFunction } from '../syntax/perParse';
import { isMethodDefinition, parametersOf, parametersPassed, type Parameter } from './parameters';
import { argumentsOf, calleeIdentifier, calleeName, calleeText, contains, functionScope, logicalParent, unparenthesize } from './scopes';
import { moduleNamesOf } from './imports';
import { isLocalName } from './localNames';
import { bindsFirstParameter, mayReachAnother, mayReachMethod } from './methodOwner';

/**
 * APIs that keep a callable to call it later, with the position of that
 * callable among the positional arguments: handing a parameter there is
 * registering a callback.
 */
const REGISTRATION_CALLS: ReadonlyMap<string, number> = new Map([
  ['call_soon', 0],
  ['call_soon_threadsafe', 0],
  ['call_later', 1],
  ['call_at', 1],
  ['add_done_callback', 0],
  ['add_reader', 1],
  ['add_writer', 1],
  ['add_signal_handler', 1],
  ['addCallback', 0],
  ['addCallbacks', 0],
  ['addErrback', 0],
  ['addBoth', 0],
  ['add_callback', 0],
  ['add_timeout', 1],
  ['add_future', 1],
  ['callLater', 1],
]);

/**
 * Library APIs that call what they are handed again and again, not once: a
 * timer loop (Twisted's `LoopingCall`, Tornado's `PeriodicCallback`), a file
 * descriptor watch (`add_reader`, `add_handler`), a signal handler.
 */
const REPEATING_CALLS: ReadonlySet<string> = new Set(['LoopingCall', 'PeriodicCallback', 'add_reader', 'add_writer', 'add_handler', 'add_signal_handler', 'addReader', 'addWriter', 'signal']);

/** Keyword arguments whose callable a library calls for every piece (Tornado's streaming and header callbacks). */
const REPEATING_KEYWORDS: ReadonlySet<string> = new Set(['streaming_callback', 'header_callback']);

/**
 * Whether `call` is a library API that may call the callable in its argument
 * `argument` (a node of its argument list) more than once. The callee is
 * resolved as the module binds it, not by its bare name: a function or class
 * of the module's own, or a method of one of its classes that the receiver
 * reaches, is not the library's (the module's definition is read instead),
 * and `signal` is the library's only as the `signal` module's.
 */
export function callsRepeatedly(file: SourceFile, call: Node, argument: Node): boolean {
  if (argument.type === 'keyword_argument' && REPEATING_KEYWORDS.has(argument.childForFieldName('name')?.text ?? '')) return true;
  const name = calleeName(call) ?? '';
  const callee = call.childForFieldName('function');
  if (!REPEATING_CALLS.has(name) || !callee) return false;
  // `signal.signal(SIGINT, handler)` or `from signal import signal`, not any function called `signal`.
  if (name === 'signal') return moduleNamesOf(file).qualify(callee) === 'signal.signal' && importBound(file, callee);
  return !definedByModule(file, callee, name);
}

const REPEATING_LIBRARIES = /^(asyncio|selectors|signal|tornado|twisted|trollius|uvloop|gevent|gi|curio|trio)(\.|$)/;

/**
 * Whether the module itself defines what `callee` names: a top-level function
 * or class (or a local) of that name, or a method of one of its classes that
 * a receiver no import binds reaches, shown to be of that class or, when the
 * module imports no event-loop library that could supply the name, any receiver.
 */
function definedByModule(file: SourceFile, callee: Node, name: string): boolean {
  if (callee.type === 'identifier') return isLocalName(callee, name) || file.functions.named(name).some((f) => f.parent === undefined);
  if (callee.type !== 'attribute' || importBound(file, callee)) return false;
  const methods = moduleDefinitions(file, callee, name);
  if (methods.length === 0) return false;
  return methods.some((m) => !mayReachAnother(file, callee, m, () => true)) || !moduleNamesOf(file).importedModules.some((m) => REPEATING_LIBRARIES.test(m));
}

/** The module's own functions `callee` (named `name`) may run: its top-level functions of that name, or the methods of its classes a receiver reaches. */
function moduleDefinitions(file: SourceFile, callee: Node, name: string): FunctionInfo[] {
  if (callee.type === 'identifier') return isLocalName(callee, name) ? [] : file.functions.named(name).filter((f) => f.kind === 'function' && f.parent === undefined);
  if (callee.type !== 'attribute' || importBound(file, callee)) return [];
  return file.functions.all.filter((f) => f.kind === 'function' && f.parent !== undefined && f.name === `${f.parent}.${name}` && file.functions.named(f.parent)[0]?.kind === 'class' && mayReachMethod(file, callee, f));
}

/** Whether the name `callee` starts from (`signal` of `signal.signal`) is one an import of the module binds. */
function importBound(file: SourceFile, callee: Node): boolean {
  let head = callee;
  while (head.type === 'attribute') head = head.childForFieldName('object') ?? head;
  return head.type === 'identifier' && !isLocalName(head, head.text) && moduleNamesOf(file).all.some((b) => b.local === head.text);
}


/** A cheap test on the text before looking for registration calls in the tree. */
export const REGISTRATION_TEXT = new RegExp(`\\b(${[...REGISTRATION_CALLS.keys(), 'append', 'add'].join('|')})\\s*\\(`, 'u');

/**
 * Whether `call` registers a callable to call later: one of the library's
 * registration APIs, or a function or method of the module's own named like
 * one (`sel.add_reader(fd, cb)`, `clock.call_later(fn, 5)`) whose definition
 * keeps the callable rather than calling it. The name is read as the module
 * binds it: its own `call_soon` that runs the function at once registers
 * nothing, and its own `call_later` may take the function first.
 */
export function isRegistration(file: SourceFile, call: Node): boolean {
  return REGISTRATION_CALLS.has(calleeName(call) ?? '') && registeredCallable(file, call) !== undefined;
}

/** Whether the module itself defines what `call` calls (see definedByModule): its definition, not a library's meaning, says what it does with its arguments. */
export function callsModuleDefinition(file: SourceFile, call: Node): boolean {
  const callee = call.childForFieldName('function');
  const name = calleeName(call);
  return callee !== null && name !== undefined && definedByModule(file, callee, name);
}

/**
 * The argument a registration call keeps to call later: at the library's
 * position, or, for a definition of the module's own, the one landing in a
 * parameter every definition the call may run keeps (`ready.append((fn,
 * args))`, `self.readers[fd] = callback`) rather than only calling or
 * handing on.
 */
export function registeredCallable(file: SourceFile, call: Node): Node | undefined {
  const name = calleeName(call) ?? '';
  const callee = call.childForFieldName('function');
  const receiver = calleeText(call)?.split('.').at(-2) ?? '';
  const positional = argumentsOf(call).filter((a) => a.type !== 'keyword_argument');
  if ((name === 'append' || name === 'add') && CALLBACK_LIST.test(receiver)) return positional[0];
  const index = REGISTRATION_CALLS.get(name);
  if (index === undefined || !callee) return undefined;
  const definitions = definedByModule(file, callee, name) ? moduleDefinitions(file, callee, name) : [];
  // The library's, or a local or class of the module's that cannot be read: the name says.
  if (definitions.length === 0) return positional[index];
  const splat = positional.findIndex((a) => a.type === 'list_splat');
  const before = splat < 0 ? positional : positional.slice(0, splat);
  const kept = (i: number, named: boolean): boolean => definitions.every((fn) => keepsParameter(file, fn, callee, i, named));
  // An entry keeps its delay or file descriptor beside the callable: the one named as a callable, else the library's place.
  const at = before.findIndex((_, i) => kept(i, true));
  return at >= 0 ? before[at] : kept(index, false) ? before[index] : undefined;
}

/** How a parameter holding a callable is conventionally named. */
const CALLABLE_NAME = /^(f|fn|func|function|callable|handler|target|callback|cb|k|cont|continuation)$|callback$|_cb$|^on_/i;

/** Definitions being read by keepsParameter, so one handing its callable round in a cycle is not read again. */
const reading = new Set<number>();

/**
 * Whether the definition `fn`, called through `callee`, keeps for later the
 * parameter its positional argument `index` lands in (one `named` like a
 * callable, when asked): puts it somewhere or calls it only from a nested
 * function or lambda (`ready.append(lambda: fn(*args))`), rather than only
 * calling it or handing it on there and then.
 */
function keepsParameter(file: SourceFile, fn: FunctionInfo, callee: Node, index: number, named: boolean): boolean {
  const bound = callee.type === 'attribute' && isMethodDefinition(fn.node) && bindsFirstParameter(file, callee, fn);
  const params = parametersOf(fn.node).slice(bound ? 1 : 0);
  const param = params.slice(0, index + 1).some((p) => p.splat) ? undefined : params[index];
  const uses = (fn.node.childForFieldName('body')?.descendantsOfType('identifier') ?? []).filter((id): id is Node => id?.text === param?.name);
  if (!param || (named && !CALLABLE_NAME.test(param.name)) || uses.length === 0 || reading.has(fn.node.id)) return false;
  if (uses.some((use) => innerScopes(use, fn.node).length > 0)) return true;
  reading.add(fn.node.id);
  try {
    return !onlyCalledOrHandedOn(file, fn.node, param.name);
  } finally {
    reading.delete(fn.node.id);
  }
}

/** `self._callbacks.append(fn)`: a list whose name says it holds callbacks. */
const CALLBACK_LIST = /(callback|listener|handler|observer|subscriber|waiter)s$/i;

/** Calls that put their argument in a collection for later. */
export const STORING_CALLS: ReadonlySet<string> = new Set([
  'append',
  'appendleft',
  'add',
  'extend',
  'insert',
  'setdefault',
  'put',
  'put_nowait',
  'push',
  'heappush',
  'submit',
  'schedule',
  'spawn',
]);

export interface ParameterCall {
  readonly parameter: string;
  readonly call: Node;
  /** Inside a nested function or lambda rather than in the function's own scope. */
  readonly deferred: Node | undefined;
}

/**
 * Parameters a caller may pass a function in: not `*args`/`**kwargs`, and not
 * the `_warn=warnings.warn` idiom (a default that binds a global for speed).
 */
export function callableParameters(params: readonly Parameter[]): Parameter[] {
  return params.filter((p) => {
    if (p.splat) return false;
    const value = p.node.childForFieldName('value');
    return !value || value.type === 'none';
  });
}

/**
 * Where a function calls one of its own `params`: anywhere in its body, nested
 * functions and lambdas included (that is how callbacks run later), unless a
 * nested scope rebinds the name as its own parameter.
 */
export function parameterCalls(file: SourceFile, def: Node, params: readonly Parameter[]): ParameterCall[] {
  const body = def.childForFieldName('body');
  if (!body) return [];
  // Most parameters are never called: a look at the text spares walking the tree for them.
  const text = file.textOf(body);
  const names = new Set(callableParameters(params).map((p) => p.name).filter((n) => new RegExp(`(^|[^\\w.])${n}\\s*\\(`, 'u').test(text)));
  if (names.size === 0) return [];
  const out: ParameterCall[] = [];
  for (const call of body.descendantsOfType('call')) {
    const name = call ? calleeIdentifier(call) : undefined;
    if (!call || !name || !names.has(name)) continue;
    const scope = innerScopes(call, def);
    if (scope.some((s) => parametersOf(s).some((p) => p.name === name))) continue;
    out.push({ parameter: name, call, deferred: scope.at(-1) });
  }
  return out;
}

/** Functions and lambdas between `node` and `outer`, innermost first. */
function innerScopes(node: Node, outer: Node): Node[] {
  const scopes: Node[] = [];
  for (let p = node.parent; p && p.startIndex >= outer.startIndex && !(p.startIndex === outer.startIndex && p.type === outer.type); p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda') scopes.push(p);
  }
  return scopes;
}

/** Conventional continuation names (`cont2` too, as a refactor numbers one when `cont` is taken); only these may end a path with `return k(...)` rather than `k(...)`. */
export const CONTINUATION_NAME = /^(k|cont|continuation|callback|cb|done|next|then|ok|resolve|reject|succeed|fail|on_\w+|\w+_(cont|continuation|callback|cb|k))\d*$/i;

interface Continuations {
  readonly file: SourceFile;
  readonly names: ReadonlySet<string>;
  /** A continuation is conventionally named, so `return k(x)` is a tail call, not a returned value. */
  readonly named: boolean;
  /** Nested functions defined in this scope, by name: passing one on, or calling it last, continues through it. */
  readonly nested: ReadonlyMap<string, Node>;
  /** Nested functions being checked, so a recursive loop continuation is taken to continue (its exit decides). */
  readonly entered: Set<number>;
  /** The local functions defined in a function's own scope, by name. */
  readonly localsOf: (def: Node) => ReadonlyMap<string, Node>;
}

export interface Continuation {
  /** The parameter the function hands its outcome to: the last one, when there are several (`ok`, `fail`). */
  readonly parameter: string;
  /** Every continuation parameter the ending paths call or hand on, in parameter order. */
  readonly parameters: readonly string[];
  /** The statements that end each path by continuing: the evidence. */
  readonly tails: readonly Node[];
}

/**
 * The continuation of a function written in continuation-passing style: every
 * path through it ends by calling a continuation parameter or handing it on to
 * the next step. A candidate is a parameter it calls or one conventionally
 * named so (`k`, `cont`, `callback`, …), unless the function uses what a call
 * of it returns (`f = f()`: a trampoline; `y = f(x)`: a plain function
 * argument) or hands it its own `*args`/`**kwargs` (it runs what it was
 * given). A writer (`def report(self, out, item): out(text)`) is called last
 * on every path just as a continuation is, and only the continuation's place
 * or name tells them apart: a parameter elsewhere than last must be named as
 * a continuation. Taking a writer for one would turn the function into a
 * generator or strip the parameter its callers pass `sys.stdout.write` in. Storing the continuation (`self._callbacks.append(fn)`) or
 * registering it with a scheduler is callback style, not a tail call; and a
 * function that returns a function made from it (a decorator) is higher-order,
 * not CPS. Generators and coroutines are never CPS.
 */
export const continuationOf = perFunction(findContinuation);

function findContinuation(file: SourceFile, fn: FunctionInfo): Continuation | undefined {
  const body = fn.node.childForFieldName('body');
  const scope = functionScope(file, fn.node);
  if (fn.kind !== 'function' || fn.isAsync || !body || scope.yields.length > 0 || scope.awaits.length > 0) return undefined;
  const localsOf = (def: Node): ReadonlyMap<string, Node> => new Map(functionScope(file, def).nestedDefs.map((d) => [d.childForFieldName('name')?.text ?? '', d]));
  const passed = parametersPassed(fn);
  const params = callableParameters(passed);
  const calls = parameterCalls(file, fn.node, params);
  const called = new Set(calls.map((c) => c.parameter));
  const valueUsed = new Set(calls.filter((c) => resultUsed(c.call)).map((c) => c.parameter));
  const forwarded = new Set(calls.filter((c) => forwardsArguments(c.call, passed)).map((c) => c.parameter));
  const last = passed.at(-1);
  const placed = (p: Parameter): boolean => CONTINUATION_NAME.test(p.name) || (p === last && !p.splat);
  const names = new Set(params.filter((p) => (called.has(p.name) || CONTINUATION_NAME.test(p.name)) && !valueUsed.has(p.name) && !forwarded.has(p.name) && placed(p)).map((p) => p.name));
  if (names.size === 0) return undefined;
  const conts: Continuations = {
    file,
    names,
    named: [...names].some((n) => CONTINUATION_NAME.test(n)),
    nested: localsOf(fn.node),
    entered: new Set(),
    localsOf,
  };
  const tails: Node[] = [];
  if (endsInTailCall(body, conts, tails) !== 'ends') return undefined;
  // Only thunks on every path, handing on no conventionally named continuation, is a thunk
  // factory (`return lambda: f(*args)`), not CPS; `return lambda: cont(0)` is trampolined CPS.
  if (!conts.named && tails.every((t) => t.type === 'return_statement' && t.firstNamedChild?.type === 'lambda')) return undefined;
  // A parameter only named like a continuation and handed to a call before its last argument is a
  // value there (`def lookup(k, on_done): … fetch(k, got)`): the continuation is the one `got` calls.
  const handedAsValue = (id: Node): boolean => !called.has(id.text) && passedBeforeLast(id);
  const mentioned = new Set(tails.flatMap((t) => t.descendantsOfType('identifier')).filter((id): id is Node => id !== null && !handedAsValue(id)).map((id) => id.text));
  const parameters = params.map((p) => p.name).filter((n) => names.has(n) && mentioned.has(n));
  // A tail that hands on a local function mentions the continuation only inside it.
  const parameter = parameters.at(-1) ?? [...names].at(-1);
  return parameter === undefined ? undefined : { parameter, parameters: parameters.length > 0 ? parameters : [parameter], tails };
}

/** A bare positional argument with more arguments after it. */
function passedBeforeLast(id: Node): boolean {
  const list = id.parent;
  if (list?.type !== 'argument_list' || list.parent?.type !== 'call') return false;
  const args = argumentsOf(list.parent);
  return args.findIndex((a) => a.id === id.id) < args.length - 1;
}

/**
 * \`function(*args, **kwargs)\` with the function's own \`*args\`/\`**kwargs\`:
 * it runs the callable it was given with what its caller passed, the way
 * \`call_soon(fn, *args)\` does; a continuation is handed an outcome.
 */
function forwardsArguments(call: Node, params: readonly Parameter[]): boolean {
  const splats = new Set(params.filter((p) => p.splat).map((p) => p.name));
  return argumentsOf(call).some((a) => (a.type === 'list_splat' || a.type === 'dictionary_splat') && splats.has(a.firstNamedChild?.text ?? ''));
}

/** Whether \`fn\` calls its parameter \`name\` with its own \`*args\`/\`**kwargs\` (see above): a callable it runs, never its continuation. */
export function forwardsOwnArguments(file: SourceFile, fn: FunctionInfo, name: string): boolean {
  const passed = parametersPassed(fn);
  return parameterCalls(file, fn.node, passed).some((c) => c.parameter === name && forwardsArguments(c.call, passed));
}

/**
 * Whether the body only ever calls \`name\` or hands it on as an argument of
 * a call that neither stores nor registers it: never assigned, kept in an
 * attribute or a container, returned, or read any other way. What lets a
 * continuation stand anywhere in the parameter list (\`def fetch(url,
 * callback, timeout)\`, \`def op(cb, *args)\`) without taking in a function
 * that keeps what it is given.
 */
export function onlyCalledOrHandedOn(file: SourceFile, def: Node, name: string): boolean {
  const body = def.childForFieldName('body');
  return (body?.descendantsOfType('identifier') ?? []).every((use) => {
    if (use?.text !== name) return true;
    const parent = use.parent;
    if (parent?.type === 'call' && parent.childForFieldName('function')?.id === use.id) return true;
    const arg = parent?.type === 'keyword_argument' && parent.childForFieldName('value')?.id === use.id ? parent : use;
    const call = arg.parent?.type === 'argument_list' ? arg.parent.parent : null;
    return call?.type === 'call' && !isRegistration(file, call) && !storesArgument(call) && !makesFunction(call);
  });
}

/** A call whose result the code uses: assigned, an operand or an argument (not returned, a lambda's body or a statement of its own). */
export function resultUsed(call: Node): boolean {
  const parent = logicalParent(call);
  // A branch of `a if c else b` is used as the whole expression is.
  if (parent?.type === 'conditional_expression' && conditionalBranches(parent)?.some((b) => b.id === call.id)) return resultUsed(parent);
  // An item of a lambda's sequence body, `lambda r: (log(r), k(r))`, runs for its effect.
  if (parent?.type === 'tuple' && logicalParent(parent)?.type === 'lambda') return false;
  return parent !== null && !['expression_statement', 'return_statement', 'lambda'].includes(parent.type);
}

type Ending = 'ends' | 'falls' | 'bad';

/** Walks a block: every `return` must continue, and the block's last path must too. */
function endsInTailCall(block: Node, conts: Continuations, tails: Node[]): Ending {
  const statements = block.namedChildren.filter((s): s is Node => s !== null && s.type !== 'comment');
  let previous: Node | undefined;
  for (const [i, s] of statements.entries()) {
    const last = i === statements.length - 1;
    switch (s.type) {
      case 'return_statement': {
        const value = s.firstNamedChild;
        if (!value) {
          // `k(x); return`
          const call = previous ? statementCall(previous) : undefined;
          if (call && continues(call, conts, 'statement')) return ended(tails, previous);
          return 'bad';
        }
        return continues(unparenthesize(value), conts, 'return') ? ended(tails, s) : 'bad';
      }
      case 'expression_statement': {
        const call = statementCall(s);
        if (last && call && continues(call, conts, 'statement')) return ended(tails, s);
        break;
      }
      case 'if_statement':
      case 'try_statement':
      case 'with_statement': {
        const branches = branchesOf(s);
        const results = branches.map((b) => endsInTailCall(b, conts, tails));
        if (results.includes('bad')) return 'bad';
        const exhaustive = s.type !== 'if_statement' || s.namedChildren.some((c) => c?.type === 'else_clause');
        if (exhaustive && results.every((r) => r === 'ends')) return 'ends';
        break;
      }
      case 'for_statement':
      case 'while_statement': {
        // A loop may run its body any number of times: every `return` in it must continue, and then the code after it decides.
        const blocks = [s.childForFieldName('body'), s.namedChildren.find((c) => c?.type === 'else_clause')?.childForFieldName('body')];
        if (blocks.some((b) => b && endsInTailCall(b, conts, tails) === 'bad')) return 'bad';
        break;
      }
      case 'function_definition':
      case 'class_definition':
      case 'decorated_definition':
        // A local function (a continuation) returns for itself: nothing to look for inside.
        break;
      default:
        // Other compound statements: a `return` inside is not a tail position we can vouch for.
        if (s.descendantsOfType('return_statement').some((r) => r !== null && ownReturn(r, s))) return 'bad';
    }
    previous = s;
  }
  return 'falls';
}

function ended(tails: Node[], node: Node | undefined): Ending {
  if (node) tails.push(node);
  return 'ends';
}

/** The blocks control can end in: if/elif/else bodies, try body and handlers (not `finally`), a with body. */
function branchesOf(statement: Node): Node[] {
  const blocks: Node[] = [];
  const take = (n: Node | null | undefined): void => {
    if (n?.type === 'block') blocks.push(n);
  };
  take(statement.childForFieldName('consequence') ?? statement.childForFieldName('body'));
  for (const c of statement.namedChildren) {
    if (!c) continue;
    if (c.type === 'elif_clause') take(c.childForFieldName('consequence'));
    else if (c.type === 'else_clause') take(c.childForFieldName('body'));
    else if (c.type === 'except_clause') take(c.namedChildren.find((b) => b?.type === 'block'));
    else if (c.type === 'finally_clause' && c.descendantsOfType('return_statement').length > 0) blocks.push(c);
  }
  return blocks;
}

/** A `return` that belongs to the function being checked, not to a function nested in `within`. */
function ownReturn(ret: Node, within: Node): boolean {
  for (let p = ret.parent; p && contains(within, p); p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return false;
  }
  return true;
}

function statementCall(statement: Node): Node | undefined {
  const expr = statement.firstNamedChild;
  return expr && unparenthesize(expr).type === 'call' ? unparenthesize(expr) : undefined;
}

/**
 * Whether `expr` hands control on to a continuation: calls one, passes one
 * (or a lambda or local function that does) to the next step, or, returned,
 * is a thunk of such a call for a trampoline.
 */
function continues(expr: Node, conts: Continuations, position: 'statement' | 'return'): boolean {
  // `on_done(state) if settled(state) else call_later(2, check)`: each branch continues.
  const branches = conditionalBranches(expr);
  if (branches) return branches.every((b) => continues(b, conts, position));
  if (expr.type === 'lambda') {
    const params = expr.childForFieldName('parameters');
    const body = expr.childForFieldName('body');
    // A thunk of a continuing call, returned for a trampoline (or, with a named continuation, inside another continuation).
    return (position === 'return' || conts.named) && !params && body !== null && continues(unparenthesize(body), conts, 'statement');
  }
  if (expr.type !== 'call') return false;
  if (position === 'return' && !conts.named) return false;
  const callee = calleeIdentifier(expr);
  if (callee && conts.names.has(callee)) return true;
  // A local continuation called last (a join after an if, a loop's next round) continues if it does.
  if (callee && conts.nested.has(callee)) return localContinues(conts.nested.get(callee), conts);
  // Registering or storing the continuation is callback style, not a tail call;
  // `partial(k, x)`, `wraps(f)(wrapper)` make a function rather than call one.
  // Re-arming a local step with the scheduler (`call_later(5, poll)`) goes round a polling loop.
  if (isRegistration(conts.file, expr)) {
    const registered = registeredCallable(conts.file, expr);
    return registered?.type === 'identifier' && localContinues(conts.nested.get(registered.text), conts);
  }
  if (storesArgument(expr) || makesFunction(expr)) return false;
  return argumentsOf(expr).some((arg) => {
    const value = arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
    if (!value) return false;
    if (value.type === 'identifier') return conts.names.has(value.text) || localContinues(conts.nested.get(value.text), conts);
    if (value.type === 'lambda') {
      const body = value.childForFieldName('body');
      return body !== null && continues(lastInSequence(body), conts, 'statement');
    }
    return false;
  });
}

/** The two values of \`a if c else b\` (unparenthesized), or undefined for any other expression. */
export function conditionalBranches(expr: Node): [Node, Node] | undefined {
  if (expr.type !== 'conditional_expression') return undefined;
  const [value, , otherwise] = expr.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  return value && otherwise ? [unparenthesize(value), unparenthesize(otherwise)] : undefined;
}

/**
 * A lambda body written as a sequence, `(acc.append(r), step(i + 1))`, runs its
 * items in order: the last one is what the body ends with.
 */
export function lastInSequence(body: Node): Node {
  const inner = unparenthesize(body);
  if (inner.type !== 'tuple') return inner;
  const items = inner.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const last = items.at(-1);
  return last ? unparenthesize(last) : inner;
}

/** `queue.append(k)`, `self._waiters.add(k)`: a method that keeps its argument (a plain `add(a, b, k)` is just a function). */
export function storesArgument(call: Node): boolean {
  return call.childForFieldName('function')?.type === 'attribute' && STORING_CALLS.has(calleeName(call) ?? '');
}

/** Whether every path of a local function ends by continuing; one already being checked is taken to (its other paths decide). */
function localContinues(local: Node | undefined, conts: Continuations): boolean {
  const body = local?.childForFieldName('body');
  if (!local || !body) return false;
  if (conts.entered.has(local.id)) return true;
  conts.entered.add(local.id);
  try {
    // Its own local functions (a loop's `after_ok`) continue through it too.
    const inner: Continuations = { ...conts, nested: new Map([...conts.nested, ...conts.localsOf(local)]) };
    return endsInTailCall(body, inner, []) === 'ends';
  } finally {
    conts.entered.delete(local.id);
  }
}

/** `functools.partial(...)`, `functools.wraps(f)(wrapper)`, `update_wrapper(...)`: a call that builds a function. */
export function makesFunction(call: Node): boolean {
  const callee = call.childForFieldName('function');
  const factory = callee?.type === 'call' ? callee : call;
  return FUNCTION_FACTORIES.has(calleeName(factory) ?? '');
}

const FUNCTION_FACTORIES: ReadonlySet<string> = new Set(['partial', 'wraps', 'update_wrapper']);
