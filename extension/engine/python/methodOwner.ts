// Which class's method an attribute call reaches, when one module shows it:
// `Box(1).total()` and `Box.total` name the class directly, a name bound only
// to `Box(...)` or a parameter annotated `Box` holds an instance, and
// `self.total()` (or `cls.total()`) inside a class is that class or one related
// to it. Python looks the method up along the class's bases, so the owner is
// the first class on that walk that defines it. Anything the module cannot show
// (another receiver, a base class from elsewhere) is left unknown: a step may
// treat such a call as the method's only when nothing else can have a method
// of that name (mayReachAnother).
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { pythonName } from './identifiers';
import { isLibraryMethodName } from './libraryMethods';
import { isLocalName } from './localNames';
import { annotatedClass, isMethodDefinition, parametersOf } from './parameters';
import { unparenthesize } from './scopes';

/** Where `<receiver>.<name>` leads for `method`: to it, to another class's method, or the module cannot show which. */
type Reach = 'method' | 'other' | 'unknown';

/**
 * Whether the attribute `access` (`<receiver>.<name>`) can reach the method `method`:
 * false only when the module shows the receiver's class and that class finds `name`
 * in a class other than `method`'s (or, through `self`, in a class unrelated to it).
 */
export function mayReachMethod(file: SourceFile, access: Node, method: FunctionInfo): boolean {
  return reach(file, access, method) !== 'other';
}

/**
 * Whether `access` may run `method` on some instance: it may reach it, or the
 * receiver's class as the module shows it finds the name in a class that
 * `method`'s class derives from, and the receiver may hold an instance of
 * that subclass (`res: Resource` given a `Connection`).
 */
export function mayRunMethod(file: SourceFile, access: Node, method: FunctionInfo): boolean {
  if (reach(file, access, method) !== 'other') return true;
  const owner = method.parent === undefined ? undefined : topLevelClass(file, method.parent);
  const found = definingClass(file, access);
  return owner !== undefined && found !== undefined && found !== 'self' && isProperSubclass(file, owner, found);
}

/**
 * Whether `access` may call something other than `method` though it is matched
 * to it by name: its receiver's class is not shown, and nothing proves that
 * `method` is the only method of that name it can reach. A built-in or library
 * type having one (a dict's `.get`, a file's `.write`), another class of the
 * module having one, or `definedElsewhere` saying a class of another module of
 * the project does, each leaves it open; without the project around the module
 * (`definedElsewhere` undefined) nothing proves it.
 */
export function mayReachAnother(file: SourceFile, access: Node, method: FunctionInfo, definedElsewhere: ((name: string) => boolean) | undefined): boolean {
  if (reach(file, access, method) !== 'unknown') return false;
  const name = pythonName(access.childForFieldName('attribute')?.text ?? '');
  if (definedElsewhere === undefined || isLibraryMethodName(name) || definedElsewhere(name)) return true;
  return file.functions.all.some((f) => f.kind === 'function' && f.node.id !== method.node.id && f.parent !== undefined && pythonName(f.name) === `${pythonName(f.parent)}.${name}` && file.functions.named(f.parent)[0]?.kind === 'class');
}

/**
 * Whether calling `method` through `access` (`<receiver>.<name>`) passes its
 * first parameter for the caller: a classmethod always gets its class, a
 * staticmethod never gets anything, and a plain method gets `self` only from
 * an instance. Through the class itself (`Feed.poll(feed, url, cb)`) the
 * caller passes `self` as the first argument.
 */
export function bindsFirstParameter(file: SourceFile, access: Node, method: FunctionInfo): boolean {
  if (method.decorators.includes('staticmethod')) return false;
  if (method.decorators.includes('classmethod')) return true;
  return !receiverIsClass(file, access);
}

/**
 * Whether the receiver of `access` is shown to be a class, not an instance:
 * a module-level class named directly (and not a local name), `cls` in a
 * classmethod, `type(x)` or `x.__class__`. Anything else counts as an instance.
 */
function receiverIsClass(file: SourceFile, access: Node): boolean {
  const receiver = access.childForFieldName('object');
  const inner = receiver ? unparenthesize(receiver) : undefined;
  if (inner?.type === 'call') return inner.childForFieldName('function')?.text === 'type' && !isLocalName(inner, 'type') && inner.childForFieldName('arguments')?.namedChildCount === 1;
  if (inner?.type === 'attribute') return inner.childForFieldName('attribute')?.text === '__class__';
  if (inner?.type !== 'identifier') return false;
  if (!isLocalName(inner, inner.text)) return topLevelClass(file, inner.text) !== undefined;
  const scope = file.functions.at(inner.startIndex);
  return scope?.kind === 'function' && scope.decorators.includes('classmethod') && isMethodDefinition(scope.node) && parametersOf(scope.node)[0]?.name === inner.text && assignmentsIn(file, inner).length === 0;
}

/**
 * The other definitions of `method`'s name in classes of the module related to
 * its class by inheritance (overrides below it, what it overrides above): a
 * call the module shows reaching one may, on another instance, reach another.
 */
export function redefinitionsOf(file: SourceFile, method: FunctionInfo): FunctionInfo[] {
  const owner = method.parent === undefined ? undefined : topLevelClass(file, method.parent);
  if (!owner) return [];
  const name = pythonName(method.name.slice(method.name.lastIndexOf('.') + 1));
  return relatedMethodsNamed(file, owner, name).filter((f) => {
    if (f.node.id === method.node.id || f.parent === undefined) return false;
    const cls = topLevelClass(file, f.parent);
    return cls !== undefined && cls.node.id !== owner.node.id && (isProperSubclass(file, cls, owner) || isProperSubclass(file, owner, cls));
  });
}

/**
 * Whether `method` may run on an instance made of the module-level class
 * named `className` itself: its class is that class or one of its bases, and
 * it is the first definition of its name Python finds along them, or one an
 * override passes by that the module reaches explicitly (`super().name(…)`,
 * `Base.name(self, …)`). With a base of two or more bases on the way the
 * lookup order is not followed: any definition along them may run.
 */
export function runsOnInstanceOf(file: SourceFile, className: string, method: FunctionInfo): boolean {
  const cls = topLevelClass(file, className);
  const owner = method.parent === undefined ? undefined : topLevelClass(file, method.parent);
  if (!cls || !owner) return true;
  const lookup = lookupOrder(file, cls);
  if (!lookup.some((c) => c.node.id === owner.node.id)) return false;
  if (lookup.some((c) => basesOf(file, c).length > 1)) return true;
  const short = method.name.slice(method.name.lastIndexOf('.') + 1);
  const first = lookup.find((c) => file.functions.named(`${c.name}.${short}`).some((f) => f.kind === 'function' && f.parent === c.name));
  return first?.node.id === owner.node.id || reachedPastOverrides(file, pythonName(short));
}

/** `cls` and the bases the module defines, depth first. */
function lookupOrder(file: SourceFile, cls: FunctionInfo, seen = new Set<number>()): FunctionInfo[] {
  if (seen.has(cls.node.id)) return [];
  seen.add(cls.node.id);
  return [cls, ...basesOf(file, cls).flatMap((b) => (b ? lookupOrder(file, b, seen) : []))];
}

/** Whether the module calls a method named `name` past the instance's own lookup: through `super()` or a class named directly. */
function reachedPastOverrides(file: SourceFile, name: string): boolean {
  let names = reachedByFile.get(file);
  if (!names) {
    const found = new Set<string>();
    for (const access of file.root.descendantsOfType('attribute')) {
      const receiver = access?.childForFieldName('object');
      const explicit = receiver?.type === 'call' ? receiver.childForFieldName('function')?.text === 'super' : receiver?.type === 'identifier' && !isLocalName(receiver, receiver.text) && topLevelClass(file, receiver.text) !== undefined;
      if (explicit) found.add(pythonName(access?.childForFieldName('attribute')?.text ?? ''));
    }
    reachedByFile.set(file, (names = found));
  }
  return names.has(name);
}

/** reachedPastOverrides, the names found once per parse: every method of a class family is asked about. */
const reachedByFile = new WeakMap<SourceFile, ReadonlySet<string>>();

const methodsByFamily = new WeakMap<SourceFile, { familyOf: Map<number, number>; methods: Map<string, FunctionInfo[]> }>();

/**
 * The methods named `name` of the module-level classes joined to `owner` by
 * bases the module defines, indexed once per parse: classes of another
 * family never relate, and many classes with a `run` or a `get` would
 * otherwise each be checked against all the others.
 */
function relatedMethodsNamed(file: SourceFile, owner: FunctionInfo, name: string): readonly FunctionInfo[] {
  const index = familyIndex(file);
  return index.methods.get(`${String(index.familyOf.get(owner.node.id))}\0${name}`) ?? [];
}

/**
 * Whether `a` and `b` are methods of module-level classes joined by bases the
 * module defines: only then may `self.<slot>` in one be the slot of the other.
 */
export function sameClassFamily(file: SourceFile, a: FunctionInfo, b: FunctionInfo): boolean {
  const { familyOf } = familyIndex(file);
  const family = (f: FunctionInfo): number | undefined => {
    const cls = f.kind === 'function' && f.parent !== undefined ? topLevelClass(file, f.parent) : undefined;
    return cls ? familyOf.get(cls.node.id) : undefined;
  };
  const first = family(a);
  return first !== undefined && first === family(b);
}

function familyIndex(file: SourceFile): { familyOf: Map<number, number>; methods: Map<string, FunctionInfo[]> } {
  let index = methodsByFamily.get(file);
  if (!index) {
    const parent = new Map<number, number>();
    const find = (id: number): number => {
      let root = id;
      for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) root = up;
      parent.set(id, root);
      return root;
    };
    const classes = file.functions.all.filter((f) => f.kind === 'class' && f.parent === undefined);
    for (const cls of classes) {
      for (const base of basesOf(file, cls)) if (base) parent.set(find(cls.node.id), find(base.node.id));
    }
    const familyOf = new Map(classes.map((c) => [c.node.id, find(c.node.id)]));
    const methods = new Map<string, FunctionInfo[]>();
    for (const f of file.functions.all) {
      const cls = f.kind === 'function' && f.parent !== undefined ? topLevelClass(file, f.parent) : undefined;
      if (!cls || f.parent === undefined) continue;
      const key = `${String(familyOf.get(cls.node.id))}\0${pythonName(f.name.slice(f.parent.length + 1))}`;
      const list = methods.get(key);
      if (list) list.push(f);
      else methods.set(key, [f]);
    }
    index = { familyOf, methods };
    methodsByFamily.set(file, index);
  }
  return index;
}

/** `sub` derives from `base` through bases this module defines (a base from elsewhere does not count here). */
function isProperSubclass(file: SourceFile, sub: FunctionInfo, base: FunctionInfo, seen = new Set<number>()): boolean {
  if (sub.node.id === base.node.id) return true;
  if (seen.has(sub.node.id)) return false;
  seen.add(sub.node.id);
  return basesOf(file, sub).some((b) => b !== undefined && isProperSubclass(file, b, base, seen));
}

function reach(file: SourceFile, access: Node, method: FunctionInfo): Reach {
  const owner = method.parent === undefined ? undefined : topLevelClass(file, method.parent);
  const found = owner ? definingClass(file, access) : undefined;
  if (!owner || found === undefined) return 'unknown';
  if (found === 'self') {
    const enclosing = enclosingClass(file, access);
    // `self` may be an instance of a subclass, so an override below the class is reachable too.
    if (!enclosing) return 'unknown';
    return isSubclass(file, enclosing, owner) || isSubclass(file, owner, enclosing) ? 'method' : 'other';
  }
  return found.node.id === owner.node.id ? 'method' : 'other';
}

/**
 * The class whose definition `<receiver>.<name>` finds, where the module
 * shows the receiver's class (`Box(1)`, `Box`, `box = Box(1)`, `box: Box`);
 * 'self' for `self`/`cls`; undefined where it does not show it.
 */
function definingClass(file: SourceFile, access: Node): FunctionInfo | 'self' | undefined {
  const receiver = access.childForFieldName('object');
  const name = access.childForFieldName('attribute')?.text;
  if (!receiver || name === undefined) return undefined;
  const inner = unparenthesize(receiver);
  if (inner.type === 'identifier' && (inner.text === 'self' || inner.text === 'cls')) return 'self';
  const classExpression = inner.type === 'call' ? inner.childForFieldName('function') : inner.type === 'identifier' ? (instanceClass(file, inner) ?? annotatedParameterClass(file, inner) ?? inner) : inner;
  if (classExpression?.type !== 'identifier' || (classExpression === inner && isLocalName(classExpression, classExpression.text))) return undefined;
  const cls = topLevelClass(file, classExpression.text);
  const found = cls ? lookup(file, cls, name, new Set()) : undefined;
  return found === 'unknown' ? undefined : found;
}

/** `C` when every assignment of the name `id` in its own scope is `id = C(...)` (there being at least one). */
function instanceClass(file: SourceFile, id: Node): Node | undefined {
  let cls: Node | undefined;
  for (const assignment of assignmentsIn(file, id)) {
    const right = assignment.childForFieldName('right');
    const callee = right?.type === 'call' ? right.childForFieldName('function') : undefined;
    if (callee?.type !== 'identifier' || (cls && cls.text !== callee.text)) return undefined;
    cls = callee;
  }
  return cls;
}

/** The class a parameter's annotation names, when nothing in its function assigns the name again. */
function annotatedParameterClass(file: SourceFile, id: Node): Node | undefined {
  const cls = annotatedClass(id);
  return cls && assignmentsIn(file, id).length === 0 ? cls : undefined;
}

const assignmentsByScope = new WeakMap<SourceFile, Map<number, Map<string, Node[]>>>();

/**
 * The plain `name = …` assignments of `id`'s name in its own scope (the
 * function it is in, or the module), indexed once per scope and parse: a
 * module with many untyped receivers asks once per receiver.
 */
function assignmentsIn(file: SourceFile, id: Node): readonly Node[] {
  const scope = file.functions.at(id.startIndex);
  const root = scope?.kind === 'function' ? scope.node : file.root;
  let byScope = assignmentsByScope.get(file);
  if (!byScope) assignmentsByScope.set(file, (byScope = new Map<number, Map<string, Node[]>>()));
  let byName = byScope.get(root.id);
  if (!byName) {
    byName = new Map<string, Node[]>();
    const owner = root === file.root ? undefined : root.id;
    for (const assignment of root.descendantsOfType('assignment')) {
      const left = assignment?.childForFieldName('left');
      if (!assignment || left?.type !== 'identifier' || file.functions.at(assignment.startIndex)?.node.id !== owner) continue;
      const list = byName.get(left.text);
      if (list) list.push(assignment);
      else byName.set(left.text, [assignment]);
    }
    byScope.set(root.id, byName);
  }
  return byName.get(id.text) ?? [];
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
