// The one coroutine recognizer: which functions of a module are coroutines,
// driven by what (asyncio, types.coroutine, Tornado, Twisted, the ladder's
// runner, a runner of the module's own), and what every other function is.
// Concepts label from it, interleavings find suspension points from it, and
// the ladder decides what to convert and how a refusal names a function.
import type { Node } from '../syntax/node';
import { shortName, type FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { ModuleNames } from './imports';
import { isLocalName } from './localNames';
import { mayRunMethod } from './methodOwner';
import { pythonName } from './identifiers';
import { parametersPassed } from './parameters';
import { contextOf, isYieldFrom, mentioning, operandOf, ownNodesByFunction, unparenthesize, type ScopeNode } from './scopes';

/**
 * How a generator-based coroutine is driven: asyncio's or types' decorator,
 * Tornado's `gen.coroutine` or its callback-era `gen.engine`, Twisted's
 * `inlineCallbacks`, the ladder's inserted runner, a runner the module
 * defines itself (a function that drives generators with `.send()`), or
 * nothing but its `yield from`s.
 */
export type Flavour = 'asyncio' | 'types' | 'tornado' | 'tornado-engine' | 'twisted' | 'runner' | 'own-runner' | 'undecorated';

/** Flavours whose every `yield` hands something to a driver, inline-callbacks style. */
export const INLINE_CALLBACKS_FLAVOURS: ReadonlySet<Flavour> = new Set(['tornado', 'tornado-engine', 'twisted', 'runner', 'own-runner']);

export type FunctionKind =
  | 'generator-coroutine'
  | 'native-coroutine'
  | 'async-generator'
  | 'coroutine-primitive'
  | 'value-generator'
  | 'plain-function'
  | 'class';

/** A yield of the function's own scope (and the lambda or comprehension it sits in, if any). */
export type OwnYield = ScopeNode;

export interface Recognised {
  readonly fn: FunctionInfo;
  readonly kind: FunctionKind;
  /** For generator-based coroutines: what drives it. */
  readonly flavour: Flavour | undefined;
  /** The decorator that makes it a coroutine. */
  readonly decorator: Node | undefined;
  readonly yields: readonly OwnYield[];
}

const FLAVOURS: readonly [string, Flavour][] = [
  ['asyncio.coroutine', 'asyncio'],
  ['asyncio.coroutines.coroutine', 'asyncio'],
  ['types.coroutine', 'types'],
  ['tornado.gen.coroutine', 'tornado'],
  ['tornado.gen.engine', 'tornado-engine'],
  ['twisted.internet.defer.inlineCallbacks', 'twisted'],
];

/** Calls that make a future or task (by qualified name, or by method name on any loop). */
const FUTURE_MAKERS = new Set(['asyncio.Future', 'asyncio.Task', 'asyncio.ensure_future', 'asyncio.async', 'asyncio.create_task', 'asyncio.gather', 'asyncio.wait_for', 'asyncio.shield']);
const FUTURE_MAKING_METHODS = new Set(['create_future', 'create_task', 'run_in_executor']);
const FUTURE_COLLECTIONS = new Set(['list', 'set', 'tuple']);
const FUTURE_COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'generator_expression']);
/** Methods that add their argument to a list or set, and methods that only take items out of one. */
const ADDING_METHODS = new Set(['append', 'add']);
const REMOVING_METHODS = new Set(['remove', 'discard', 'pop', 'clear', 'copy', 'index', 'count']);
/** Calls that read a collection of futures without keeping it. */
const FUTURE_READERS = new Set(['asyncio.wait', 'asyncio.gather', 'asyncio.as_completed', 'len', 'list', 'set', 'sorted', 'tuple']);
/** Tornado and Twisted calls that always return a Future or Deferred. */
const FRAMEWORK_AWAITABLE_MAKERS = new Set([
  'tornado.gen.sleep',
  'tornado.gen.multi',
  'tornado.gen.multi_future',
  'tornado.gen.with_timeout',
  'tornado.gen.convert_yielded',
  'tornado.gen.maybe_future',
  'tornado.concurrent.Future',
  'twisted.internet.defer.Deferred',
  'twisted.internet.defer.succeed',
  'twisted.internet.defer.fail',
  'twisted.internet.defer.maybeDeferred',
  'twisted.internet.defer.ensureDeferred',
  'twisted.internet.defer.gatherResults',
  'twisted.internet.defer.DeferredList',
  'twisted.internet.defer.execute',
  'twisted.internet.task.deferLater',
  'twisted.internet.threads.deferToThread',
]);

/** Decorators that work the same around a generator and an `async def` (by what they resolve to). */
const NEUTRAL_DECORATORS = new Set([
  'classmethod',
  'staticmethod',
  'abc.abstractmethod',
  'functools.wraps',
  'tornado.web.authenticated',
  'tornado.testing.gen_test',
  'typing.override',
]);

const ITERATING_CALLEES = new Set(['next', 'list', 'tuple', 'set', 'sorted', 'sum', 'iter', 'enumerate', 'zip', 'dict']);
const DRIVING_METHODS = new Set(['send', 'throw', 'close', '__next__']);

const analyses = new WeakMap<SourceFile, Map<string, ModuleCoroutines>>();

/** The analysis of a file, shared by every conversion that looks at the same parse. */
export function moduleCoroutines(file: SourceFile, runnerName = 'inline_callbacks'): ModuleCoroutines {
  let byRunner = analyses.get(file);
  if (!byRunner) {
    byRunner = new Map();
    analyses.set(file, byRunner);
  }
  let analysis = byRunner.get(runnerName);
  if (!analysis) {
    analysis = new ModuleCoroutines(file, runnerName);
    byRunner.set(runnerName, analysis);
  }
  return analysis;
}

export class ModuleCoroutines {
  readonly names: ModuleNames;
  private readonly byNode = new Map<number, Recognised>();
  private readonly plainByName = new Map<string, FunctionInfo[]>();
  private readonly methodsByName = new Map<string, FunctionInfo[]>();
  private referencesByName: Map<string, Node[]> | undefined;
  /** Module-level functions that drive a generator with `.send()`: runners of the module's own. */
  readonly ownRunners: ReadonlySet<string>;

  constructor(
    readonly file: SourceFile,
    readonly runnerName = 'inline_callbacks',
  ) {
    this.names = new ModuleNames(file);
    this.ownRunners = new Set(
      mentioning(file, /\bsend\b/g)
        .definitions.filter((f) => f.kind === 'function' && f.name !== runnerName)
        .filter((f) => f.node.descendantsOfType('attribute').some((a) => a?.childForFieldName('attribute')?.text === 'send' && a.parent?.type === 'call'))
        .map((f) => f.name),
    );
    const classes = new Set(file.functions.all.filter((f) => f.kind === 'class').map((f) => f.name));
    for (const fn of file.functions.all) {
      if (fn.kind !== 'function') continue;
      const short = pythonName(shortName(fn));
      const map = fn.parent !== undefined && classes.has(fn.parent) ? this.methodsByName : this.plainByName;
      map.set(short, [...(map.get(short) ?? []), fn]);
    }
    const pending: Recognised[] = [];
    const yields = ownYields(file);
    for (const fn of file.functions.all) {
      const r = this.recognise(fn, yields.get(fn.node.id) ?? []);
      this.byNode.set(fn.node.id, r);
      if (r.kind === 'value-generator' && r.flavour === 'undecorated') pending.push(r);
    }
    this.promoteUndecorated(pending);
  }

  /** What `fn` is. */
  of(fn: FunctionInfo): Recognised {
    const r = this.byNode.get(fn.node.id);
    if (!r) throw new Error(`${fn.name} is not a function of this file`);
    return r;
  }

  /** Generator-based coroutines whose driver has an async/await equivalent: not the ladder's own form (inlineCallbacksToAsync converts it), nor `gen.engine`'s or a hand-written runner's. */
  get generatorCoroutines(): Recognised[] {
    return [...this.byNode.values()].filter(
      (r) => r.kind === 'generator-coroutine' && r.flavour !== 'runner' && r.flavour !== 'tornado-engine' && r.flavour !== 'own-runner',
    );
  }

  get nativeCoroutines(): Recognised[] {
    return [...this.byNode.values()].filter((r) => r.kind === 'native-coroutine');
  }

  /** The module's functions a call could be calling: `f(...)` plain functions, `x.f(...)` methods. */
  callees(call: Node): FunctionInfo[] {
    const callee = call.childForFieldName('function');
    if (!callee) return [];
    if (callee.type === 'identifier') return this.plainByName.get(pythonName(callee.text)) ?? [];
    if (callee.type === 'attribute') {
      const attribute = callee.childForFieldName('attribute');
      return attribute ? (this.methodsByName.get(pythonName(attribute.text)) ?? []) : [];
    }
    return [];
  }

  /** A call the module shows to produce an awaitable: one of its coroutines, asyncio's, or a Tornado or Twisted Future/Deferred maker. */
  isAwaitableCall(node: Node): boolean {
    const call = unparenthesize(node);
    if (call.type !== 'call') return false;
    const callee = call.childForFieldName('function');
    const qualified = callee ? this.names.qualify(callee) : undefined;
    if (qualified?.startsWith('asyncio.') || FRAMEWORK_AWAITABLE_MAKERS.has(qualified ?? '')) return true;
    const targets = this.callees(call);
    return targets.length > 0 && targets.every((f) => this.isCoroutine(f));
  }

  /**
   * An operand of `yield from` the module shows to be awaitable: such a call,
   * or a name the same function bound to one, or to a future it made
   * (`fut = loop.create_future()`, `task = asyncio.ensure_future(...)`).
   */
  isAwaitableOperand(node: Node): boolean {
    const operand = unparenthesize(node);
    const awaitable = (value: Node): boolean => this.isAwaitableCall(value) || this.makesFuture(value);
    return awaitable(operand) || this.boundOnlyTo(operand, awaitable);
  }

  /**
   * A future or task: a call that makes one, a name the same function bound
   * only to such calls, or an attribute (`self._task`) the module assigns
   * nothing else.
   */
  isFuture(node: Node): boolean {
    const value = unparenthesize(node);
    return this.makesFuture(value) || this.boundOnlyTo(value, (v) => this.makesFuture(v)) || this.attributeBoundOnlyTo(value, (v) => this.makesFuture(v));
  }

  /**
   * A collection of futures or tasks only: a display or comprehension of them,
   * or a name (in its function) or attribute (in the module) bound only to
   * one, to which nothing but a future is ever added and which goes nowhere
   * that could add something else.
   */
  holdsOnlyFutures(node: Node): boolean {
    const value = unparenthesize(node);
    const ofFutures = (v: Node): boolean => {
      if (FUTURE_COLLECTIONS.has(v.type)) return v.namedChildren.every((item) => item === null || item.type === 'comment' || (item.type !== 'list_splat' && this.isFuture(item)));
      const body = FUTURE_COMPREHENSIONS.has(v.type) ? v.childForFieldName('body') : null;
      if (body) return this.isFuture(body);
      // `[self._task] + self._tasks`: a new collection of what both hold.
      const [left, right] = [v.childForFieldName('left'), v.childForFieldName('right')];
      return v.type === 'binary_operator' && v.childForFieldName('operator')?.type === '+' && left !== null && right !== null && this.holdsOnlyFutures(left) && this.holdsOnlyFutures(right);
    };
    if (ofFutures(value)) return true;
    let uses: Node[];
    if (value.type === 'identifier' && this.boundOnlyTo(value, ofFutures)) uses = this.sameScopeUses(value);
    else if (this.attributeBoundOnlyTo(value, ofFutures)) uses = this.sameAttributes(value);
    else return false;
    return uses.every((use) => storeOf(use) === 'plain' || this.leavesOnlyFutures(use));
  }

  /** A read of a collection of futures that adds nothing but a future to it. */
  private leavesOnlyFutures(use: Node): boolean {
    const parent = contextOf(use);
    if (!parent) return false;
    if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === use.id) {
      const method = parent.childForFieldName('attribute')?.text ?? '';
      const call = contextOf(parent);
      if (call?.type !== 'call' || call.childForFieldName('function')?.id !== parent.id) return false;
      if (REMOVING_METHODS.has(method)) return true;
      const args = call.childForFieldName('arguments')?.namedChildren.filter((a) => a !== null && a.type !== 'comment') ?? [];
      return ADDING_METHODS.has(method) && args.length === 1 && args[0] !== null && args[0] !== undefined && this.isFuture(args[0]);
    }
    if ((parent.type === 'for_statement' || parent.type === 'for_in_clause') && parent.childForFieldName('right')?.id === use.id) return true;
    // `task in tasks`, `tasks + more`: read, not changed.
    if (parent.type === 'comparison_operator' || (parent.type === 'binary_operator' && parent.childForFieldName('operator')?.type === '+')) return true;
    const holder = parent.type === 'list_splat' ? contextOf(parent) : parent;
    const call = holder?.type === 'argument_list' ? holder.parent : null;
    const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
    return callee !== null && FUTURE_READERS.has(this.names.qualify(callee) ?? '');
  }

  /** The uses of an identifier in its function (or the module), functions nested in it included: a closure may add to it. */
  private sameScopeUses(name: Node): Node[] {
    const owner = scopeRoot(name);
    return (this.references.get(pythonName(name.text)) ?? []).filter((use) => scopeContains(owner, use));
  }

  /** Every `x.attr` in the module with the same object text (`self._tasks`). */
  private sameAttributes(target: Node): Node[] {
    const object = target.childForFieldName('object');
    const name = target.childForFieldName('attribute');
    if (!object || !name) return [];
    return (this.references.get(pythonName(name.text)) ?? []).flatMap((use) => {
      const attribute = use.parent;
      return attribute?.type === 'attribute' && attribute.childForFieldName('attribute')?.id === use.id && attribute.childForFieldName('object')?.text === object.text ? [attribute] : [];
    });
  }

  /** An attribute the module assigns (`self._task = …`) only values `test` accepts, and binds in no other way. */
  private attributeBoundOnlyTo(target: Node, test: (value: Node) => boolean): boolean {
    if (target.type !== 'attribute') return false;
    const stores = this.sameAttributes(target).filter((a) => storeOf(a) !== 'load');
    return stores.length > 0 && stores.every((a) => {
      const value = storeOf(a) === 'plain' ? a.parent?.childForFieldName('right') : undefined;
      return value !== null && value !== undefined && test(unparenthesize(value));
    });
  }

  /** A name every assignment of which, in the same function, binds a value `test` accepts. */
  private boundOnlyTo(name: Node, test: (value: Node) => boolean): boolean {
    if (name.type !== 'identifier') return false;
    const owner = scopeRoot(name);
    const bindings = (this.references.get(pythonName(name.text)) ?? []).filter((use) => {
      const assignment = use.parent;
      return assignment?.type === 'assignment' && assignment.childForFieldName('left')?.id === use.id && scopeRoot(assignment).id === owner.id;
    });
    return (
      bindings.length > 0 &&
      bindings.every((use) => {
        const value = use.parent?.childForFieldName('right');
        return value !== null && value !== undefined && test(unparenthesize(value));
      })
    );
  }

  /** A call that makes an asyncio future or task (`loop.create_future()`, `asyncio.ensure_future(...)`). */
  makesFuture(node: Node): boolean {
    const call = unparenthesize(node);
    if (call.type !== 'call') return false;
    const callee = call.childForFieldName('function');
    if (!callee) return false;
    if (FUTURE_MAKERS.has(this.names.qualify(callee) ?? '')) return true;
    return callee.type === 'attribute' && FUTURE_MAKING_METHODS.has(callee.childForFieldName('attribute')?.text ?? '');
  }

  /**
   * Classes of the module whose instances `await` takes but `yield from` does
   * not: they (or their module-level bases) define `__await__` and no `__iter__`.
   */
  get awaitOnlyClasses(): ReadonlySet<string> {
    if (!this.awaitOnly) {
      const classes = this.file.functions.all.filter((f) => f.kind === 'class' && f.parent === undefined);
      const defines = (cls: FunctionInfo, method: string, seen: Set<string>): boolean => {
        if (seen.has(cls.name)) return false;
        seen.add(cls.name);
        if (this.file.functions.named(`${cls.name}.${method}`).length > 0) return true;
        const bases = cls.node.childForFieldName('superclasses')?.namedChildren ?? [];
        return bases.some((b) => b?.type === 'identifier' && classes.some((c) => c.name === b.text && defines(c, method, seen)));
      };
      this.awaitOnly = new Set(classes.filter((c) => defines(c, '__await__', new Set()) && !defines(c, '__iter__', new Set())).map((c) => pythonName(c.name)));
    }
    return this.awaitOnly;
  }

  private awaitOnly: Set<string> | undefined;

  /** An instance of one of the awaitOnlyClasses: `Thing(...)`, or a name the same function bound only to one. */
  isAwaitOnlyInstance(node: Node): boolean {
    const value = unparenthesize(node);
    const made = (n: Node): boolean => {
      const callee = n.type === 'call' ? n.childForFieldName('function') : null;
      return callee?.type === 'identifier' && this.awaitOnlyClasses.has(pythonName(callee.text));
    };
    return made(value) || this.boundOnlyTo(value, made);
  }

  /** Something `yield from` would iterate as values: a value generator of the module, or a literal. */
  isValueSource(node: Node): boolean {
    const inner = unparenthesize(node);
    if (['list', 'tuple', 'string', 'concatenated_string', 'list_comprehension', 'generator_expression', 'set', 'dictionary'].includes(inner.type)) {
      return true;
    }
    if (inner.type !== 'call') return false;
    const callee = inner.childForFieldName('function');
    if (callee?.type === 'identifier' && ['range', 'iter', 'zip', 'enumerate', 'map', 'filter', 'reversed'].includes(callee.text)) {
      return true;
    }
    const targets = this.callees(inner);
    return targets.length > 0 && targets.every((f) => this.of(f).kind === 'value-generator');
  }

  isCoroutine(fn: FunctionInfo): boolean {
    const kind = this.of(fn).kind;
    return kind === 'generator-coroutine' || kind === 'native-coroutine';
  }

  /** Identifier nodes naming `fn` (for methods, the attribute names) outside its own `def`. */
  usesOf(fn: FunctionInfo): Node[] {
    const short = pythonName(shortName(fn));
    const isMethod = this.methodsByName.get(short)?.includes(fn) ?? false;
    const className = fn.parent?.slice(fn.parent.lastIndexOf('.') + 1);
    return (this.references.get(short) ?? []).filter((node) => {
      const parent = node.parent;
      if (!parent) return false;
      if (parent.type === 'function_definition' || parent.type === 'class_definition') return false;
      const isAttributeName = parent.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id;
      if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) return false;
      if (!isMethod) return !isAttributeName;
      const receiver = isAttributeName ? parent.childForFieldName('object') : null;
      return receiver !== null && className !== undefined && this.isInstanceOf(receiver, className);
    });
  }

  /**
   * The uses of `fn` that may run it: usesOf, and for a method also every
   * `<receiver>.<name>` that may run it on some instance (python/methodOwner):
   * a receiver the module does not type, `self` in a related class, a
   * receiver shown to be of a class it overrides the name of.
   */
  usesThatMayRun(fn: FunctionInfo): Node[] {
    const short = pythonName(shortName(fn));
    if (!(this.methodsByName.get(short)?.includes(fn) ?? false)) return this.usesOf(fn);
    const shown = new Set(this.usesOf(fn).map((n) => n.id));
    return (this.references.get(short) ?? []).filter((node) => {
      if (shown.has(node.id)) return true;
      const access = node.parent;
      if (access?.type !== 'attribute' || access.childForFieldName('attribute')?.id !== node.id || this.isImportedName(access.childForFieldName('object'))) return false;
      return mayRunMethod(this.file, access, fn);
    });
  }

  /** `asyncio` in `asyncio.run`: a name an import binds (and no local name hides), not an instance of a class of this module. */
  private isImportedName(receiver: Node | null): boolean {
    const inner = receiver ? unparenthesize(receiver) : undefined;
    return inner?.type === 'identifier' && !isLocalName(inner, inner.text) && this.names.all.some((b) => b.local === inner.text);
  }

  /**
   * Whether `receiver` (in `receiver.method`) is the class or one of its
   * instances as far as the module shows: `self`/`cls` inside the class, the
   * class's name, `ClassName(...)` itself, or a name assigned `ClassName(...)`
   * in the same scope.
   * Other receivers (`d.get(k)`) are taken to be some other object.
   */
  private isInstanceOf(receiver: Node, className: string): boolean {
    // `Job().go()`: a fresh instance.
    if (receiver.type === 'call') return receiver.childForFieldName('function')?.text === className;
    if (receiver.type !== 'identifier') return false;
    const name = receiver.text;
    if (name === className) return true;
    if (name === 'self' || name === 'cls') {
      for (let p = receiver.parent; p; p = p.parent) {
        if (p.type === 'class_definition') return p.childForFieldName('name')?.text === className;
      }
      return false;
    }
    const scope = scopeRoot(receiver);
    return (this.references.get(pythonName(name)) ?? []).some((other) => {
      const assignment = other.parent;
      if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.id !== other.id) return false;
      const value = assignment.childForFieldName('right');
      const callee = value?.type === 'call' ? value.childForFieldName('function') : undefined;
      return callee?.text === className && scopeRoot(assignment).id === scope.id;
    });
  }

  /**
   * Where the module drives `fn`'s generator by hand or iterates it
   * (`.send()`, `next()`, `for … in`, handed to a function that does): a
   * phrase naming the line, and the node there.
   */
  handDriven(fn: FunctionInfo): { readonly how: string; readonly node: Node } | undefined {
    for (const use of this.usesOf(fn)) {
      const call = callOf(use);
      if (!call) continue;
      const found = this.drivenHere(call);
      if (found) return { how: found, node: call };
      // `g = f()` then `g.send(…)` / `next(g)` in the same scope.
      const assignment = call.parent;
      if (assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === call.id) {
        const target = assignment.childForFieldName('left');
        if (target?.type !== 'identifier') continue;
        const scope = scopeRoot(assignment);
        for (const other of this.references.get(pythonName(target.text)) ?? []) {
          if (other.startIndex <= assignment.startIndex || !scopeContains(scope, other)) continue;
          const reason = this.drivenHere(other);
          if (reason) return { how: reason, node: other };
        }
      }
    }
    return undefined;
  }

  private drivenHere(value: Node, passedOn: ReadonlySet<number> = new Set()): string | undefined {
    const line = this.file.lineOf(value);
    const through = this.drivenThroughParameter(value, passedOn);
    if (through) return through;
    let outer = value;
    while (outer.parent?.type === 'parenthesized_expression') outer = outer.parent;
    const parent = outer.parent;
    if (!parent) return undefined;
    if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === outer.id) {
      const method = parent.childForFieldName('attribute')?.text ?? '';
      if (DRIVING_METHODS.has(method)) return `driven by hand with .${method}() at line ${String(line)}`;
    }
    if (parent.type === 'for_statement' && parent.childForFieldName('right')?.id === outer.id) {
      return `iterated by a for loop at line ${String(line)}`;
    }
    if (parent.type === 'for_in_clause') return `iterated by a comprehension at line ${String(line)}`;
    if (parent.type === 'argument_list') {
      const callee = parent.parent?.childForFieldName('function');
      if (callee?.type === 'identifier' && ITERATING_CALLEES.has(callee.text)) {
        return `driven by hand with ${callee.text}() at line ${String(line)}`;
      }
    }
    return undefined;
  }

  /**
   * `sim.spawn(worker())` where the module's `spawn` drives or tests the
   * parameter it receives as a generator (`next(g)`, `g.send(…)`,
   * `inspect.isgenerator(g)`): a native coroutine would break it there.
   */
  private drivenThroughParameter(value: Node, passedOn: ReadonlySet<number>): string | undefined {
    let outer = value;
    while (outer.parent?.type === 'parenthesized_expression') outer = outer.parent;
    const args = outer.parent;
    const call = args?.type === 'argument_list' ? args.parent : null;
    if (!args || call?.type !== 'call') return undefined;
    const index = args.namedChildren.filter((a) => a?.type !== 'comment').findIndex((a) => a?.id === outer.id);
    for (const callee of this.callees(call)) {
      if (passedOn.has(callee.node.id)) continue;
      const parameter = parametersPassed(callee)[index];
      const body = callee.node.childForFieldName('body');
      if (!parameter || parameter.splat || !body) continue;
      for (const reference of this.references.get(pythonName(parameter.name)) ?? []) {
        if (reference.startIndex < body.startIndex || reference.endIndex > body.endIndex || scopeRoot(reference).id !== callee.node.id) continue;
        const how = this.drivenHere(reference, new Set([...passedOn, callee.node.id])) ?? this.testedAsGenerator(reference);
        if (how) return `handed at line ${String(this.file.lineOf(value))} to ${callee.name}, which is ${how}`;
      }
    }
    return undefined;
  }

  /** `inspect.isgenerator(g)` / `isinstance(g, types.GeneratorType)`: a native coroutine answers differently. */
  private testedAsGenerator(value: Node): string | undefined {
    const args = value.parent;
    const callee = args?.type === 'argument_list' ? args.parent?.childForFieldName('function') : undefined;
    const qualified = callee ? this.names.qualify(callee) : undefined;
    const typeArg = args?.namedChildren[1];
    const tests =
      qualified === 'inspect.isgenerator' ||
      (callee?.text === 'isinstance' && typeArg !== null && typeArg !== undefined && ['types.GeneratorType', 'collections.abc.Generator', 'typing.Generator'].includes(this.names.qualify(typeArg) ?? ''));
    return tests ? `tested as a generator at line ${String(this.file.lineOf(value))}` : undefined;
  }

  /**
   * The first decorator of `fn`, other than `except`, that might depend on
   * what kind of function it wraps, as written.
   */
  unknownDecorator(fn: FunctionInfo, except: Node | undefined): string | undefined {
    for (const decorator of fn.decorated?.namedChildren ?? []) {
      if (decorator?.type !== 'decorator' || decorator.id === except?.id) continue;
      const expression = decorator.firstNamedChild;
      if (!expression) continue;
      const callee = expression.type === 'call' ? expression.childForFieldName('function') : expression;
      const qualified = callee ? this.names.qualify(callee) : undefined;
      if (qualified === undefined || !NEUTRAL_DECORATORS.has(qualified)) return this.file.textOf(expression);
    }
    return undefined;
  }

  private recognise(fn: FunctionInfo, yields: readonly OwnYield[]): Recognised {
    if (fn.kind === 'class') return { fn, kind: 'class', flavour: undefined, decorator: undefined, yields: [] };
    if (fn.isAsync) {
      return { fn, kind: yields.length > 0 ? 'async-generator' : 'native-coroutine', flavour: undefined, decorator: undefined, yields };
    }
    const { flavour, decorator } = this.flavourOf(fn);
    const plainYield = yields.some((y) => !isYieldFrom(y.node));
    if (flavour === 'types') {
      // A bare yield makes it a primitive the others await; without yields it is a plain function.
      if (plainYield) return { fn, kind: 'coroutine-primitive', flavour, decorator, yields };
      if (yields.length === 0) return { fn, kind: 'plain-function', flavour, decorator, yields };
    }
    if (flavour) return { fn, kind: 'generator-coroutine', flavour, decorator, yields };
    if (yields.length === 0) return { fn, kind: 'plain-function', flavour: undefined, decorator: undefined, yields };
    return { fn, kind: 'value-generator', flavour: plainYield ? undefined : 'undecorated', decorator: undefined, yields };
  }

  private flavourOf(fn: FunctionInfo): { flavour: Flavour | undefined; decorator: Node | undefined } {
    for (const decorator of fn.decorated?.namedChildren ?? []) {
      if (decorator?.type !== 'decorator') continue;
      const expression = decorator.firstNamedChild;
      if (!expression) continue;
      const qualified = this.names.qualify(expression);
      const flavour = FLAVOURS.find(([name]) => name === qualified)?.[1];
      if (flavour) return { flavour, decorator };
      if (qualified !== undefined && qualified.split('.').pop() === this.runnerName) return { flavour: 'runner', decorator };
      if (qualified !== undefined && this.ownRunners.has(qualified)) return { flavour: 'own-runner', decorator };
    }
    return { flavour: undefined, decorator: undefined };
  }

  /**
   * Undecorated generators that only `yield from` what the module shows to be
   * coroutines, and that nothing iterates or drives by hand, are coroutines too.
   * Repeats until no more are found, since they may delegate to each other.
   */
  private promoteUndecorated(pending: Recognised[]): void {
    let changed = true;
    while (changed) {
      changed = false;
      for (const r of pending) {
        if (this.of(r.fn).kind === 'generator-coroutine') continue;
        const delegatesToCoroutines = r.yields.every((y) => {
          const operand = operandOf(y.node);
          return y.inner === undefined && operand !== undefined && isYieldFrom(y.node) && this.isAwaitableOperand(operand);
        });
        if (!delegatesToCoroutines || this.handDriven(r.fn)) continue;
        this.byNode.set(r.fn.node.id, { ...r, kind: 'generator-coroutine' });
        changed = true;
      }
    }
  }

  /**
   * Identifier and attribute-name nodes by text, for finding a function's
   * uses. Indexed on first use: classifying and finding suspension points
   * rarely need it, and walking every identifier of a module costs about as
   * much as parsing it.
   */
  get references(): ReadonlyMap<string, readonly Node[]> {
    if (this.referencesByName) return this.referencesByName;
    const references = new Map<string, Node[]>();
    for (const node of this.file.root.descendantsOfType('identifier')) {
      if (!node) continue;
      const name = pythonName(node.text);
      const list = references.get(name);
      if (list) list.push(node);
      else references.set(name, [node]);
    }
    this.referencesByName = references;
    return references;
  }
}

/**
 * The yields of every function, searched only in the outermost definitions
 * whose text has one: searching the whole tree costs about as much as parsing it.
 */
function ownYields(file: SourceFile): Map<number, OwnYield[]> {
  const yields = new Map<number, OwnYield[]>();
  for (const outermost of mentioning(file, /\byield\b/g).definitions) {
    for (const [id, found] of ownNodesByFunction(outermost.node, ['yield'])) yields.set(id, found);
  }
  return yields;
}


/** The call whose callee is `use` (`f` in `f(x)`, the attribute name in `self.f(x)`). */
export function callOf(use: Node): Node | undefined {
  const callee = use.parent?.type === 'attribute' && use.parent.childForFieldName('attribute')?.id === use.id ? use.parent : use;
  const call = callee.parent;
  return call?.type === 'call' && call.childForFieldName('function')?.id === callee.id ? call : undefined;
}

const TARGET_PARTS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'list_splat_pattern', 'list_splat']);
const BINDING_PARENTS = new Set(['named_expression', 'as_pattern_target', 'parameters', 'default_parameter', 'typed_parameter', 'typed_default_parameter', 'lambda_parameters', 'global_statement', 'nonlocal_statement', 'aliased_import', 'dotted_name', 'keyword_separator', 'list_splat_pattern', 'dictionary_splat_pattern']);

/** Whether a use of a name (or of `<receiver>.<name>`, given the name) reads it, rather than binding the name again. */
export function readsName(use: Node): boolean {
  return storeOf(use.parent?.type === 'attribute' && use.parent.childForFieldName('attribute')?.id === use.id ? use.parent : use) === 'load';
}

/**
 * How a name or attribute is used: read (`load`), bound by a plain
 * `target = value` (`plain`), or bound in any other way (`other`: a tuple
 * target, `+=`, a loop variable, `as`, a parameter, `global`…).
 */
function storeOf(use: Node): 'load' | 'plain' | 'other' {
  const parent = use.parent;
  if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === use.id) {
    const right = parent.childForFieldName('right');
    return right && right.type !== 'assignment' ? 'plain' : 'other';
  }
  let part = use;
  while (part.parent && TARGET_PARTS.has(part.parent.type)) part = part.parent;
  const holder = part.parent;
  if (!holder) return 'load';
  if (['assignment', 'augmented_assignment', 'for_statement', 'for_in_clause'].includes(holder.type) && holder.childForFieldName('left')?.id === part.id) return 'other';
  if (holder.type === 'assignment' && holder.childForFieldName('right')?.type === 'assignment') return 'other';
  return use.type === 'identifier' && BINDING_PARENTS.has(parent?.type ?? '') ? 'other' : 'load';
}

/** The function or module a node's names live in. */
function scopeRoot(node: Node): Node {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'module') return p;
  return node;
}

function scopeContains(scope: Node, node: Node): boolean {
  return node.startIndex >= scope.startIndex && node.endIndex <= scope.endIndex;
}

/** A phrase naming what a function is, for refusals ("is a native coroutine (async def)"). */
export function describeKind(r: Recognised): string {
  switch (r.kind) {
    case 'generator-coroutine':
      return 'is a generator-based coroutine';
    case 'native-coroutine':
      return 'is a native coroutine (async def)';
    case 'async-generator':
      return 'is an async generator';
    case 'coroutine-primitive':
      return 'is a @types.coroutine primitive with a bare yield (the awaitable other coroutines await); it stays a generator';
    case 'value-generator':
      return r.flavour === 'undecorated'
        ? 'is a generator that delegates with yield from to things the module does not show to be coroutines, or that is iterated'
        : 'is a generator that yields values, not a coroutine';
    case 'plain-function':
      return 'is a plain function (no yield, no await)';
    case 'class':
      return 'is a class';
  }
}
