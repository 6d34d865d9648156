// Where a new lock lives: `self._lock = asyncio.Lock()` at the top of the
// class's `__init__` (an `__init__` that passes everything on to the base is
// added when the class has none), or a module-level `<name>_lock` after the
// imports; `import asyncio` is added when the module lacks it.
import type { Node } from 'web-tree-sitter';
import type { EditBuilder } from '../syntax/editBuilder';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';

const LOCK_CALL = /^(asyncio\.)?(Lock|Semaphore|BoundedSemaphore|Condition)\(/;

export type Creation = { readonly ok: true; readonly lock: string } | { readonly ok: false; readonly reason: string };

/** An instance lock `<receiver>.<attr>` for the class; reuses one `__init__` already creates. */
export function instanceLock(
  file: SourceFile,
  edits: EditBuilder,
  cls: FunctionInfo,
  receiver: string,
  unit: string,
): Creation {
  const init = file.functions.named(`${cls.name}.__init__`)[0];
  const assigned = attributeAssignments(file, cls.node);
  const existing = [...assigned].find(([, value]) => LOCK_CALL.test(value))?.[0];
  if (existing) return { ok: true, lock: `${receiver}.${existing}` };
  const attr = ['_lock', '_state_lock', '_guard_lock'].find((a) => !assigned.has(a));
  if (!attr) return { ok: false, reason: `${cls.name} already uses every lock attribute name this fix would pick` };
  ensureAsyncioImport(file, edits);
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  if (init) {
    const body = init.node.childForFieldName('body');
    const line = `${firstParameter(file, init) ?? 'self'}.${attr} = asyncio.Lock()`;
    return addToBody(file, edits, body, line, eol) ? { ok: true, lock: `${receiver}.${attr}` } : {
      ok: false,
      reason: `${cls.name}.__init__ is written on its def line; put its body on lines of its own first`,
    };
  }
  if (cls.decorators.length > 0) {
    return { ok: false, reason: `${cls.name} has decorators and no __init__; create ${receiver}.${attr} = asyncio.Lock() where its instances are set up` };
  }
  const body = cls.node.childForFieldName('body');
  const statement = body ? afterDocstring(body) : undefined;
  const at = statement ? lineStartOf(file, statement) : undefined;
  if (!statement || at === undefined) return { ok: false, reason: `${cls.name} is written on one line; put its body on lines of its own first` };
  const indent = file.text.slice(at, statement.startIndex);
  const method = [
    `def __init__(self, *args, **kwargs):`,
    `${unit}super().__init__(*args, **kwargs)`,
    `${unit}self.${attr} = asyncio.Lock()`,
  ].map((line) => indent + line).join(eol);
  if (isDocstring(statement)) edits.insert(statement.endIndex, `${eol}${eol}${method}`);
  else edits.insert(at, `${method}${eol}${eol}`);
  return { ok: true, lock: `${receiver}.${attr}` };
}

/** A module-level lock named after the state (`counter_lock`), created after the imports. */
export function moduleLock(file: SourceFile, edits: EditBuilder, variable: string, existingNames: ReadonlySet<string>): Creation {
  // Python names may hold any letter: `größe` gives `größe_lock`.
  const base = `${variable.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '').toLowerCase() || 'state'}_lock`;
  const module = file.root;
  for (const statement of module.namedChildren) {
    const assigned = statement ? moduleLockAssignment(file, statement) : undefined;
    if (assigned === base) return { ok: true, lock: base };
  }
  let name = base;
  for (let n = 2; existingNames.has(name); n++) name = `${base}${String(n)}`;
  ensureAsyncioImport(file, edits);
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const anchor = lastLeadingImport(module) ?? leadingDocstring(module);
  if (anchor) edits.insert(anchor.endIndex, `${eol}${name} = asyncio.Lock()`);
  else edits.insert(0, `${name} = asyncio.Lock()${eol}`);
  return { ok: true, lock: name };
}

/** Adds `import asyncio` after the docstring and `__future__` imports when the module has no plain one. */
function ensureAsyncioImport(file: SourceFile, edits: EditBuilder): void {
  const module = file.root;
  const imported = module.namedChildren.some(
    (s) => s?.type === 'import_statement' && s.childrenForFieldName('name').some((n) => n?.type === 'dotted_name' && n.text === 'asyncio'),
  );
  if (imported) return;
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  let anchor = leadingDocstring(module);
  for (const s of module.namedChildren) if (s?.type === 'future_import_statement') anchor = s;
  if (anchor) edits.insert(anchor.endIndex, `${eol}import asyncio`);
  else edits.insert(0, `import asyncio${eol}`);
}

function moduleLockAssignment(file: SourceFile, statement: Node): string | undefined {
  const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
  if (assignment?.type !== 'assignment') return undefined;
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  return left?.type === 'identifier' && right && LOCK_CALL.test(file.textOf(right)) ? file.textOf(left) : undefined;
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

/** The last import of the module's opening run of docstring, comments and imports. */
function lastLeadingImport(module: Node): Node | undefined {
  let last: Node | undefined;
  for (const s of module.namedChildren) {
    if (!s || s.type === 'comment' || isDocstring(s)) continue;
    if (s.type !== 'import_statement' && s.type !== 'import_from_statement' && s.type !== 'future_import_statement') break;
    last = s;
  }
  return last;
}

/** Offset of the line a statement starts, when only indentation precedes it there. */
function lineStartOf(file: SourceFile, statement: Node): number | undefined {
  const start = file.text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  return /^\s*$/.test(file.text.slice(start, statement.startIndex)) ? start : undefined;
}
