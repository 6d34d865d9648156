// Whether `x.m(...)` calls the method `m` of a given class of the module:
// `self.m` in a method of that class or of a class related to it by
// inheritance in the module, `Class.m`, `Class(...).m`, or a name the same
// scope binds only to `Class(...)` — or cannot be told apart from another
// `m`: a receiver the module does not type, when a built-in type (a dict's
// `.get`, a file's `.write`) or another class of the module has an `m` too.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../syntax/sourceFile';
import { pythonName } from './identifiers';

/** Methods of the built-in containers, strings, numbers and files (CPython 3.11's, public ones). */
const BUILTIN_METHODS: ReadonlySet<string> = new Set(
  (
    'add append as_integer_ratio bit_count bit_length capitalize casefold center clear close conjugate copy count decode detach difference ' +
    'difference_update discard encode endswith expandtabs extend fileno find flush format format_map from_bytes fromhex fromkeys get getbuffer ' +
    'getvalue hex index insert intersection intersection_update is_integer isalnum isalpha isascii isatty isdecimal isdigit isdisjoint ' +
    'isidentifier islower isnumeric isprintable isspace issubset issuperset istitle isupper items join keys ljust lower lstrip maketrans ' +
    'partition peek pop popitem read read1 readable readinto readinto1 readline readlines reconfigure remove removeprefix removesuffix replace ' +
    'reverse rfind rindex rjust rpartition rsplit rstrip seek seekable setdefault sort split splitlines startswith strip swapcase ' +
    'symmetric_difference symmetric_difference_update tell title to_bytes translate truncate union update upper values writable write writelines zfill'
  ).split(' '),
);

/**
 * Whether the method reference `attribute` (an `x.m` node) may call something
 * other than method `m` of class `className`: its receiver is not shown to be
 * of that class, and another class of the module or a built-in type has an `m`.
 */
export function mayReachAnother(file: SourceFile, attribute: Node, className: string): boolean {
  if (receiverOf(file, attribute, className) === 'this-class') return false;
  const method = pythonName(attribute.childForFieldName('attribute')?.text ?? '');
  if (BUILTIN_METHODS.has(method)) return true;
  const related = relatedClasses(file, className);
  return file.functions.all.some((f) => f.kind === 'function' && f.name.endsWith(`.${method}`) && f.parent !== undefined && !related.has(pythonName(f.parent.split('.').at(-1) ?? f.parent)) && file.functions.named(f.parent)[0]?.kind === 'class');
}

type ReceiverKind = 'this-class' | 'unknown';

function receiverOf(file: SourceFile, attribute: Node, className: string): ReceiverKind {
  const object = attribute.childForFieldName('object');
  if (!object) return 'unknown';
  const related = relatedClasses(file, className);
  if (object.type === 'call') {
    const callee = object.childForFieldName('function');
    return callee?.type === 'identifier' && related.has(pythonName(callee.text)) ? 'this-class' : 'unknown';
  }
  if (object.type !== 'identifier') return 'unknown';
  const name = pythonName(object.text);
  if (related.has(name)) return 'this-class';
  const method = file.functions.at(attribute.startIndex);
  const owner = method?.parent === undefined ? undefined : file.functions.named(method.parent)[0];
  const first = method?.node.childForFieldName('parameters')?.namedChildren[0];
  if (owner?.kind === 'class' && first?.type === 'identifier' && pythonName(first.text) === name) {
    return related.has(pythonName(owner.name.split('.').at(-1) ?? owner.name)) ? 'this-class' : 'unknown';
  }
  return boundOnlyToInstance(file, method?.node ?? file.root, name, related) ? 'this-class' : 'unknown';
}

/** The class and every class of the module it derives from or that derives from it (by name). */
function relatedClasses(file: SourceFile, className: string): Set<string> {
  const bases = new Map<string, string[]>();
  for (const cls of file.functions.all) {
    if (cls.kind !== 'class') continue;
    const list = cls.node.childForFieldName('superclasses')?.namedChildren ?? [];
    bases.set(pythonName(cls.name.split('.').at(-1) ?? cls.name), list.filter((b): b is Node => b?.type === 'identifier').map((b) => pythonName(b.text)));
  }
  const related = new Set([pythonName(className)]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [cls, of] of bases) {
      const linked = related.has(cls) ? of.filter((b) => !related.has(b) && bases.has(b)) : of.some((b) => related.has(b)) && !related.has(cls) ? [cls] : [];
      for (const c of linked) related.add(c);
      if (linked.length > 0) grew = true;
    }
  }
  return related;
}

/** Every assignment of `name` in `scope` (its own code) is `name = C(...)` for one of `classes`, and there is at least one. */
function boundOnlyToInstance(file: SourceFile, scope: Node, name: string, classes: ReadonlySet<string>): boolean {
  let seen = false;
  for (const assignment of scope.descendantsOfType('assignment')) {
    const left = assignment?.childForFieldName('left');
    if (!assignment || left?.type !== 'identifier' || pythonName(left.text) !== name) continue;
    // Only the scope's own assignments (a nested def's `x = ...` binds another x).
    if (file.functions.at(assignment.startIndex)?.node.id !== (scope.type === 'module' ? undefined : scope.id)) continue;
    const right = assignment.childForFieldName('right');
    const callee = right?.type === 'call' ? right.childForFieldName('function') : undefined;
    if (callee?.type !== 'identifier' || !classes.has(pythonName(callee.text))) return false;
    seen = true;
  }
  return seen;
}
