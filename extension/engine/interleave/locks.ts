// `async with` items that are locks: an asyncio.Lock, Semaphore, BoundedSemaphore
// or Condition (assigned from one anywhere in the module), or a name that says
// it is one (`self._lock`, `mutex`, `sem`). Two accesses are under one lock when
// they are under the same lock expression, compared as an identity.
import type { Node } from 'web-tree-sitter';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import type { SharedState } from './sharedState';

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
  ) {
    this.assigned = lockAssignments(file);
  }

  /** The lock an `async with` item's expression takes, or undefined when it is not a lock. */
  lockOf(fn: FunctionInfo, expression: Node): LockRef | undefined {
    if (!isPath(expression)) return undefined;
    const text = compact(this.file.textOf(expression));
    if (!this.assigned.has(text) && !LOCK_NAME.test(lastName(this.file, expression))) return undefined;
    const ref = this.shared.refOf(fn, expression);
    return { key: ref && ref.node.id === expression.id ? ref.key : text, text };
  }
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
