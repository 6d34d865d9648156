// What can run at the same time as a suspended coroutine.
//
// Single-task functions: the entry coroutine (`asyncio.run(main())`), and any
// function or coroutine called directly (awaited, for a coroutine) only from a
// single-task function at a moment when that function has no task running
// beside it. Such a function runs as one task, so it never interferes with
// itself, and its writes interfere only while tasks it started are alive:
// from the first suspension after a fire-and-forget spawn (`create_task`,
// `ensure_future`, `call_soon`, a function handed to a server…) to the join
// that waits for them (`await gather(…)`, `await asyncio.wait(…)`, leaving the
// `async with` that holds a TaskGroup). `await gather(worker(), worker())` starts
// and joins in one suspension, so the writes after it are quiet.
//
// A method only `__init__` starts on `self` (a connection's `run`) is one task
// per instance: it never meets another run of itself on the same instance.
//
// Per-task classes: `self.x` is shared between tasks only when two tasks can
// run on one instance. It cannot when every instance is made in a function,
// kept in a local, and handed to at most one task (`Worker(i).run()` in a loop),
// no method starts a task on `self`, or when the class is a Tornado request or
// WebSocket handler (one instance per request, its messages handled in turn).
// An instance kept in a global or an attribute, passed on, stored in a
// container, gathered over twice, or a class made nowhere the analysis sees,
// is shared.
import type { Node } from '../syntax/node';
import { shortName, type FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import type { ModuleNames } from '../python/imports';
import { moduleCoroutines } from '../python/coroutines';
import { spawnApiOf } from '../python/project';
import { contextOf, enclosingFunction, operandOf, unparenthesize } from '../python/scopes';
import { askedNames, nameUsesOf, type NameUses } from './nameUses';
import type { AccessRecord, FunctionFlow } from './valueFlow';

/** Answers kept across parses by `key`, which names everything the answer reads. */
export interface ParallelMemo {
  remember(key: string, answer: () => boolean): boolean;
  /** A number for a context's text that no other text gets: keys carry the number, not kilobytes of text. */
  numberOf(context: string): number;
}

/**
 * The memo for the answers that read one definition's code and the module's
 * import bindings (how calls qualify): keyed by that code and those bindings.
 */
function rememberedBy(memo: ParallelMemo, file: SourceFile, names: ModuleNames): (what: string, code: Node, answer: () => boolean) => boolean {
  const imports = memo.numberOf(names.fingerprint);
  return (what, code, answer) => memo.remember(JSON.stringify([what, imports, file.textOf(code)]), answer);
}

export interface Parallelism {
  /** Whether a function only ever runs as one task. */
  isSingle(fn: FunctionInfo): boolean;
  /** Whether a method is started only by its class's `__init__` on `self`: one task per instance, never two on one instance. */
  isOncePerInstance(fn: FunctionInfo): boolean;
  /** Whether a write runs when no other task of the program can be suspended. */
  quiet(access: AccessRecord): boolean;
  /**
   * Whether `self.attr` of this class (of the analysed module) is never shared
   * between tasks: each instance serves one task, and the attribute holds an
   * object of the instance's own (`self.attr` is only ever set to a fresh
   * literal like `[]`, `{}`, `0`, `None`) or the write rebinds the attribute itself.
   */
  perTask(className: string, attr: string, rebinding: boolean): boolean;
}

/** Spawns that start a task the caller does not wait for in the same expression. */
const JOINING_SPAWNS = new Set(['asyncio.gather', 'asyncio.wait']);
const PER_REQUEST_BASES = new Set(['tornado.web.RequestHandler', 'tornado.websocket.WebSocketHandler']);
const LOOPS = new Set(['for_statement', 'while_statement', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

interface Span {
  readonly start: number;
  readonly end: number;
}

export function findParallelism(
  file: SourceFile,
  flows: readonly FunctionFlow[],
  entries: ReadonlySet<FunctionInfo>,
  /** Texts of the other modules of the workspace: a name they mention may be called from there. */
  otherTexts: readonly string[] = [],
  /** Where the module uses the names of `askedNames(file, flows)`; gathered from the tree on first need when not given. */
  uses?: NameUses,
  /** Answers kept from earlier parses, for an analysis that sees many versions of a module. */
  memo?: ParallelMemo,
): Parallelism {
  // The import bindings the coroutine recognizer already read for this parse.
  const names = moduleCoroutines(file).names;
  const functionNames = new Set(file.functions.all.filter((f) => f.kind === 'function').map(shortName));
  const flowOf = new Map(flows.map((f) => [f.fn, f]));
  let gathered = uses;
  const identifiers: NameUses = { named: (name) => (gathered ??= nameUsesOf(file, askedNames(file, flows))).named(name) };
  const mentionedElsewhere = (name: string): boolean => otherTexts.some((t) => new RegExp(`\\b${name}\\b`).test(t));
  const busy = new Map<FunctionInfo, Span[]>();
  const busySpans = (fn: FunctionInfo): Span[] => {
    let spans = busy.get(fn);
    if (!spans) busy.set(fn, (spans = busySpansOf(fn, flowOf.get(fn), names, functionNames)));
    return spans;
  };
  const quietAt = (fn: FunctionInfo, offset: number): boolean => !busySpans(fn).some((s) => s.start <= offset && offset < s.end);

  // Each question is answered on first need and remembered: most files have no candidate to ask about.
  let single: Set<FunctionInfo> | undefined;
  const singleTasks = (): Set<FunctionInfo> => {
    if (single) return single;
    const found = new Set(entries);
    for (let grew = true; grew; ) {
      grew = false;
      for (const flow of flows) {
        const fn = flow.fn;
        if (found.has(fn)) continue;
        const short = shortName(fn);
        const uses = identifiers.named(short).filter((use) => !(use.owner === fn && use.isDefName));
        if (uses.length === 0 || mentionedElsewhere(short)) continue;
        const onlyQuietCalls = uses.every((use) => {
          const call = flow.kind !== undefined ? use.awaitedCall : use.call;
          return call >= 0 && use.owner !== undefined && found.has(use.owner) && quietAt(use.owner, call);
        });
        if (onlyQuietCalls) {
          found.add(fn);
          grew = true;
        }
      }
    }
    return (single = found);
  };
  const once = new Map<FunctionInfo, boolean>();
  const startedByInit = (fn: FunctionInfo): boolean => {
    const owner = fn.parent === undefined ? undefined : file.functions.named(fn.parent).find((c) => c.kind === 'class');
    const short = shortName(fn);
    const uses = identifiers.named(short).filter((use) => !(use.owner === fn && use.isDefName));
    if (!owner || uses.length === 0 || mentionedElsewhere(short)) return false;
    return uses.every((use) => use.onSelf && use.owner?.name === `${owner.name}.__init__`);
  };
  const perTask = perTaskClasses(file, names, identifiers, otherTexts, memo && rememberedBy(memo, file, names));
  const ownedAttributes = new Map<string, boolean>();
  return {
    isSingle: (fn) => singleTasks().has(fn),
    isOncePerInstance: (fn) => {
      let answer = once.get(fn);
      if (answer === undefined) once.set(fn, (answer = startedByInit(fn)));
      return answer;
    },
    quiet: (access) => singleTasks().has(access.fn) && quietAt(access.fn, access.site.startIndex),
    perTask: (className, attr, rebinding) => {
      if (!perTask(className)) return false;
      if (rebinding) return true;
      const key = `${className}.${attr}`;
      let owned = ownedAttributes.get(key);
      if (owned === undefined) {
        const cls = file.functions.all.find((f) => f.kind === 'class' && f.parent === undefined && f.name === className);
        ownedAttributes.set(key, (owned = cls !== undefined && ownsFreshObject(cls.node, attr)));
      }
      return owned;
    },
  };
}

/** Where tasks `fn` started may be suspended: from the first suspension after each spawn to the join that waits for it. */
function busySpansOf(
  fn: FunctionInfo,
  flow: FunctionFlow | undefined,
  names: ModuleNames,
  functionNames: ReadonlySet<string>,
): Span[] {
  if (!flow) return [];
  const spans: Span[] = [];
  for (const call of fn.node.descendantsOfType('call')) {
    if (!call || enclosingFunction(call)?.id !== fn.node.id || !startsTask(call, names, functionNames)) continue;
    const start = flow.suspensions.find((s) => s.start >= call.startIndex)?.start;
    if (start === undefined) continue;
    const join = flow.suspensions.find((s) => s.start >= start && joins(fn.node, s, call, names));
    spans.push({ start, end: join?.end ?? Number.MAX_SAFE_INTEGER });
  }
  return spans;
}

/** A fire-and-forget spawn, or a call handing one of the module's functions over as a value (a server's handler). */
function startsTask(call: Node, names: ModuleNames, functionNames: ReadonlySet<string>): boolean {
  const callee = call.childForFieldName('function');
  const api = callee ? spawnApiOf(names, callee) : undefined;
  if (api) return !JOINING_SPAWNS.has(api);
  return (call.childForFieldName('arguments')?.namedChildren ?? []).some((arg) => {
    const value = arg && unparenthesize(arg.type === 'keyword_argument' ? (arg.childForFieldName('value') ?? arg) : arg);
    const name = value?.type === 'attribute' ? value.childForFieldName('attribute') : value;
    if (name?.type !== 'identifier') return false;
    return functionNames.has(name.text);
  });
}

/** `await gather(…)` / `await asyncio.wait(…)`, or leaving the `async with` around a TaskGroup spawn. */
function joins(owner: Node, suspension: { readonly kind: string; readonly start: number; readonly end: number }, spawn: Node, names: ModuleNames): boolean {
  if (suspension.kind === 'async-with-exit') {
    const statement = owner.descendantForIndex(Math.max(0, suspension.end - 1));
    for (let p: Node | null = statement; p && p.id !== owner.id; p = p.parent) {
      if (p.type === 'with_statement' && p.endIndex === suspension.end) return p.startIndex <= spawn.startIndex && spawn.endIndex <= p.endIndex;
    }
    return false;
  }
  const node = owner.descendantForIndex(suspension.start, suspension.end);
  const operand = node && (node.type === 'await' || node.type === 'yield') ? operandOf(node) : undefined;
  const callee = operand?.type === 'call' ? operand.childForFieldName('function') : undefined;
  const api = callee ? spawnApiOf(names, callee) : undefined;
  return api !== undefined && JOINING_SPAWNS.has(api);
}

/** Whether the module's top-level class of a name serves one task per instance: each class is looked at when first asked about. */
function perTaskClasses(
  file: SourceFile,
  names: ModuleNames,
  identifiers: NameUses,
  otherTexts: readonly string[],
  remembered: (what: string, code: Node, answer: () => boolean) => boolean = (_what, _code, answer) => answer(),
): (className: string) => boolean {
  const classes = file.functions.all.filter((f) => f.kind === 'class' && f.parent === undefined);
  let bases: Map<FunctionInfo, string[]> | undefined;
  const basesOf = (cls: FunctionInfo): string[] => {
    bases ??= new Map(classes.map((c) => [c, baseNames(c.node, names)]));
    return bases.get(cls) ?? [];
  };
  const servesOneTask = (cls: FunctionInfo): boolean => {
    if (remembered('starts a task on self', cls.node, () => startsTaskOnSelf(cls.node, names))) return false;
    if (basesOf(cls).some((b) => PER_REQUEST_BASES.has(b))) return true;
    // Its instances and its subclasses' instances run its methods.
    const family = [cls.name, ...classes.filter((c) => basesOf(c).includes(cls.name)).map((c) => c.name)];
    if (family.some((name) => otherTexts.some((t) => new RegExp(`\\b${name}\\b`).test(t)))) return false;
    const made = family.flatMap((name) => identifiers.named(name).filter((use) => use.constructs));
    // The construction's surroundings are read again from the tree, on demand: only classes asked about get here.
    return (
      made.length > 0 &&
      made.every((use) => {
        const construction = (): boolean => oneTaskPerInstance(file.root.descendantForIndex(use.start, use.end)?.parent as Node, names);
        // The answer reads the code of the function the construction is in, where it is in it.
        return use.owner ? remembered(`one task per instance at ${String(use.start - use.owner.node.startIndex)}`, use.owner.node, construction) : construction();
      })
    );
  };
  const answers = new Map<string, boolean>();
  return (className) => {
    let answer = answers.get(className);
    if (answer === undefined) answers.set(className, (answer = classes.some((c) => c.name === className && servesOneTask(c))));
    return answer;
  };
}

const FRESH = new Set(['list', 'dictionary', 'set', 'tuple', 'integer', 'float', 'string', 'none', 'true', 'false', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension']);
const FRESH_FACTORIES = /^(?:collections\.)?(?:list|dict|set|deque|defaultdict|OrderedDict|Counter)$/;

/** Every `self.attr = value` in the class sets a fresh object (and there is one): not an alias of someone else's. */
function ownsFreshObject(cls: Node, attr: string): boolean {
  const values = cls
    .descendantsOfType('assignment')
    .filter((a): a is Node => a !== null && a.childForFieldName('left')?.type === 'attribute' && a.childForFieldName('left')?.text.replace(/\s+/g, '') === `self.${attr}`)
    .map((a) => a.childForFieldName('right'));
  return (
    values.length > 0 &&
    values.every((v) => {
      if (!v) return false;
      const callee = v.type === 'call' ? v.childForFieldName('function')?.text : undefined;
      return FRESH.has(v.type) || (callee !== undefined && FRESH_FACTORIES.test(callee));
    })
  );
}

function baseNames(cls: Node, names: ModuleNames): string[] {
  const list = cls.childForFieldName('superclasses')?.namedChildren ?? [];
  return list.filter((n): n is Node => n !== null && n.type !== 'keyword_argument').map((n) => names.qualify(n) ?? n.text);
}

/** A method that spawns something its `self` reaches: tasks of one instance run side by side. */
function startsTaskOnSelf(cls: Node, names: ModuleNames): boolean {
  return cls.descendantsOfType('call').some((call) => {
    const callee = call?.childForFieldName('function');
    if (!call || !callee || !spawnApiOf(names, callee)) return false;
    return (call.childForFieldName('arguments')?.descendantsOfType('identifier') ?? []).some((id) => id?.text === 'self');
  });
}

/** The instance a construction makes serves one task: used once on the spot, or kept in a local that one task uses. */
function oneTaskPerInstance(construction: Node, names: ModuleNames): boolean {
  const context = contextOf(construction);
  if (context?.type === 'attribute') return true; // `Worker(i).run()`
  if (context?.type !== 'assignment' || context.childForFieldName('left')?.type !== 'identifier') return false;
  const local = context.childForFieldName('left')?.text ?? '';
  const owner = enclosingFunction(construction);
  if (!owner || owner.descendantsOfType('global_statement').some((g) => g?.namedChildren.some((n) => n?.text === local))) return false;
  const uses = owner.descendantsOfType('identifier').filter((n): n is Node => n !== null && n.text === local && n.startIndex > context.endIndex);
  let spawned = 0;
  for (const use of uses) {
    if (use.parent?.type !== 'attribute' || use.parent.childForFieldName('object')?.id !== use.id) return false; // passed on or stored
    if (insideSpawn(use, owner, names)) spawned++;
    if (inLoopWithout(use, construction, owner)) return false;
  }
  return spawned === 0 || (spawned === 1 && uses.length === 1);
}

function insideSpawn(node: Node, owner: Node, names: ModuleNames): boolean {
  for (let p = node.parent; p && p.id !== owner.id; p = p.parent) {
    const callee = p.type === 'call' ? p.childForFieldName('function') : null;
    if (callee && spawnApiOf(names, callee)) return true;
  }
  return false;
}

/** A use repeated by a loop the construction is not in: one instance reused across iterations. */
function inLoopWithout(use: Node, construction: Node, owner: Node): boolean {
  for (let p = use.parent; p && p.id !== owner.id; p = p.parent) {
    if (LOOPS.has(p.type) && !(p.startIndex <= construction.startIndex && construction.endIndex <= p.endIndex)) return true;
  }
  return false;
}
