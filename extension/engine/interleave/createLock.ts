// Where a new lock lives: `self._lock = asyncio.Lock()` at the top of the
// class's `__init__` (an `__init__` that passes everything on to the base is
// added when the class has none), or a module-level `<name>_lock` after the
// imports; `import asyncio` is added when the module lacks it. A lock per key
// of a dict is `collections.defaultdict(asyncio.Lock)`, named `<name>_locks`
// (`self._<attr>_locks`), so tasks on different keys still run together.
import type { Node } from '../syntax/node';
import type { EditBuilder } from '../syntax/editBuilder';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';

const LOCK_CALL = /^(asyncio\.)?(Lock|Semaphore|BoundedSemaphore|Condition)\(/;
const PER_KEY_CALL = /^(collections\.)?defaultdict\((asyncio\.)?Lock\)$/;

/** One lock for the whole state, or one lock per key of it (a dict indexed the same way on every access). */
export type LockScope = 'state' | 'key';

const FACTORY: Readonly<Record<LockScope, string>> = { state: 'asyncio.Lock()', key: 'collections.defaultdict(asyncio.Lock)' };
const MODULES: Readonly<Record<LockScope, readonly string[]>> = { state: ['asyncio'], key: ['asyncio', 'collections'] };

export type Creation = { readonly ok: true; readonly lock: string } | { readonly ok: false; readonly reason: string };

/**
 * An instance lock `<receiver>.<attr>` for the class; reuses one `__init__` already creates.
 * Per key, the dict of locks is named after the state's attribute: `self._cache_locks`.
 */
export function instanceLock(
  file: SourceFile,
  edits: EditBuilder,
  cls: FunctionInfo,
  receiver: string,
  unit: string,
  scope: LockScope = 'state',
  stateAttr = '',
): Creation {
  const init = file.functions.named(`${cls.name}.__init__`)[0];
  const assigned = attributeAssignments(file, cls.node);
  const perKey = `_${pythonStem(stateAttr)}_locks`;
  const existing = [...assigned].find(([attr, value]) => (scope === 'key' ? attr === perKey && PER_KEY_CALL.test(value) : LOCK_CALL.test(value)))?.[0];
  if (existing) return { ok: true, lock: `${receiver}.${existing}` };
  const attr = (scope === 'key' ? [perKey] : ['_lock', '_state_lock', '_guard_lock']).find((a) => !assigned.has(a));
  if (!attr) return { ok: false, reason: `${cls.name} already uses every lock attribute name this fix would pick` };
  ensureImports(file, edits, MODULES[scope]);
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  if (init) {
    const body = init.node.childForFieldName('body');
    const line = `${firstParameter(file, init) ?? 'self'}.${attr} = ${FACTORY[scope]}`;
    return addToBody(file, edits, body, line, eol) ? { ok: true, lock: `${receiver}.${attr}` } : {
      ok: false,
      reason: `${cls.name}.__init__ is written on its def line; put its body on lines of its own first`,
    };
  }
  if (cls.decorators.length > 0) {
    return { ok: false, reason: `${cls.name} has decorators and no __init__; create ${receiver}.${attr} = ${FACTORY[scope]} where its instances are set up` };
  }
  const body = cls.node.childForFieldName('body');
  const statement = body ? afterDocstring(body) : undefined;
  const at = statement ? lineStartOf(file, statement) : undefined;
  if (!statement || at === undefined) return { ok: false, reason: `${cls.name} is written on one line; put its body on lines of its own first` };
  const indent = file.text.slice(at, statement.startIndex);
  const method = [
    `def __init__(self, *args, **kwargs):`,
    `${unit}super().__init__(*args, **kwargs)`,
    `${unit}self.${attr} = ${FACTORY[scope]}`,
  ].map((line) => indent + line).join(eol);
  if (isDocstring(statement)) edits.insert(statement.endIndex, `${eol}${eol}${method}`);
  else edits.insert(at, `${method}${eol}${eol}`);
  return { ok: true, lock: `${receiver}.${attr}` };
}

/** A module-level lock named after the state (`counter_lock`, per key `cache_locks`), created after the imports. */
export function moduleLock(file: SourceFile, edits: EditBuilder, variable: string, existingNames: ReadonlySet<string>, scope: LockScope = 'state'): Creation {
  const base = `${pythonStem(variable) || 'state'}_${scope === 'key' ? 'locks' : 'lock'}`;
  const module = file.root;
  for (const statement of module.namedChildren) {
    const assigned = statement ? moduleLockAssignment(file, statement, scope) : undefined;
    if (assigned === base) return { ok: true, lock: base };
  }
  let name = base;
  for (let n = 2; existingNames.has(name); n++) name = `${base}${String(n)}`;
  ensureImports(file, edits, MODULES[scope]);
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const anchor = lastLeadingImport(module) ?? leadingDocstring(module);
  if (anchor) edits.insert(anchor.endIndex, `${eol}${name} = ${FACTORY[scope]}`);
  else edits.insert(0, `${name} = ${FACTORY[scope]}${eol}`);
  return { ok: true, lock: name };
}

/** A state's name as part of a Python name: any letter stays (`größe` gives `größe`), the rest becomes `_`. */
function pythonStem(variable: string): string {
  return variable.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '').toLowerCase();
}

/** Adds `import <module>` after the docstring and `__future__` imports for each module the file has no plain import of. */
function ensureImports(file: SourceFile, edits: EditBuilder, modules: readonly string[]): void {
  const module = file.root;
  const imported = (name: string): boolean =>
    module.namedChildren.some(
      (s) => s?.type === 'import_statement' && s.childrenForFieldName('name').some((n) => n?.type === 'dotted_name' && n.text === name),
    );
  const missing = modules.filter((m) => !imported(m));
  if (missing.length === 0) return;
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  // Beside the module's own plain imports when it has some, else at the top.
  let anchor = leadingDocstring(module);
  for (const s of module.namedChildren) if (s?.type === 'future_import_statement') anchor = s;
  anchor = lastLeadingImport(module, 'import_statement') ?? anchor;
  const lines = missing.map((m) => `import ${m}`);
  if (anchor) edits.insert(anchor.endIndex, lines.map((l) => eol + l).join(''));
  else edits.insert(0, lines.map((l) => l + eol).join(''));
}

function moduleLockAssignment(file: SourceFile, statement: Node, scope: LockScope): string | undefined {
  const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
  if (assignment?.type !== 'assignment') return undefined;
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  const factory = scope === 'key' ? PER_KEY_CALL : LOCK_CALL;
  return left?.type === 'identifier' && right && factory.test(file.textOf(right)) ? file.textOf(left) : undefined;
}

/** `attr → assigned value text` for every `<receiver>.attr = value` in the class's methods. */
function attributeAssignments(file: SourceFile, cls: Node): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (node: Node): void => {
    if (node.type === 'assignment') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const attr = left?.type === 'attribute' && left.childForFieldName('object')?.type === 'identifier' ? left.childForFieldName('attribute') : undefined;
      if (attr && right) found.set(file.textOf(attr), file.textOf(right));
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(cls);
  return found;
}

function firstParameter(file: SourceFile, fn: FunctionInfo): string | undefined {
  const first = fn.node.childForFieldName('parameters')?.namedChildren[0];
  return first?.type === 'identifier' ? file.textOf(first) : undefined;
}

function afterDocstring(body: Node): Node | undefined {
  const statements = body.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const [first, second] = statements;
  return first && isDocstring(first) ? (second ?? first) : first;
}

/** Inserts a statement at the top of a body, after its docstring; false when the body shares the def line. */
function addToBody(file: SourceFile, edits: EditBuilder, body: Node | null, line: string, eol: string): boolean {
  const statement = body ? afterDocstring(body) : undefined;
  const at = statement ? lineStartOf(file, statement) : undefined;
  if (!statement || at === undefined) return false;
  const indent = file.text.slice(at, statement.startIndex);
  if (isDocstring(statement)) edits.insert(statement.endIndex, `${eol}${indent}${line}`);
  else edits.insert(at, `${indent}${line}${eol}`);
  return true;
}

function isDocstring(statement: Node): boolean {
  return statement.type === 'expression_statement' && statement.namedChildren[0]?.type === 'string';
}

function leadingDocstring(module: Node): Node | undefined {
  const first = module.namedChildren.find((c) => c?.type !== 'comment');
  return first && isDocstring(first) ? first : undefined;
}

/** The last import (of `type`, when given) of the module's opening run of docstring, comments and imports. */
function lastLeadingImport(module: Node, type?: string): Node | undefined {
  let last: Node | undefined;
  for (const s of module.namedChildren) {
    if (!s || s.type === 'comment' || isDocstring(s)) continue;
    if (s.type !== 'import_statement' && s.type !== 'import_from_statement' && s.type !== 'future_import_statement') break;
    if (type === undefined || s.type === type) last = s;
  }
  return last;
}

/** Offset of the line a statement starts, when only indentation precedes it there. */
function lineStartOf(file: SourceFile, statement: Node): number | undefined {
  const start = file.text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  return /^\s*$/.test(file.text.slice(start, statement.startIndex)) ? start : undefined;
}
