// Which class's method an attribute call reaches, when one module shows it:
// `Box(1).total()` and `Box.total` name the class directly, and `self.total()`
// inside a class is that class or one related to it. Python looks the method up
// along the class's bases, so the owner is the first class on that walk that
// defines it. Anything the module cannot show (another receiver, a base class
// from elsewhere) is left unknown, and callers keep matching by name there.
import type { Node } from 'web-tree-sitter';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { isLocalName } from './localNames';
import { unparenthesize } from './scopes';

/**
 * Whether the attribute `access` (`<receiver>.<name>`) can reach the method `method`:
 * false only when the module shows the receiver's class and that class finds `name`
 * in a class other than `method`'s (or, through `self`, in a class unrelated to it).
 */
export function mayReachMethod(file: SourceFile, access: Node, method: FunctionInfo): boolean {
  const owner = method.parent === undefined ? undefined : topLevelClass(file, method.parent);
  const receiver = access.childForFieldName('object');
  const name = access.childForFieldName('attribute')?.text;
  if (!owner || !receiver || name === undefined) return true;
  const inner = unparenthesize(receiver);
  if (inner.type === 'identifier' && inner.text === 'self') {
    const enclosing = enclosingClass(file, inner);
    // `self` may be an instance of a subclass, so an override below the class is reachable too.
    return !enclosing || isSubclass(file, enclosing, owner) || isSubclass(file, owner, enclosing);
  }
  const classExpression = inner.type === 'call' ? inner.childForFieldName('function') : inner;
  if (classExpression?.type !== 'identifier' || isLocalName(classExpression, classExpression.text)) return true;
  const cls = topLevelClass(file, classExpression.text);
  if (!cls) return true;
  const found = lookup(file, cls, name, new Set());
  return found === 'unknown' || found?.node.id === owner.node.id;
}

/** The first class defining `name` on the walk from `cls` through its bases; 'unknown' when a base is not in this module. */
function lookup(file: SourceFile, cls: FunctionInfo, name: string, seen: Set<number>): FunctionInfo | 'unknown' | undefined {
  if (seen.has(cls.node.id)) return undefined;
  seen.add(cls.node.id);
  if (file.functions.named(`${cls.name}.${name}`).some((m) => m.parent === cls.name)) return cls;
  for (const base of basesOf(file, cls)) {
    const found = base ? lookup(file, base, name, seen) : 'unknown';
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The classes `cls` derives from, as this module defines them; undefined for a base it does not. */
function basesOf(file: SourceFile, cls: FunctionInfo): (FunctionInfo | undefined)[] {
  const list = cls.node.childForFieldName('superclasses');
  const bases = list ? list.namedChildren.filter((b): b is Node => b !== null && b.type !== 'keyword_argument' && b.type !== 'comment') : [];
  return bases.map((b) => (b.type === 'identifier' ? topLevelClass(file, b.text) : undefined));
}

function isSubclass(file: SourceFile, sub: FunctionInfo, base: FunctionInfo, seen = new Set<number>()): boolean {
  if (sub.node.id === base.node.id) return true;
  if (seen.has(sub.node.id)) return false;
  seen.add(sub.node.id);
  // A base the module does not define may be anything: count it as related.
  return basesOf(file, sub).some((b) => b === undefined || isSubclass(file, b, base, seen));
}

/** The one module-level class of this name, when the module defines exactly one. */
function topLevelClass(file: SourceFile, name: string): FunctionInfo | undefined {
  const classes = file.functions.named(name).filter((f) => f.kind === 'class' && f.parent === undefined);
  return classes.length === 1 ? classes[0] : undefined;
}

function enclosingClass(file: SourceFile, node: Node): FunctionInfo | undefined {
  for (let f = file.functions.at(node.startIndex); f; f = f.parent === undefined ? undefined : file.functions.named(f.parent)[0]) {
    if (f.kind === 'class') return f.parent === undefined ? f : undefined;
  }
  return undefined;
}
