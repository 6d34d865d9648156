// One walk over a function in execution order that numbers its suspension
// points, records each shared-state access with the number of suspensions
// passed before it (its segment) and the locks held, and follows values:
// every expression carries the set of shared reads it derives from, through
// locals, calls and conditions. A write whose value — or whose enclosing
// condition — derives from a read taken before a suspension point is a
// hazard candidate, unless a condition re-checked after the suspension guards it.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { CoroutineKind, HazardKind, SuspensionKind } from './model';
import { expressionSuspension, isAsyncConstruct } from './findSuspensionPoints';
import type { LockRef, Locks } from './locks';
import { unpacksTargets, unparenthesize } from '../python/scopes';
import type { SharedRef, SharedState } from './sharedState';

export interface HeldLock {
  readonly lock: LockRef;
  /** The span it is held over: the `with` statement, or from `acquire()` to the statement that releases it. */
  readonly start: number;
  readonly end: number;
}

/**
 * What a write does to the state: binds it anew (`S = v`, `self.a = v`),
 * changes the object in place (`S[k] = v`, `S.append(v)`, `self.a.b = v`),
 * or changes an object inside it (`S[k][j] = v`, `S[k].append(v)`).
 */
export type WriteEffect = 'rebind' | 'mutate' | 'mutate-inner';

/**
 * What a read looks at: the object's identity (`S is None`), its keys or
 * members (`k in S`), or its value (everything else).
 */
export type ReadAspect = 'identity' | 'keys' | 'value';

/**
 * Where a record sits: a tree node while the walk runs (a node has these
 * fields), or just its place and type in a summary kept across parses.
 */
export interface SiteSpan {
  readonly startIndex: number;
  readonly endIndex: number;
  readonly type: string;
}

/** One site's identity within a parse: two records of the same site have the same key. */
export function siteKey(site: SiteSpan): string {
  return `${String(site.startIndex)}:${String(site.endIndex)}:${site.type}`;
}

/** The shared state an access touches, drawn on `node`. */
export interface StateRef<S extends SiteSpan = SiteSpan> {
  readonly key: string;
  readonly display: string;
  readonly node: S;
}

export interface AccessRecord<S extends SiteSpan = SiteSpan> {
  readonly fn: FunctionInfo;
  readonly ref: StateRef<S>;
  readonly mode: 'read' | 'write';
  /** Suspension points passed before this access: the index of its segment. */
  readonly time: number;
  readonly locks: readonly HeldLock[];
  /** For a write, the assignment, call or `del` that performs it; for a read, the reference. */
  readonly site: S;
  /** Writes: rebinding or mutation. Reads: what of the state is looked at. */
  readonly effect: WriteEffect | ReadAspect;
}

/** Whether a write can change what a read looked at: `S is None` only by rebinding `S`, `k in S` not by `S[k].append(v)`. */
export function changes(write: AccessRecord, read: AccessRecord): boolean {
  if (read.effect === 'identity') return write.effect === 'rebind';
  if (read.effect === 'keys') return write.effect !== 'mutate-inner';
  return true;
}

export interface SuspensionRecord {
  readonly kind: SuspensionKind;
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

export interface Candidate<S extends SiteSpan = SiteSpan> {
  readonly kind: HazardKind;
  readonly read: AccessRecord<S>;
  readonly write: AccessRecord<S>;
  readonly suspension: SuspensionRecord;
  /** Keys of the locks held continuously from the read to the write. */
  readonly commonLocks: ReadonlySet<string>;
}

export interface FunctionFlow<S extends SiteSpan = SiteSpan> {
  readonly fn: FunctionInfo;
  readonly kind: CoroutineKind | undefined;
  readonly suspensions: readonly SuspensionRecord[];
  readonly accesses: readonly AccessRecord<S>[];
  readonly candidates: readonly Candidate<S>[];
}

type Origins = ReadonlySet<AccessRecord<Node>>;

/** A condition in force: an `if`/`while` body, or the rest of a block after an early exit. */
interface Frame {
  readonly origins: Origins;
  readonly time: number;
  /** State the coroutine itself wrote under the condition before suspending (a reservation). */
  readonly writtenEarly: Set<string>;
  /**
   * A re-check made inside an `if` (`if A: await …; if changed: continue`):
   * after that `if` it still revalidates what the await made stale, but
   * the paths around it did not check it, so it makes no check-then-act.
   */
  readonly recheckOnly?: boolean;
}

const EMPTY: Origins = new Set();

/** Methods that change a list, dict, set or deque in place. */
const MUTATORS = new Set([
  'append', 'appendleft', 'extend', 'extendleft', 'insert', 'remove', 'clear', 'update', 'add', 'discard',
  'sort', 'reverse', 'pop', 'popleft', 'popitem', 'setdefault',
]);
/** Mutators whose result is read from the object. */
const RETURNING = new Set(['pop', 'popleft', 'popitem', 'setdefault']);
/** `setdefault` checks and writes in one atomic step. */
const SELF_CHECKING = new Set(['setdefault']);
const EXITS = new Set(['return_statement', 'raise_statement', 'continue_statement', 'break_statement']);
const SKIPPED = new Set([
  'function_definition', 'class_definition', 'decorated_definition', 'import_statement', 'import_from_statement',
  'future_import_statement', 'global_statement', 'nonlocal_statement', 'pass_statement', 'break_statement',
  'continue_statement', 'comment', 'type_alias_statement',
]);

export function analyzeFlow(
  shared: SharedState,
  locks: Locks,
  fn: FunctionInfo,
  kind: CoroutineKind | undefined,
): FunctionFlow<Node> {
  const walker = new Walker(shared, locks, fn, kind);
  const body = fn.node.childForFieldName('body');
  if (body) walker.block(body);
  return { fn, kind, suspensions: walker.suspensions, accesses: walker.accesses, candidates: walker.candidates };
}

class Walker {
  readonly suspensions: SuspensionRecord[] = [];
  readonly accesses: AccessRecord<Node>[] = [];
  readonly candidates: Candidate<Node>[] = [];
  private time = 0;
  private env = new Map<string, Origins>();
  private frames: Frame[] = [];
  private readonly held: HeldLock[] = [];
  /** Locals bound to a shared object: writes through them write it. */
  private aliases = new Map<string, SharedRef>();
  /** Walking a loop body a second time, for values carried into the next iteration: nothing is recorded. */
  private replaying = false;
  /** The reads each `if` condition derived from, for the exit guards of the loop around it. */
  private readonly loopConditions = new Map<number, Origins>();
  /** Early-exit guards the last walked block set up for its own rest. */
  private lastBlockGuards: readonly Frame[] = [];
  /** Re-checks an `if` without `else` hands to the rest of the block around it. */
  private carriedRechecks: readonly Frame[] = [];
  /** Accesses really recorded (not seen again while replaying a loop body). */
  private readonly recorded = new WeakSet<AccessRecord<Node>>();

  constructor(
    private readonly shared: SharedState,
    private readonly locks: Locks,
    private readonly fn: FunctionInfo,
    private readonly kind: CoroutineKind | undefined,
  ) {}

  block(node: Node): void {
    const outer = this.frames;
    const heldBefore = this.held.length;
    const statements = node.namedChildren.filter((c): c is Node => c !== null);
    /** Locks taken by `await lock.acquire()` in this block, with the statement that releases each. */
    const releases: { readonly held: HeldLock; readonly at: Node }[] = [];
    statements.forEach((child, i) => {
      const guard = this.statement(child);
      // After `if c: return`, the rest of the block runs only when c was false.
      if (guard) this.frames = [...this.frames, { origins: guard, time: this.time, writtenEarly: new Set() }];
      if (this.carriedRechecks.length > 0) {
        this.frames = [...this.frames, ...this.carriedRechecks];
        this.carriedRechecks = [];
      }
      const acquired = this.acquiredLock(child);
      const release = acquired && statements.slice(i + 1).find((s) => releasesLock(s, acquired.text));
      if (acquired && release) {
        const held = { lock: acquired, start: child.endIndex, end: release.endIndex };
        this.held.push(held);
        releases.push({ held, at: release });
      }
      for (const r of releases) if (r.at.id === child.id) this.held.splice(this.held.indexOf(r.held), 1);
    });
    this.held.length = Math.min(this.held.length, heldBefore);
    this.lastBlockGuards = this.frames.slice(outer.length);
    this.frames = outer;
  }

  /** The lock `await lock.acquire()` (or `yield lock.acquire()`) takes, as a statement of its own. */
  private acquiredLock(statement: Node): LockRef | undefined {
    const expression = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    const call = expression && unparenthesize(expression).lastNamedChild;
    const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
    if (!expression || callee?.childForFieldName('attribute')?.text !== 'acquire') return undefined;
    return this.locks.acquiredBy(this.fn, expression);
  }

  /** Walks a statement; returns the condition of an early-exit `if`, which guards what follows. */
  private statement(node: Node): Origins | undefined {
    if (SKIPPED.has(node.type)) return undefined;
    switch (node.type) {
      case 'expression_statement':
        for (const child of node.namedChildren) if (child) this.expressionStatement(child);
        return undefined;
      case 'if_statement':
        return this.ifStatement(node);
      case 'while_statement':
        return this.whileStatement(node);
      case 'for_statement':
        return this.forStatement(node);
      case 'with_statement':
        this.withStatement(node);
        return undefined;
      case 'delete_statement':
        for (const target of node.namedChildren) if (target) this.deleteTarget(target, node);
        return undefined;
      case 'block':
        this.block(node);
        return undefined;
      default:
        // try/except/else/finally, match/case, return, raise, assert: parts in order.
        for (const child of node.namedChildren) {
          if (!child || child.type === 'case_pattern') continue;
          if (child.type === 'block') this.block(child);
          else if (/_clause$/.test(child.type)) this.statement(child);
          else this.expr(child);
        }
        return undefined;
    }
  }

  private expressionStatement(node: Node): void {
    if (node.type === 'assignment') this.assignment(node);
    else if (node.type === 'augmented_assignment') this.augmented(node);
    else this.expr(node);
  }

  private assignment(node: Node): Origins {
    const right = node.childForFieldName('right');
    if (!right) return EMPTY; // `x: int`
    let value: Origins;
    if (right.type === 'assignment') value = this.assignment(right);
    else if (right.type === 'augmented_assignment') value = this.augmented(right);
    else value = this.expr(right);
    const left = node.childForFieldName('left');
    if (left) this.assign(left, value, node);
    return value;
  }

  private augmented(node: Node): Origins {
    const left = node.childForFieldName('left');
    // The target's value is loaded before the right-hand side runs.
    const current = left ? this.expr(left) : EMPTY;
    const value = union(current, this.expr(node.childForFieldName('right')));
    if (left) this.assign(left, value, node);
    return value;
  }

  private assign(target: Node, value: Origins, site: Node): void {
    switch (target.type) {
      case 'identifier': {
        const ref = this.shared.refOf(this.fn, target);
        if (ref) this.write(ref, value, site, 'rebind');
        else {
          this.env.set(target.text, value);
          this.setAlias(target.text, site);
        }
        return;
      }
      case 'attribute': {
        const ref = this.containerRef(target);
        if (ref) this.write(ref, value, site, ref.node.id === target.id ? 'rebind' : 'mutate');
        else this.expr(target.childForFieldName('object'));
        return;
      }
      case 'subscript': {
        this.expr(target.childForFieldName('subscript'));
        const container = target.childForFieldName('value');
        const ref = this.containerRef(container);
        if (ref) this.write(ref, value, site, this.isWhole(ref, container) ? 'mutate' : 'mutate-inner');
        return;
      }
      default:
        if (unpacksTargets(target)) {
          for (const child of target.namedChildren) if (child) this.assign(child, value, site);
        } else {
          this.expr(target);
        }
    }
  }

  private deleteTarget(target: Node, site: Node): void {
    if (target.type === 'expression_list') {
      for (const child of target.namedChildren) if (child) this.deleteTarget(child, site);
      return;
    }
    if (target.type === 'identifier' && !this.shared.refOf(this.fn, target)) {
      this.env.delete(target.text);
      this.aliases.delete(target.text);
      return;
    }
    if (target.type === 'subscript') this.expr(target.childForFieldName('subscript'));
    const container = target.type === 'subscript' ? target.childForFieldName('value') : target;
    const ref = this.containerRef(container);
    const effect = target.type !== 'subscript' ? (ref?.node.id === target.id ? 'rebind' : 'mutate') : this.isWhole(ref, container) ? 'mutate' : 'mutate-inner';
    if (ref) this.write(ref, EMPTY, site, effect);
  }

  /**
   * The shared object a subscript or method call operates on: `S` in
   * `S[k][j]`, `self.items` in `self.items.append`, and `self.cache` in `d[k]`
   * after `d = self.cache` (a local alias).
   */
  private containerRef(node: Node | null): SharedRef | undefined {
    if (!node) return undefined;
    if (node.type === 'subscript') return this.containerRef(node.childForFieldName('value'));
    const alias = node.type === 'identifier' ? this.aliases.get(node.text) : undefined;
    if (alias) return { ...alias, node };
    return this.shared.refOf(this.fn, node);
  }

  /** Whether `node` is the state itself (`S`, `self.items`, an alias of one), not something inside it. */
  private isWhole(ref: SharedRef | undefined, node: Node | null): boolean {
    return ref !== undefined && node !== null && ref.node.id === node.id;
  }

  /** `d = self.cache` makes `d` an alias of the shared object; any other binding of `d` ends it. */
  private setAlias(name: string, site: Node): void {
    const right = site.type === 'assignment' ? site.childForFieldName('right') : null;
    const value = right && unparenthesize(right);
    const ref = value && (value.type === 'identifier' || value.type === 'attribute') ? this.shared.refOf(this.fn, value) : undefined;
    if (ref && ref.node.id === value?.id) this.aliases.set(name, ref);
    else this.aliases.delete(name);
  }

  private ifStatement(node: Node): Origins | undefined {
    let checked = this.expr(node.childForFieldName('condition'));
    if (!this.replaying) this.loopConditions.set(node.id, checked);
    const before = this.env;
    const branches: Map<string, Origins>[] = [];
    this.env = new Map(before);
    this.guarded(checked, node.childForFieldName('consequence'));
    const rechecks = this.lastBlockGuards.map((frame) => ({ ...frame, recheckOnly: true }));
    branches.push(this.env);
    const alternatives = node.childrenForFieldName('alternative').filter((a): a is Node => a !== null);
    for (const alternative of alternatives) {
      this.env = new Map(before);
      if (alternative.type === 'elif_clause') {
        checked = union(checked, this.expr(alternative.childForFieldName('condition')));
        this.guarded(checked, alternative.childForFieldName('consequence'));
      } else {
        this.guarded(checked, alternative.childForFieldName('body'));
      }
      branches.push(this.env);
    }
    if (!alternatives.some((a) => a.type === 'else_clause')) branches.push(before);
    this.env = mergeEnvs(branches);
    if (alternatives.length === 0) this.carriedRechecks = rechecks;
    const last = node.childForFieldName('consequence')?.lastNamedChild;
    return alternatives.length === 0 && last && EXITS.has(last.type) ? checked : undefined;
  }

  private whileStatement(node: Node): Origins | undefined {
    const checked = this.expr(node.childForFieldName('condition'));
    const before = this.env;
    const body = node.childForFieldName('body');
    const iteration = (): void => {
      this.env = new Map(this.env);
      this.guarded(checked, body);
    };
    this.env = new Map(before);
    this.loop(iteration);
    this.env = mergeEnvs([before, this.env]);
    const orElse = node.childForFieldName('alternative');
    if (orElse) this.statement(orElse);
    return this.exitGuards(body);
  }

  private forStatement(node: Node): Origins | undefined {
    const items = this.expr(node.childForFieldName('right'));
    const isAsync = isAsyncConstruct(node);
    const body = node.childForFieldName('body');
    const left = node.childForFieldName('left');
    const before = this.env;
    this.env = new Map(before);
    this.loop(() => {
      if (isAsync) this.suspend('async-for-next', node.startIndex, body?.startIndex ?? node.endIndex);
      if (left) this.assign(left, items, node);
      if (body) this.block(body);
    });
    if (isAsync) this.suspend('async-for-end', node.endIndex, node.endIndex);
    this.env = mergeEnvs([before, this.env]);
    const orElse = node.childForFieldName('alternative');
    if (orElse) this.statement(orElse);
    return this.exitGuards(body);
  }

  /**
   * Walks a loop body, then — when the body suspends — once more without
   * recording, so a value one iteration reads and the next one writes back
   * (`last = S` … `await` … `S = last + 1` on the next pass) is followed.
   */
  private loop(iteration: () => void): void {
    const start = this.time;
    iteration();
    if (this.replaying || this.time === start) return;
    const after = { time: this.time, env: this.env, aliases: this.aliases };
    this.replaying = true;
    this.aliases = new Map(after.aliases);
    iteration();
    this.replaying = false;
    this.time = after.time;
    this.env = after.env;
    this.aliases = after.aliases;
  }

  /**
   * Conditions of `if c: return` / `raise` directly in a loop body: code after
   * the loop runs only when every iteration found them false (a pool scanning
   * its addresses for an idle connection before opening one).
   */
  private exitGuards(body: Node | null): Origins | undefined {
    let guards = EMPTY;
    for (const statement of body?.namedChildren ?? []) {
      if (statement?.type !== 'if_statement' || statement.childrenForFieldName('alternative').some((a) => a !== null)) continue;
      const last = statement.childForFieldName('consequence')?.lastNamedChild;
      if (last?.type !== 'return_statement' && last?.type !== 'raise_statement') continue;
      guards = union(guards, this.loopConditions.get(statement.id) ?? EMPTY);
    }
    return guards.size > 0 ? guards : undefined;
  }

  private withStatement(node: Node): void {
    const isAsync = isAsyncConstruct(node);
    const clause = node.namedChildren.find((c) => c?.type === 'with_clause');
    const items = clause?.namedChildren.filter((c): c is Node => c?.type === 'with_item') ?? [];
    const heldBefore = this.held.length;
    for (const item of items) {
      const value = item.childForFieldName('value');
      const expression = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
      const origins = this.expr(expression ?? null);
      if (isAsync) this.suspend('async-with-enter', node.startIndex, clause?.endIndex ?? node.startIndex);
      const lock = expression && (isAsync ? this.locks.lockOf(this.fn, expression) : this.locks.acquiredBy(this.fn, expression));
      if (lock) this.held.push({ lock, start: node.startIndex, end: node.endIndex });
      const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias') : undefined;
      if (alias) this.assign(alias, origins, node);
    }
    const body = node.childForFieldName('body');
    if (body) this.block(body);
    if (isAsync) for (let i = 0; i < items.length; i++) this.suspend('async-with-exit', node.endIndex, node.endIndex);
    this.held.length = heldBefore;
  }

  private guarded(checked: Origins, body: Node | null): void {
    if (!body) return;
    const outer = this.frames;
    this.frames = [...outer, { origins: checked, time: this.time, writtenEarly: new Set() }];
    this.block(body);
    this.frames = outer;
  }

  /** Evaluates an expression in Python's order; returns the shared reads its value derives from. */
  private expr(node: Node | null | undefined): Origins {
    if (!node) return EMPTY;
    switch (node.type) {
      case 'identifier': {
        const ref = this.shared.refOf(this.fn, node);
        return ref ? new Set([this.record(ref, 'read', ref.node)]) : (this.env.get(node.text) ?? EMPTY);
      }
      case 'attribute': {
        const ref = this.shared.refOf(this.fn, node);
        return ref ? new Set([this.record(ref, 'read', ref.node)]) : this.expr(node.childForFieldName('object'));
      }
      case 'call':
        return this.call(node);
      case 'await':
      case 'yield': {
        const value = this.unionOfChildren(node);
        const kind = expressionSuspension(node, this.kind);
        if (kind) this.suspend(kind, node.startIndex, node.endIndex);
        return value;
      }
      case 'keyword_argument':
        return this.expr(node.childForFieldName('value'));
      case 'named_expression': {
        const value = this.expr(node.childForFieldName('value'));
        const name = node.childForFieldName('name');
        if (name) this.assign(name, value, node);
        return value;
      }
      case 'as_pattern': {
        const value = this.expr(node.namedChildren[0]);
        const alias = node.childForFieldName('alias');
        if (alias) this.assign(alias, value, node);
        return value;
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return this.comprehension(node);
      case 'lambda':
        return EMPTY;
      default:
        return this.unionOfChildren(node);
    }
  }

  private unionOfChildren(node: Node): Origins {
    let value = EMPTY;
    for (const child of node.namedChildren) if (child) value = union(value, this.expr(child));
    return value;
  }

  private comprehension(node: Node): Origins {
    let value = EMPTY;
    const clauses = node.namedChildren.filter((c): c is Node => c?.type === 'for_in_clause' || c?.type === 'if_clause');
    for (const clause of clauses) {
      if (clause.type === 'if_clause') {
        value = union(value, this.unionOfChildren(clause));
        continue;
      }
      const items = this.expr(clause.childForFieldName('right'));
      if (isAsyncConstruct(clause)) this.suspend('async-for-next', clause.startIndex, clause.endIndex);
      const left = clause.childForFieldName('left');
      if (left) this.assign(left, items, clause);
      value = union(value, items);
    }
    return union(value, this.expr(node.childForFieldName('body')));
  }

  private call(node: Node): Origins {
    const callee = node.childForFieldName('function');
    const object = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
    const target = this.containerRef(object);
    if (!callee || !target) return union(this.expr(callee), this.expr(node.childForFieldName('arguments')));
    // Arguments run before the method touches the object.
    const args = this.expr(node.childForFieldName('arguments'));
    const method = callee.childForFieldName('attribute')?.text ?? '';
    if (!MUTATORS.has(method)) return union(args, new Set([this.record(target, 'read', target.node)]));
    const result = RETURNING.has(method) ? new Set([this.record(target, 'read', target.node)]) : EMPTY;
    this.write(target, args, node, this.isWhole(target, object) ? 'mutate' : 'mutate-inner', SELF_CHECKING.has(method));
    return union(args, result);
  }

  private suspend(kind: SuspensionKind, start: number, end: number): void {
    if (!this.replaying) this.suspensions.push({ kind, index: this.suspensions.length, start, end });
    this.time++;
  }

  private record(ref: SharedRef, mode: 'read' | 'write', site: Node, effect: WriteEffect | ReadAspect = readAspect(ref.node)): AccessRecord<Node> {
    const access: AccessRecord<Node> = { fn: this.fn, ref, mode, time: this.time, locks: [...this.held], site, effect };
    if (!this.replaying) {
      this.accesses.push(access);
      this.recorded.add(access);
    }
    return access;
  }

  private write(ref: SharedRef, value: Origins, site: Node, effect: WriteEffect, selfChecking = false): void {
    const write = this.record(ref, 'write', site, effect);
    for (const frame of this.frames) if (frame.time === this.time) frame.writtenEarly.add(ref.key);
    if (selfChecking) return;
    for (const read of value) {
      if (read.time < write.time && !this.revalidated(read, write)) {
        this.candidate(read.ref.key === ref.key ? 'lost-update' : 'stale-read', read, write);
      }
    }
    for (const frame of this.frames) {
      if (frame.writtenEarly.has(ref.key) || frame.recheckOnly) continue;
      for (const read of frame.origins) {
        if (read.ref.key === ref.key && read.time < write.time && !this.revalidated(read, write)) {
          this.candidate('check-then-act', read, write);
        }
      }
    }
  }

  /**
   * A condition in force at the write that reads the state again after the
   * last suspension (a re-check), or compares a fresh read of some state with
   * a copy taken earlier (a version check), makes the stale read harmless.
   */
  private revalidated(read: AccessRecord<Node>, write: AccessRecord<Node>): boolean {
    return this.frames.some((frame) => {
      for (const fresh of frame.origins) {
        if (fresh.time !== write.time) continue;
        if (fresh.ref.key === read.ref.key) return true;
        for (const old of frame.origins) if (old.ref.key === fresh.ref.key && old.time < write.time) return true;
      }
      return false;
    });
  }

  private candidate(kind: HazardKind, read: AccessRecord<Node>, write: AccessRecord<Node>): void {
    const suspension = this.suspensions[read.time];
    if (!suspension || !this.recorded.has(read)) return;
    const commonLocks = new Set(
      write.locks.filter((h) => h.start <= read.site.startIndex && read.site.endIndex <= h.end).map((h) => h.lock.key),
    );
    this.candidates.push({ kind, read, write, suspension, commonLocks });
  }
}

/** `S is None` looks at identity, `k in S` at keys, anything else at the value. */
function readAspect(node: Node): ReadAspect {
  let outer = node;
  while (outer.parent?.type === 'parenthesized_expression') outer = outer.parent;
  const comparison = outer.parent;
  if (comparison?.type !== 'comparison_operator') return 'value';
  const operators = comparison.children.filter((c) => c !== null && !c.isNamed).map((c) => c?.type ?? '');
  if (operators.every((o) => o === 'is' || o === 'is not')) return 'identity';
  const last = comparison.namedChildren[comparison.namedChildren.length - 1];
  if (operators.length === 1 && (operators[0] === 'in' || operators[0] === 'not in') && last?.id === outer.id) return 'keys';
  return 'value';
}

/** A statement that calls `lock.release()` (a `try` whose `finally` does included). */
function releasesLock(statement: Node, lockText: string): boolean {
  return statement.text.replace(/\s+/g, '').includes(`${lockText}.release()`);
}

function union(a: Origins, b: Origins): Origins {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const merged = new Set(a);
  for (const x of b) merged.add(x);
  return merged;
}

function mergeEnvs(envs: readonly Map<string, Origins>[]): Map<string, Origins> {
  const merged = new Map<string, Origins>();
  for (const env of envs) {
    for (const [name, origins] of env) merged.set(name, union(merged.get(name) ?? EMPTY, origins));
  }
  return merged;
}
