// The project model: every Python module the host supplies (the CLI's files
// and directories, the editor's workspace), resolved to each other by import.
// It answers what one module cannot: where a function is used across modules
// (calls, calls through receivers whose class is inferable, values passed as
// callbacks, overrides a base class reaches through `self`), the class
// hierarchy (and which bases are library classes it cannot see), and where
// tasks are spawned.
//
// Cost: a module is parsed only when a question needs it — when its text
// mentions the name asked about — and once per version, so an edit to one
// module costs that module's parse, not the project's.
import type { Node } from '../syntax/node';
import { shortName, type FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { lookupNaming } from './hiddenCallers';
import { ModuleNames, absoluteName, dottedText } from './imports';
import { pythonName } from './identifiers';
import { isLibraryMethodName } from './libraryMethods';
import { isLocalName } from './localNames';
import { annotatedClass } from './parameters';
import { identifiersNamed, WordFinder } from './wordFinder';
import { unparenthesize } from './scopes';

/** How a module is known to the model: where it lives, its dotted name, its text. */
export interface ModuleSource {
  /** How the host names the file (a path or a URI); uses found there carry it. */
  readonly path: string;
  /** `pkg.state` for `pkg/state.py`, `pkg` for `pkg/__init__.py`. */
  readonly name: string;
  readonly isPackage: boolean;
  readonly text: string;
}

/** How the model gets a parse of a module's text; undefined when it does not parse. */
export type ParseModule = (source: ModuleSource) => SourceFile | undefined;

export type UseKind =
  /** Called: `f(x)`, `self.client.go()`, `Job().go()`. */
  | 'call'
  /** Used as a value: passed as a callback, stored, returned, registered. */
  | 'value'
  /** Applied as a decorator. */
  | 'decorator'
  /** A method called through `self` in a base class, reaching this override. */
  | 'override'
  /** Named by `getattr(obj, 'name')` or `hasattr`. */
  | 'getattr'
  /** Another definition of the method in its class hierarchy (an override below it, or the method it overrides): a call may reach either. */
  | 'redefinition'
  /** `<receiver>.name` on a receiver the model cannot type, where another object (a library's, another class's) may have a method of that name. */
  | 'untyped-receiver'
  /** Imported by name (`from mod import f`): not a use by itself, but a dependency. */
  | 'import';

export interface Use {
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  readonly kind: UseKind;
  /** The identifier or attribute-name node (the string for `getattr`). */
  readonly node: Node;
}

/** A base class the model cannot see: a library class whose code may call the method. */
export interface LibraryBase {
  readonly path: string;
  readonly line: number;
  /** As qualified as the module's imports make it (`json.JSONEncoder`). */
  readonly name: string;
}

export interface ClassRef {
  readonly module: ModuleSource;
  readonly info: FunctionInfo;
}

export type SpawnApi =
  | 'asyncio.create_task'
  | 'asyncio.ensure_future'
  | 'asyncio.gather'
  | 'asyncio.wait'
  | 'asyncio.run_coroutine_threadsafe'
  | 'TaskGroup.create_task'
  | 'loop.create_task'
  | 'loop.call_soon'
  | 'loop.call_later'
  | 'tornado.spawn_callback'
  | 'tornado.add_callback'
  | 'twisted.callLater'
  | 'twisted.ensureDeferred';

/** Where a task (or callback) is started, and what it starts when the model can tell. */
export interface SpawnSite {
  readonly path: string;
  readonly line: number;
  readonly api: SpawnApi;
  readonly call: Node;
  /** The functions it starts, resolved like any other use. */
  readonly targets: readonly { readonly module: ModuleSource; readonly info: FunctionInfo }[];
}

const SPAWN_FUNCTIONS: ReadonlyMap<string, SpawnApi> = new Map([
  ['asyncio.create_task', 'asyncio.create_task'],
  ['asyncio.ensure_future', 'asyncio.ensure_future'],
  ['asyncio.async', 'asyncio.ensure_future'],
  ['asyncio.gather', 'asyncio.gather'],
  ['asyncio.wait', 'asyncio.wait'],
  ['asyncio.run_coroutine_threadsafe', 'asyncio.run_coroutine_threadsafe'],
  ['twisted.internet.defer.ensureDeferred', 'twisted.ensureDeferred'],
]);
/** Method names that spawn on whatever object has them (loops, task groups, IOLoops, reactors). */
const SPAWN_METHODS: ReadonlyMap<string, SpawnApi> = new Map([
  ['create_task', 'loop.create_task'],
  ['call_soon', 'loop.call_soon'],
  ['call_soon_threadsafe', 'loop.call_soon'],
  ['call_later', 'loop.call_later'],
  ['call_at', 'loop.call_later'],
  ['spawn_callback', 'tornado.spawn_callback'],
  ['add_callback', 'tornado.add_callback'],
  ['callLater', 'twisted.callLater'],
]);

/** The API a call's callee spawns a task or callback through (`asyncio.create_task`, `loop.call_soon`, …), if any. */
export function spawnApiOf(names: ModuleNames, callee: Node, absolute: (qualified: string) => string = (q) => q): SpawnApi | undefined {
  const qualified = absolute(names.qualify(callee) ?? '');
  const method = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  return SPAWN_FUNCTIONS.get(qualified) ?? (method === undefined ? undefined : SPAWN_METHODS.get(method));
}

/** A class with its descendants (`members`, which share its methods) and its project ancestors. */
interface Family {
  readonly members: readonly ClassRef[];
  readonly ancestors: readonly ClassRef[];
}

interface Parsed {
  readonly file: SourceFile | undefined;
  readonly names: ModuleNames | undefined;
  /** Identifier nodes by spelling (attribute names included), each name looked up on its first question. */
  identifiers?: Map<string, Node[]>;
  /** `getattr(obj, 'name')` / `hasattr(…)` calls, made on the first question. */
  attributeLookups?: Node[];
}

export class ProjectModel {
  private readonly byPath = new Map<string, ModuleSource>();
  private readonly byName = new Map<string, ModuleSource>();
  private readonly parsed = new Map<ModuleSource, Parsed>();
  private readonly words = new WeakMap<ModuleSource, WordFinder>();
  private changes = 0;

  constructor(private readonly parse: ParseModule) {}

  /** Adds a module, or replaces its text (its old parse, if any, is freed). */
  set(source: ModuleSource): void {
    const old = this.byPath.get(source.path);
    if (old?.text === source.text && old.name === source.name) return;
    this.remove(source.path);
    this.changes++;
    this.byPath.set(source.path, source);
    // The first module to claim a dotted name keeps it, as on sys.path.
    if (!this.byName.has(source.name)) this.byName.set(source.name, source);
  }

  remove(path: string): void {
    const old = this.byPath.get(path);
    if (!old) return;
    this.changes++;
    this.byPath.delete(path);
    this.parsed.get(old)?.file?.dispose();
    this.parsed.delete(old);
    if (this.byName.get(old.name) === old) {
      this.byName.delete(old.name);
      const heir = [...this.byPath.values()].find((m) => m.name === old.name);
      if (heir) this.byName.set(heir.name, heir);
    }
  }

  /** Counts changes to the model's modules: an answer computed at one generation holds until it moves. */
  get generation(): number {
    return this.changes;
  }

  /** Frees every parse the model made. */
  dispose(): void {
    for (const parsed of this.parsed.values()) parsed.file?.dispose();
    this.parsed.clear();
  }

  get modules(): readonly ModuleSource[] {
    return [...this.byPath.values()];
  }

  module(path: string): ModuleSource | undefined {
    return this.byPath.get(path);
  }

  moduleNamed(name: string): ModuleSource | undefined {
    return this.byName.get(name);
  }

  /** The module's parse (made on first need); undefined when it does not parse. */
  fileOf(module: ModuleSource): SourceFile | undefined {
    return this.parsedOf(module).file;
  }

  /**
   * Every use of `fn` (a function or method of `module`) in the project, its
   * own `def` left out. Only uses that resolve to it count: `table.get(k)` on
   * some other object is not a use of a `get` defined here. A method's call
   * through a receiver the model cannot type counts as its call only when no
   * other class of the project and no library type has a method of that name;
   * otherwise it is an `untyped-receiver` use. A method's other definitions in
   * its class hierarchy are `redefinition` uses.
   */
  usesOf(module: ModuleSource, fn: FunctionInfo): Use[] {
    const file = this.fileOf(module);
    if (!file) return [];
    const owner = fn.parent === undefined ? undefined : file.functions.named(fn.parent).find((c) => c.kind === 'class' && contains(c.node, fn.node));
    if (fn.parent !== undefined && !owner) return []; // nested in a function: only its enclosing function can see it
    const short = pythonName(shortName(fn));
    const family = owner ? this.family({ module, info: owner }) : undefined;
    let onlyOne: boolean | undefined;
    const untyped = (): UseKind | undefined => {
      onlyOne ??= !isLibraryMethodName(short) && this.classesDefining(short).every((c) => c.module === module && c.info.node.id === owner?.node.id);
      return onlyOne ? undefined : 'untyped-receiver';
    };
    const uses: Use[] = [];
    for (const other of this.mentioning(short)) {
      const parsed = this.parsedOf(other);
      if (!parsed.file || !parsed.names) continue;
      for (const node of identifiersIn(parsed, this.wordsOf(other), short)) {
        if (node.parent?.id === fn.node.id && other === module) continue; // the def's own name
        const kind = family ? this.methodUse(other, parsed, node, family, untyped) : this.functionUse(other, parsed, node, module, fn);
        if (kind) uses.push({ path: other.path, line: parsed.file.lineOf(node), kind, node });
      }
      uses.push(...this.getattrUses(other, parsed, short, owner ? undefined : module));
    }
    // `getattr(mod, name)` finds the function with a name the text does not spell, in a module that names `mod`.
    const moduleWord = module.name.slice(module.name.lastIndexOf('.') + 1);
    for (const other of owner ? [] : this.mentioning(moduleWord)) {
      const words = this.wordsOf(other);
      if (!words.mentions(short) && (words.mentions('getattr') || words.mentions('hasattr'))) uses.push(...this.getattrUses(other, this.parsedOf(other), short, module));
    }
    if (family) uses.push(...this.redefinitions(family, short));
    return uses.sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
  }

  /** Library classes among `cls`'s ancestors: their code may call its methods where the model cannot see. */
  libraryBases(module: ModuleSource, cls: FunctionInfo): LibraryBase[] {
    const out: LibraryBase[] = [];
    const seen = new Set<Node>();
    const visit = (m: ModuleSource, c: FunctionInfo): void => {
      if (seen.has(c.node)) return;
      seen.add(c.node);
      const parsed = this.parsedOf(m);
      if (!parsed.file || !parsed.names) return;
      for (const base of baseExpressions(c.node)) {
        const found = this.resolveClass(m, parsed.names, base);
        if (found) visit(found.module, found.info);
        else if (base.type === 'identifier' || base.type === 'attribute') {
          const name = this.absolute(m, parsed.names.qualify(base) ?? base.text);
          if (name !== 'object') out.push({ path: m.path, line: parsed.file.lineOf(base), name });
        }
      }
    };
    visit(module, cls);
    return out;
  }

  /** Project classes `cls` inherits from, nearest first. */
  ancestors(module: ModuleSource, cls: FunctionInfo): ClassRef[] {
    const out: ClassRef[] = [];
    const queue: ClassRef[] = [{ module, info: cls }];
    for (let item = queue.shift(); item; item = queue.shift()) {
      const names = this.parsedOf(item.module).names;
      if (!names) continue;
      for (const base of baseExpressions(item.info.node)) {
        const found = this.resolveClass(item.module, names, base);
        if (found && !out.some((o) => o.info.node.id === found.info.node.id && o.module === found.module)) {
          out.push(found);
          queue.push(found);
        }
      }
    }
    return out;
  }

  /** Project classes that inherit from `cls`, directly or not. */
  descendants(module: ModuleSource, cls: FunctionInfo): ClassRef[] {
    const out: ClassRef[] = [];
    const queue: ClassRef[] = [{ module, info: cls }];
    for (let item = queue.shift(); item; item = queue.shift()) {
      const target = item;
      for (const other of this.mentioning(target.info.name.slice(target.info.name.lastIndexOf('.') + 1))) {
        const parsed = this.parsedOf(other);
        if (!parsed.file || !parsed.names) continue;
        for (const c of parsed.file.functions.all) {
          if (c.kind !== 'class' || out.some((o) => o.info.node.id === c.node.id && o.module === other)) continue;
          const names = parsed.names;
          const inherits = baseExpressions(c.node).some((b) => {
            const found = this.resolveClass(other, names, b);
            return found?.module === target.module && found.info.node.id === target.info.node.id;
          });
          if (inherits) {
            out.push({ module: other, info: c });
            queue.push({ module: other, info: c });
          }
        }
      }
    }
    return out;
  }

  /** Where `module` starts tasks or schedules callbacks, with what it starts when it can tell. */
  spawnSites(module: ModuleSource): SpawnSite[] {
    const parsed = this.parsedOf(module);
    const { file, names } = parsed;
    if (!file || !names) return [];
    const sites: SpawnSite[] = [];
    for (const call of file.root.descendantsOfType('call')) {
      const callee = call?.childForFieldName('function');
      if (!call || !callee) continue;
      const api = spawnApiOf(names, callee, (q) => this.absolute(module, q));
      if (!api) continue;
      const targets: { module: ModuleSource; info: FunctionInfo }[] = [];
      for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
        if (!arg) continue;
        const value = unparenthesize(arg.type === 'keyword_argument' ? (arg.childForFieldName('value') ?? arg) : arg);
        const started = value.type === 'call' ? value.childForFieldName('function') : value;
        const target = started ? this.resolveFunction(module, names, started) : undefined;
        if (target) targets.push(target);
      }
      sites.push({ path: module.path, line: file.lineOf(call), api, call, targets });
    }
    return sites;
  }

  /** The project module an import written in `from` names (`pkg.state`, `.state`, `..`). */
  resolveModule(from: ModuleSource, written: string): ModuleSource | undefined {
    return this.byName.get(this.absolute(from, written));
  }

  /** A qualified name with any leading dots resolved against `from`'s package. */
  absolute(from: ModuleSource, qualified: string): string {
    return absoluteName(from, qualified);
  }

  private parsedOf(module: ModuleSource): Parsed {
    let parsed = this.parsed.get(module);
    if (!parsed) {
      let file = this.parse(module);
      // A module nested too deep for the engine's walks is left out, like one that does not parse.
      if (file?.syntaxErrors[0]?.code === 'too-deep') {
        file.dispose();
        file = undefined;
      }
      parsed = { file, names: file ? new ModuleNames(file) : undefined };
      this.parsed.set(module, parsed);
    }
    return parsed;
  }

  /** Whether a module other than `module` has `word` in its text: if none has, nothing outside `module` can use it, and nothing need be parsed to say so. */
  mentionedOutside(module: ModuleSource, word: string): boolean {
    // Not `mentioning`: the module asked about is not searched (in a project of one module, nothing is).
    for (const other of this.byPath.values()) if (other !== module && this.wordsOf(other).mentions(word)) return true;
    return false;
  }

  /** Modules whose text contains `word` as a word: the only ones that can use it. */
  private mentioning(word: string): ModuleSource[] {
    return [...this.byPath.values()].filter((m) => this.wordsOf(m).mentions(word));
  }

  private wordsOf(module: ModuleSource): WordFinder {
    let words = this.words.get(module);
    if (!words) this.words.set(module, (words = new WordFinder(module.text)));
    return words;
  }

  /** A use of a module-level function `fn` of `home` at `node` in `module`, if it is one. */
  private functionUse(module: ModuleSource, parsed: Parsed, node: Node, home: ModuleSource, fn: FunctionInfo): UseKind | undefined {
    const names = parsed.names;
    const parent = node.parent;
    if (!names || !parent) return undefined;
    if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) return undefined;
    if (parent.type === 'function_definition' || parent.type === 'class_definition') return undefined;
    const target = `${home.name}.${pythonName(fn.name)}`;
    if (isImportItem(node)) {
      const statement = importStatementOf(node);
      const from = statement?.childForFieldName('module_name');
      return from && this.absolute(module, from.text.replace(/\s+/g, '')) === home.name ? 'import' : undefined;
    }
    let reference: Node = node;
    if (parent.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) {
      // `mod.f`: the object must resolve to the defining module.
      const object = parent.childForFieldName('object');
      const qualified = object ? names.qualify(object) : undefined;
      if (qualified === undefined || this.absolute(module, qualified) !== home.name) return undefined;
      reference = parent;
    } else {
      const name = pythonName(node.text);
      if (isLocalName(node, node.text)) return undefined;
      if (module === home) {
        if (bindsByImport(names, name)) return undefined;
      } else if (this.absolute(module, names.qualify(node) ?? '') !== target && !this.starImports(module, names, home, name)) {
        return undefined;
      }
    }
    return useKind(reference);
  }

  /** `from home import *` binds `name` in `module` (when nothing else there does). */
  private starImports(module: ModuleSource, names: ModuleNames, home: ModuleSource, name: string): boolean {
    if (bindsByImport(names, name) || this.fileOf(module)?.functions.named(name).some((f) => f.parent === undefined)) return false;
    return names.starModules.some((m) => this.absolute(module, m) === home.name);
  }

  /**
   * A use of method `fn` (named like `node`) of `owner`: through a receiver the
   * model types as the class's, or through one it cannot type (`untyped` says
   * what that is: a call when nothing else has a method of that name).
   */
  private methodUse(module: ModuleSource, parsed: Parsed, node: Node, family: Family, untyped: () => UseKind | undefined): UseKind | undefined {
    const parent = node.parent;
    if (parent?.type !== 'attribute' || parent.childForFieldName('attribute')?.id !== node.id || !parsed.names) return undefined;
    const receiver = parent.childForFieldName('object');
    if (!receiver) return undefined;
    switch (this.receiverRelation(module, parsed, receiver, family)) {
      case 'unrelated':
        return undefined;
      case 'override':
        return 'override';
      case 'instance':
        return useKind(parent);
      case 'unknown':
        // `obj.go = None` sets an attribute and calls nothing.
        if (parent.parent?.type === 'assignment' && parent.parent.childForFieldName('left')?.id === parent.id) return undefined;
        return untyped() ?? useKind(parent);
    }
  }

  /**
   * How `receiver` relates to `owner`: an instance of it (or a subclass), `self`
   * in a base class it overrides, something the model shows is not one (another
   * project class's instance, a module, a literal), or unknown.
   */
  private receiverRelation(module: ModuleSource, parsed: Parsed, receiver: Node, family: Family): 'instance' | 'override' | 'unrelated' | 'unknown' {
    const names = parsed.names;
    if (!names) return 'unknown';
    const isFamily = (ref: ClassRef | undefined): boolean => ref !== undefined && family.members.some((f) => f.module === ref.module && f.info.node.id === ref.info.node.id);
    const isOther = (ref: ClassRef | undefined): boolean => ref !== undefined && !isFamily(ref);
    const byClass = (ref: ClassRef | undefined): 'instance' | 'unrelated' | undefined => (isFamily(ref) ? 'instance' : ref ? 'unrelated' : undefined);
    const inner = unparenthesize(receiver);
    if (LITERALS.has(inner.type)) return 'unrelated';
    if (inner.type === 'identifier' && (inner.text === 'self' || inner.text === 'cls')) {
      const cls = enclosingClass(parsed.file, inner);
      if (!cls) return 'unknown';
      const ref = { module, info: cls };
      if (isFamily(ref)) return 'instance';
      return family.ancestors.some((a) => a.module === module && a.info.node.id === cls.node.id) ? 'override' : 'unrelated';
    }
    // `super().go()` in a subclass reaches the class's method.
    const callee = inner.type === 'call' ? inner.childForFieldName('function') : undefined;
    if (callee?.type === 'identifier' && callee.text === 'super') {
      const cls = enclosingClass(parsed.file, inner);
      return cls && isFamily({ module, info: cls }) ? 'instance' : 'unrelated';
    }
    // `Job().go()`, `Job.go`, `mod.Job().go()`.
    const classExpression = callee ?? inner;
    const named = byClass(this.resolveClass(module, names, classExpression));
    if (named) return named;
    if (inner.type === 'identifier') {
      // `job = Job()` earlier in the same scope, then `job.go()`; or the parameter `job: Job`.
      if (this.assignedInstance(module, names, inner, isFamily)) return 'instance';
      const annotation = annotatedClass(inner);
      const annotated = annotation ? byClass(this.resolveClass(module, names, annotation)) : undefined;
      if (annotated) return annotated;
      if (this.assignedInstance(module, names, inner, isOther)) return 'unrelated';
      if (!isLocalName(inner, inner.text) && bindsByImport(names, pythonName(inner.text))) return this.importedRelation(module, names, inner, isFamily);
    }
    // `self.client = Client()` in the class, then `self.client.subscribe()`.
    if (inner.type === 'attribute') {
      const object = inner.childForFieldName('object');
      const attribute = inner.childForFieldName('attribute');
      const cls = object?.type === 'identifier' && object.text === 'self' ? enclosingClass(parsed.file, object) : undefined;
      if (cls && attribute && this.attributeInstance(module, names, cls, attribute.text, isFamily)) return 'instance';
      if (cls && attribute && this.attributeInstance(module, names, cls, attribute.text, isOther)) return 'unrelated';
      const qualified = names.qualify(inner);
      if (qualified !== undefined && this.byName.has(this.absolute(module, qualified))) return 'unrelated';
    }
    return 'unknown';
  }

  /** Project classes defining a method named `name` (in modules whose text mentions it). */
  classesDefining(written: string): ClassRef[] {
    const name = pythonName(written);
    const found: ClassRef[] = [];
    for (const other of this.mentioning(name)) {
      const file = this.fileOf(other);
      for (const f of file?.functions.all ?? []) {
        if (f.kind !== 'function' || f.parent === undefined || shortName(f) !== name) continue;
        const cls = file?.functions.all.find((c) => c.kind === 'class' && c.name === f.parent && contains(c.node, f.node));
        if (cls) found.push({ module: other, info: cls });
      }
    }
    return found;
  }

  /** The method's definitions in the other classes of its hierarchy: overrides below it, and what it overrides above. */
  private redefinitions(family: Family, name: string): Use[] {
    const [owner, ...below] = family.members;
    const uses: Use[] = [];
    for (const cls of [...below, ...family.ancestors]) {
      const file = this.fileOf(cls.module);
      const method = file?.functions.all.find((f) => f.kind === 'function' && f.parent === cls.info.name && shortName(f) === name && contains(cls.info.node, f.node));
      const node = method?.node.childForFieldName('name');
      if (file && node && cls.info.node.id !== owner?.info.node.id) uses.push({ path: cls.module.path, line: file.lineOf(node), kind: 'redefinition', node });
    }
    return uses;
  }

  /** A class, its project ancestors (whose `self` calls reach an override) and its descendants (which inherit it). */
  private family(owner: ClassRef): Family {
    return { members: [owner, ...this.descendants(owner.module, owner.info)], ancestors: this.ancestors(owner.module, owner.info) };
  }

  /**
   * A name `module` imports: a module or a library's name (`json`, `os.path`)
   * is no instance of a project class; a name another project module binds
   * (`from app import registry`) is one when that module assigns it an
   * instance at top level (`registry = Registry()`), and unknown when it binds
   * it some other way.
   */
  private importedRelation(module: ModuleSource, names: ModuleNames, name: Node, isFamily: (ref: ClassRef | undefined) => boolean): 'instance' | 'unrelated' | 'unknown' {
    const qualified = names.qualify(name);
    if (qualified === undefined) return 'unknown';
    const absolute = this.absolute(module, qualified);
    const dot = absolute.lastIndexOf('.');
    const home = dot < 0 ? undefined : this.byName.get(absolute.slice(0, dot));
    if (this.byName.has(absolute) || !home) return 'unrelated';
    const { file, names: homeNames } = this.parsedOf(home);
    if (!file || !homeNames) return 'unknown';
    const bound = absolute.slice(dot + 1);
    if (file.functions.named(bound).some((f) => f.parent === undefined)) return 'unrelated';
    const values = file.root.namedChildren.flatMap((statement) => {
      const assignment = statement?.type === 'expression_statement' ? statement.firstNamedChild : undefined;
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
      const right = assignment?.childForFieldName('right');
      return left?.type === 'identifier' && pythonName(left.text) === bound && right ? [right] : [];
    });
    const classes = values.map((v) => (v.type === 'call' && v.childForFieldName('function') ? this.resolveClass(home, homeNames, v.childForFieldName('function') as Node) : undefined));
    if (classes.some(isFamily)) return 'instance';
    return classes.length > 0 && classes.every((c) => c !== undefined) ? 'unrelated' : 'unknown';
  }

  private assignedInstance(module: ModuleSource, names: ModuleNames, name: Node, isFamily: (ref: ClassRef | undefined) => boolean): boolean {
    const scope = scopeOf(name);
    return scope.descendantsOfType('assignment').some((a) => {
      const left = a?.childForFieldName('left');
      const right = a?.childForFieldName('right');
      if (!a || left?.type !== 'identifier' || left.text !== name.text || right?.type !== 'call' || scopeOf(a).id !== scope.id) return false;
      const callee = right.childForFieldName('function');
      return callee !== null && isFamily(this.resolveClass(module, names, callee));
    });
  }

  private attributeInstance(module: ModuleSource, names: ModuleNames, cls: FunctionInfo, attribute: string, isFamily: (ref: ClassRef | undefined) => boolean): boolean {
    return cls.node.descendantsOfType('assignment').some((a) => {
      const left = a?.childForFieldName('left');
      const right = a?.childForFieldName('right');
      if (left?.type !== 'attribute' || right?.type !== 'call') return false;
      if (left.childForFieldName('object')?.text !== 'self' || left.childForFieldName('attribute')?.text !== attribute) return false;
      const callee = right.childForFieldName('function');
      return callee !== null && isFamily(this.resolveClass(module, names, callee));
    });
  }

  /** The project class an expression names (`Job`, `mod.Job`, `Job` imported from elsewhere). */
  resolveClass(module: ModuleSource, names: ModuleNames, expression: Node): ClassRef | undefined {
    const found = this.resolveDefinition(module, names, expression);
    return found?.info.kind === 'class' ? found : undefined;
  }

  /** The function of another project module a callee in `module` names through its imports (`take`, `stock.take`). */
  importedFunction(module: ModuleSource, callee: Node): ClassRef | undefined {
    const names = this.parsedOf(module).names;
    const found = names ? this.resolveFunction(module, names, callee) : undefined;
    return found && found.module !== module ? found : undefined;
  }

  private resolveFunction(module: ModuleSource, names: ModuleNames, expression: Node): ClassRef | undefined {
    const found = this.resolveDefinition(module, names, expression);
    return found?.info.kind === 'function' ? found : undefined;
  }

  /** A top-level definition (or `Class.method`) an identifier or attribute chain names. */
  private resolveDefinition(module: ModuleSource, names: ModuleNames, expression: Node, depth = 0): ClassRef | undefined {
    if (depth > 8) return undefined;
    const dotted = dottedText(expressionFile(this, module), expression);
    if (dotted === undefined) return undefined;
    if (expression.type === 'identifier' && isLocalName(expression, dotted)) return undefined;
    const head = dotted.split('.')[0] ?? dotted;
    const file = this.fileOf(module);
    // Defined in this module (and not re-bound by an import).
    if (file && !bindsByImport(names, head)) {
      const local = file.functions.all.find((f) => pythonName(f.name) === dotted && (f.parent === undefined || file.functions.all.some((c) => c.kind === 'class' && c.name === f.parent)));
      return local ? { module, info: local } : undefined;
    }
    return this.resolveQualified(this.absolute(module, names.qualify(expression) ?? dotted), depth);
  }

  /** `pkg.mod.Name` or `pkg.mod.Class.method` to its definition, following re-exports. */
  private resolveQualified(qualified: string, depth: number): ClassRef | undefined {
    // `from . import sub` in package `pkg` re-exports `pkg.sub` as itself: a cycle like any other.
    if (depth > 8) return undefined;
    const parts = qualified.split('.');
    for (let cut = parts.length - 1; cut > 0; cut--) {
      const module = this.byName.get(parts.slice(0, cut).join('.'));
      if (!module) continue;
      const rest = parts.slice(cut).join('.');
      const parsed = this.parsedOf(module);
      if (!parsed.file || !parsed.names) return undefined;
      const head = parts[cut] ?? '';
      if (bindsByImport(parsed.names, head)) {
        // Re-exported: `from .impl import Job` in the package's __init__.
        const binding = parsed.names.all.find((b) => b.local === head);
        return binding ? this.resolveQualified([this.absolute(module, binding.qualified), ...parts.slice(cut + 1)].join('.'), depth + 1) : undefined;
      }
      const info = parsed.file.functions.all.find((f) => pythonName(f.name) === rest);
      return info ? { module, info } : undefined;
    }
    return undefined;
  }

  /**
   * `getattr(obj, 'name')` / `hasattr(obj, 'name')` that may name the function
   * (its name, a prefix of it such as `"on_" + kind`, or a name the code does
   * not show): for a method the model cannot tell the object, so any counts
   * (a name it does not show, only on `self`); for a module-level function
   * (`home` given), only on its module.
   */
  private getattrUses(module: ModuleSource, parsed: Parsed, short: string, home: ModuleSource | undefined): Use[] {
    const { file, names } = parsed;
    if (!file || !names) return [];
    parsed.attributeLookups ??= [...identifiersIn(parsed, this.wordsOf(module), 'getattr'), ...identifiersIn(parsed, this.wordsOf(module), 'hasattr')]
      .map((callee) => callee.parent)
      .filter((call): call is Node => call?.type === 'call');
    const uses: Use[] = [];
    for (const call of parsed.attributeLookups) {
      const [object, name] = call.childForFieldName('arguments')?.namedChildren ?? [];
      const naming = name ? lookupNaming(name, short) : undefined;
      if (!name || !naming) continue;
      if (home && (!object || this.absolute(module, names.qualify(object) ?? '') !== home.name)) continue;
      // A name the code does not show may be any method of `self`'s class; on another object, the model cannot tell which class it is.
      if (naming === 'dynamic' && !home && !(object?.type === 'identifier' && (object.text === 'self' || object.text === 'cls'))) continue;
      uses.push({ path: module.path, line: file.lineOf(name), kind: 'getattr', node: name });
    }
    return uses;
  }
}

/** Receivers that are values of built-in types, never a project class's instance. */
const LITERALS: ReadonlySet<string> = new Set(['string', 'concatenated_string', 'integer', 'float', 'list', 'dictionary', 'set', 'tuple', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension', 'true', 'false', 'none']);

function expressionFile(model: ProjectModel, module: ModuleSource): SourceFile {
  const file = model.fileOf(module);
  if (!file) throw new Error(`${module.path} has no parse`);
  return file;
}


function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** Identifier nodes spelled `name`, kept per parse. */
function identifiersIn(parsed: Parsed, words: WordFinder, name: string): readonly Node[] {
  parsed.identifiers ??= new Map();
  let found = parsed.identifiers.get(name);
  if (!found) {
    found = parsed.file ? identifiersNamed(parsed.file.root, words, name) : [];
    parsed.identifiers.set(name, found);
  }
  return found;
}

function bindsByImport(names: ModuleNames, local: string): boolean {
  return names.all.some((b) => b.local === local);
}

function isImportItem(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'import_statement' || p.type === 'import_from_statement') return true;
    if (p.type !== 'dotted_name' && p.type !== 'aliased_import') return false;
  }
  return false;
}

function importStatementOf(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'import_from_statement') return p;
  return undefined;
}

/** What a reference does with the function: calls it, decorates with it, or uses it as a value. */
function useKind(reference: Node): UseKind {
  let outer = reference;
  while (outer.parent?.type === 'parenthesized_expression') outer = outer.parent;
  const parent = outer.parent;
  if (parent?.type === 'call' && parent.childForFieldName('function')?.id === outer.id) return 'call';
  if (parent?.type === 'decorator') return 'decorator';
  return 'value';
}

function baseExpressions(cls: Node): Node[] {
  const list = cls.childForFieldName('superclasses');
  return (list?.namedChildren ?? []).filter((n): n is Node => n !== null && n.type !== 'keyword_argument' && n.type !== 'comment');
}

function enclosingClass(file: SourceFile | undefined, node: Node): FunctionInfo | undefined {
  if (!file) return undefined;
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'class_definition') return file.functions.of(p);
  }
  return undefined;
}

/** The function (or module) whose names `node` is written among. */
function scopeOf(node: Node): Node {
  let last = node;
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'module') return p;
    last = p;
  }
  return last;
}
