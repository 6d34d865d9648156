// Expressions that are locks: an asyncio or Tornado Lock, Semaphore,
// BoundedSemaphore or Condition (assigned from one anywhere in the module, or
// in the workspace module it is imported from), or a name that says it is one
// (`self._lock`, `mutex`, `sem`). A lock is held by `async with lock:`, by the
// pre-3.9 spellings `with (yield from lock):` / `with (await cond):` / Tornado's
// `with (yield lock.acquire()):`, and from `await lock.acquire()` to the
// statement that calls `lock.release()`. Two accesses are under one lock when
// they are under the same lock expression, compared as an identity.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { unparenthesize } from '../python/scopes';
import type { SharedState } from './sharedState';
import type { ModuleContext } from './workspace';

export interface LockRef {
  /** Identity: the shared-state key when there is one (`a:Account._lock`), else the text. */
  readonly key: string;
  /** As written: `self._lock`. */
  readonly text: string;
}

const LOCK_FACTORY = /(^|\.)(Lock|Semaphore|BoundedSemaphore|Condition)$/;
const LOCK_NAME = /(lock|mutex|sem|semaphore|cond|condition)s?$/i;

export class Locks {
  private readonly assigned: ReadonlySet<string>;

  constructor(
    private readonly file: SourceFile,
    private readonly shared: SharedState,
    private readonly context?: ModuleContext,
  ) {
    this.assigned = lockAssignmentsOf(file);
  }

  /** Expressions the module assigns a lock to, without whitespace: `self._lock`, `LOCK`. */
  get assignments(): ReadonlySet<string> {
    return this.assigned;
  }

  /** The lock an `async with` item's expression takes, or undefined when it is not a lock. */
  lockOf(fn: FunctionInfo, expression: Node): LockRef | undefined {
    if (!isPath(expression)) return undefined;
    const text = compact(this.file.textOf(expression));
    const ref = this.shared.refOf(fn, expression);
    const key = ref && ref.node.id === expression.id ? ref.key : undefined;
    if (!this.assigned.has(text) && !LOCK_NAME.test(lastName(this.file, expression)) && !this.importedLock(key)) return undefined;
    return { key: key ?? text, text };
  }

  /**
   * The lock a suspending expression takes: `yield from lock` / `await cond`
   * (inside a plain `with`), `await lock.acquire()`, `yield lock.acquire()`.
   */
  acquiredBy(fn: FunctionInfo, expression: Node): LockRef | undefined {
    const suspension = unparenthesize(expression);
    if (suspension.type !== 'await' && suspension.type !== 'yield') return undefined;
    const operand = suspension.lastNamedChild && unparenthesize(suspension.lastNamedChild);
    if (!operand) return undefined;
    const callee = operand.type === 'call' ? operand.childForFieldName('function') : undefined;
    if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'acquire') {
      const owner = callee.childForFieldName('object');
      return owner ? this.lockOf(fn, owner) : undefined;
    }
    return this.lockOf(fn, operand);
  }

  /** `state/g:LOCK`: a module-level lock of another workspace module, reached through an import. */
  private importedLock(key: string | undefined): boolean {
    const match = key === undefined ? null : /^(.+)\/g:([\w.]+)$/.exec(key);
    if (!match || !this.context || match[1] === this.context.module) return false;
    const defining = this.context.modules.get(match[1] ?? '');
    return defining !== undefined && lockAssignmentsOf(defining.file).has(match[2] ?? '');
  }
}

const assignmentsByFile = new WeakMap<SourceFile, ReadonlySet<string>>();

export function lockAssignmentsOf(file: SourceFile): ReadonlySet<string> {
  let found = assignmentsByFile.get(file);
  if (!found) assignmentsByFile.set(file, (found = lockAssignments(file)));
  return found;
}

/** Names, attribute chains and subscripts of them; a call creates a fresh object. */
function isPath(node: Node): boolean {
  if (node.type === 'identifier') return true;
  const inner = node.type === 'attribute' ? node.childForFieldName('object') : node.type === 'subscript' ? node.childForFieldName('value') : null;
  return inner !== null && isPath(inner);
}

/** `_locks` in `self._locks[key]`, `lock` in `lock`. */
function lastName(file: SourceFile, node: Node): string {
  if (node.type === 'subscript') return lastName(file, node.childForFieldName('value') ?? node);
  const name = node.type === 'attribute' ? node.childForFieldName('attribute') : node;
  return name ? file.textOf(name) : '';
}

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Targets of `x = asyncio.Lock()` and the like: factory calls found in the text, confirmed on the tree. */
function lockAssignments(file: SourceFile): Set<string> {
  const found = new Set<string>();
  for (const match of file.text.matchAll(/\b(?:Lock|Semaphore|BoundedSemaphore|Condition)\s*\(/g)) {
    let call = file.root.descendantForIndex(match.index);
    while (call && call.type !== 'call') call = call.parent;
    const callee = call?.childForFieldName('function');
    const assignment = call?.parent;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    if (left && callee && assignment?.childForFieldName('right')?.id === call?.id && LOCK_FACTORY.test(file.textOf(callee))) {
      found.add(compact(file.textOf(left)));
    }
  }
  return found;
}
