// Which names and attributes a function shares with other coroutines: module
// globals (rebound through `global` or mutated in place), attributes of
// `self`/`cls` and of module-level objects, and closure variables. Locals never
// are. Resolution follows Python's scoping rules on the function index.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { boundNames, forEachOwnNode, mentioning, opensScope, ownDescendants } from '../python/scopes';
import type { ModuleContext } from './workspace';

/** One piece of shared state as accessed at one place. */
export interface SharedRef {
  /**
   * Identity across functions: `g:CACHE`, `g:config.limit` (module level),
   * `a:Account.balance` (instance attribute), `k:Account.count` (class
   * attribute), `c:main:total` (variable of `main` shared with its closures).
   * Analysed with a workspace, keys carry their defining module: `state/g:CACHE`.
   */
  readonly key: string;
  /** As written at this place: `self.balance`, `CACHE`, `total`. */
  readonly display: string;
  /** The name, or the `root.attr` attribute, the access is drawn on. */
  readonly node: Node;
}

interface Bindings {
  readonly bound: Set<string>;
  readonly globals: Set<string>;
  readonly nonlocals: Set<string>;
}

interface Receiver {
  readonly name: string;
  readonly kind: 'self' | 'cls';
  readonly className: string;
}

type Root =
  | { readonly kind: 'global'; readonly name: string }
  | { readonly kind: 'closure'; readonly owner: FunctionInfo; readonly name: string }
  | { readonly kind: 'self' | 'cls'; readonly className: string };

export class SharedState {
  private readonly moduleBindings: Bindings;
  private readonly classNames = new Set<string>();
  private readonly bindings = new Map<FunctionInfo, Bindings>();
  private readonly captured = new Map<FunctionInfo, Set<string>>();
  private readonly parents = new Map<FunctionInfo, FunctionInfo | undefined>();
  private readonly receivers = new Map<FunctionInfo, Receiver | undefined>();

  constructor(
    private readonly file: SourceFile,
    private readonly context?: ModuleContext,
    /** Module-level bindings remembered from earlier parses, for an analysis that sees many versions of a module. */
    moduleBindingsCache?: ModuleBindingsCache,
  ) {
    this.moduleBindings = moduleBindingsCache ? moduleBindingsCache.of(file) : moduleBindingsOf(file);
    for (const f of file.functions.all) if (f.kind === 'class' && f.parent === undefined) this.classNames.add(f.name);
  }

  /** Names bound at module level, or declared `global` anywhere: what a free name in a function may refer to. */
  get moduleNames(): ReadonlySet<string> {
    return this.moduleBindings.bound;
  }

  /** The module's top-level classes: `C.x` is class state. */
  get classes(): ReadonlySet<string> {
    return this.classNames;
  }

  /** The enclosing function or class of a definition. */
  parentOf(fn: FunctionInfo): FunctionInfo | undefined {
    if (!this.parents.has(fn)) {
      const parent = this.file.functions
        .named(fn.parent ?? '')
        .find((p) => p.node.startIndex <= fn.node.startIndex && fn.node.endIndex <= p.node.endIndex);
      this.parents.set(fn, parent);
    }
    return this.parents.get(fn);
  }

  /** The class a method belongs to and the name and role of its first parameter. */
  receiverOf(fn: FunctionInfo): Receiver | undefined {
    if (!this.receivers.has(fn)) this.receivers.set(fn, this.findReceiver(fn));
    return this.receivers.get(fn);
  }

  private findReceiver(fn: FunctionInfo): Receiver | undefined {
    const parent = this.parentOf(fn);
    if (parent?.kind !== 'class' || fn.decorators.includes('staticmethod')) return undefined;
    const first = fn.node.childForFieldName('parameters')?.namedChildren[0];
    const nameNode = first?.type === 'identifier' ? first : first?.namedChildren[0];
    if (nameNode?.type !== 'identifier') return undefined;
    const kind = fn.decorators.includes('classmethod') ? 'cls' : 'self';
    return { name: this.file.textOf(nameNode), kind, className: parent.name };
  }

  /** The shared state an identifier or attribute chain refers to, if any. */
  refOf(fn: FunctionInfo, node: Node): SharedRef | undefined {
    if (!this.context) return this.refInModule(fn, node);
    const imported = this.importedRef(fn, node, this.context);
    if (imported) return imported;
    const ref = this.refInModule(fn, node);
    return ref && { ...ref, key: `${this.context.module}/${ref.key}` };
  }

  /** State another workspace module defines, reached through a module-level import. */
  private importedRef(fn: FunctionInfo, node: Node, context: ModuleContext): SharedRef | undefined {
    // The chain from the base outward: `state`, `state.config`, `state.config.limit`.
    const chain: Node[] = [];
    let base: Node | null = node;
    while (base?.type === 'attribute') {
      chain.unshift(base);
      base = base.childForFieldName('object');
    }
    if (base?.type !== 'identifier') return undefined;
    const baseName = this.file.textOf(base);
    const imported = context.imports.get(baseName);
    if (!imported || typeof this.resolve(fn, baseName) === 'string') return undefined;
    const attrOf = (n: Node | undefined) => {
      const attr = n?.childForFieldName('attribute');
      return attr ? this.file.textOf(attr) : undefined;
    };
    let module = imported.module;
    let i = 0;
    if (imported.kind === 'module') {
      for (let next = attrOf(chain[i]); next !== undefined && context.modules.has(`${module}.${next}`); next = attrOf(chain[++i])) {
        module = `${module}.${next}`;
      }
    }
    const name = imported.kind === 'name' ? imported.name : attrOf(chain[i++]);
    const defining = context.modules.get(module);
    if (name === undefined || !defining) return undefined;
    const attr = attrOf(chain[i]);
    const at = (attr === undefined ? (imported.kind === 'name' ? base : chain[i - 1]) : chain[i]) ?? base;
    const isClass = defining.file.functions.all.some((f) => f.kind === 'class' && f.parent === undefined && f.name === name);
    const key = `${module}/${isClass && attr !== undefined ? 'k' : 'g'}:${name}${attr === undefined ? '' : `.${attr}`}`;
    return { key, display: this.file.textOf(at), node: at };
  }

  private refInModule(fn: FunctionInfo, node: Node): SharedRef | undefined {
    if (node.type === 'identifier') {
      const root = this.resolve(fn, this.file.textOf(node));
      if (typeof root === 'string') return undefined;
      if (root.kind === 'global') return { key: `g:${root.name}`, display: root.name, node };
      if (root.kind === 'closure') return { key: `c:${root.owner.name}:${root.name}`, display: root.name, node };
      return undefined; // `self` alone is not state
    }
    if (node.type !== 'attribute') return undefined;
    // Walk down to `base.first`: the state is the base and its first attribute.
    let head = node;
    for (let object = head.childForFieldName('object'); object?.type === 'attribute'; object = head.childForFieldName('object')) {
      head = object;
    }
    const base = head.childForFieldName('object');
    const attr = head.childForFieldName('attribute');
    if (base?.type !== 'identifier' || !attr) return undefined;
    const baseName = this.file.textOf(base);
    const root = this.resolve(fn, baseName);
    if (typeof root === 'string') return undefined;
    const attrName = this.file.textOf(attr);
    const display = `${baseName}.${attrName}`;
    switch (root.kind) {
      case 'self':
        return { key: `a:${root.className}.${attrName}`, display, node: head };
      case 'cls':
        return { key: `k:${root.className}.${attrName}`, display, node: head };
      case 'global':
        return { key: `${this.classNames.has(root.name) ? 'k' : 'g'}:${root.name}.${attrName}`, display, node: head };
      case 'closure':
        return { key: `c:${root.owner.name}:${root.name}.${attrName}`, display, node: head };
    }
  }

  private resolve(fn: FunctionInfo, name: string): Root | 'local' | 'builtin' {
    const own = this.bindingsOf(fn);
    const receiver = this.receiverOf(fn);
    if (receiver?.name === name && !own.globals.has(name)) return { kind: receiver.kind, className: receiver.className };
    if (own.globals.has(name)) return { kind: 'global', name };
    if (!own.nonlocals.has(name) && own.bound.has(name)) {
      return this.capturedBy(fn).has(name) ? { kind: 'closure', owner: fn, name } : 'local';
    }
    for (let outer = this.parentOf(fn); outer; outer = this.parentOf(outer)) {
      if (outer.kind === 'class') continue; // class bodies are not enclosing scopes
      const b = this.bindingsOf(outer);
      if (b.globals.has(name)) return { kind: 'global', name };
      if (b.nonlocals.has(name) || !b.bound.has(name)) continue;
      const outerReceiver = this.receiverOf(outer);
      if (outerReceiver?.name === name) return { kind: outerReceiver.kind, className: outerReceiver.className };
      return { kind: 'closure', owner: outer, name };
    }
    return this.moduleBindings.bound.has(name) ? { kind: 'global', name } : 'builtin';
  }

  private bindingsOf(fn: FunctionInfo): Bindings {
    let b = this.bindings.get(fn);
    if (!b) {
      b = collectBindings(fn.node.childForFieldName('body') ?? fn.node, fn.node.childForFieldName('parameters') ?? undefined);
      this.bindings.set(fn, b);
    }
    return b;
  }

  /** Names bound in `fn` that a nested function reads or rebinds: shared between them. */
  private capturedBy(fn: FunctionInfo): Set<string> {
    let names = this.captured.get(fn);
    if (names) return names;
    names = new Set();
    this.captured.set(fn, names);
    const own = this.bindingsOf(fn);
    for (const inner of this.file.functions.all) {
      if (inner === fn || inner.kind !== 'function' || !inner.parent?.startsWith(fn.name) || !contains(fn.node, inner.node)) continue;
      const innerBindings = this.bindingsOf(inner);
      forEachOwnNode(inner.node.childForFieldName('body') ?? inner.node, (node) => {
        if (node.type !== 'identifier' || !isNameUse(node)) return;
        const name = this.file.textOf(node);
        const free = innerBindings.nonlocals.has(name) || !innerBindings.bound.has(name);
        if (free && own.bound.has(name) && !own.globals.has(name)) names.add(name);
      });
    }
    return names;
  }
}

/** The module's own bindings, and every name declared global anywhere: module state even if only a function binds it. */
function moduleBindingsOf(file: SourceFile, topLevel: Bindings = collectBindings(file.root, undefined)): Bindings {
  const bound = new Set(topLevel.bound);
  const { definitions, outside } = mentioning(file, /\bglobal\b/g);
  const statements = (outside ? [file.root] : definitions.map((d) => d.node)).flatMap((n) => n.descendantsOfType('global_statement'));
  for (const statement of statements) {
    for (const name of statement?.namedChildren ?? []) if (name) bound.add(name.text);
  }
  return { ...topLevel, bound };
}

/** The bindings of module-level code kept by that code's text (definitions by their kind and name), for an analysis that sees many versions of a module. */
export class ModuleBindingsCache {
  private readonly byKey = new Map<string, Bindings>();
  private readonly byStatement = new Map<string, Bindings>();

  constructor(private readonly capacity = 64) {}

  of(file: SourceFile): Bindings {
    // The text with each outermost definition's `def`/`class` … body replaced by its kind and name, from the index: no walk of the tree.
    const parts: string[] = [];
    let at = 0;
    for (const f of file.functions.all) {
      if (f.node.startIndex < at) continue; // nested in one already replaced
      parts.push(file.text.slice(at, f.node.startIndex), `${f.kind} ${f.name}`);
      at = f.node.endIndex;
    }
    parts.push(file.text.slice(at));
    const key = JSON.stringify(parts);
    let topLevel = this.byKey.get(key);
    if (topLevel) this.byKey.delete(key);
    else topLevel = this.walkStatements(file);
    this.byKey.set(key, topLevel);
    if (this.byKey.size > this.capacity) this.byKey.delete(this.byKey.keys().next().value as string);
    return moduleBindingsOf(file, topLevel);
  }

  /** The module's walk, one top-level statement at a time, each statement's bindings kept by its text. */
  private walkStatements(file: SourceFile): Bindings {
    const union: Bindings = { bound: new Set(), globals: new Set(), nonlocals: new Set() };
    for (const statement of file.root.namedChildren) {
      if (!statement) continue;
      const key = `${statement.type}\0${file.textOf(statement)}`;
      let found = this.byStatement.get(key);
      if (found) this.byStatement.delete(key);
      else found = statementBindings(statement);
      this.byStatement.set(key, found);
      if (this.byStatement.size > STATEMENTS_KEPT) this.byStatement.delete(this.byStatement.keys().next().value as string);
      for (const [into, from] of [[union.bound, found.bound], [union.globals, found.globals], [union.nonlocals, found.nonlocals]] as const) for (const name of from) into.add(name);
    }
    return union;
  }
}

/** Top-level statements whose bindings are kept: a few large modules' worth. */
const STATEMENTS_KEPT = 20_000;

function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** An identifier that names a variable (not an attribute or keyword-argument name). */
function isNameUse(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'attribute') return parent.childForFieldName('attribute')?.id !== node.id;
  if (parent?.type === 'keyword_argument') return parent.childForFieldName('name')?.id !== node.id;
  return true;
}

const BINDING_NODES = [
  'assignment', 'augmented_assignment', 'for_statement', 'for_in_clause', 'as_pattern_target', 'delete_statement',
  'named_expression', 'import_statement', 'import_from_statement', 'global_statement', 'nonlocal_statement',
  'function_definition', 'class_definition',
];

/** Names a scope binds, declares `global` or declares `nonlocal`. */
function collectBindings(body: Node, parameters: Node | undefined): Bindings {
  const { bindings, bind, visit } = bindingCollector();
  for (const p of parameters?.namedChildren ?? []) {
    if (!p) continue;
    bind(p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier')));
  }
  // Module level: walk the top-level code (function bodies are skipped, and
  // most of a module is function bodies). A function: find its binding nodes natively.
  if (body.type === 'module') {
    for (const statement of body.namedChildren) if (statement) walkModuleStatement(statement, visit);
  } else for (const node of ownDescendants(body, BINDING_NODES)) visit(node);
  return bindings;
}

/** What one top-level statement binds, as the module's walk finds it. */
function statementBindings(statement: Node): Bindings {
  const { bindings, visit } = bindingCollector();
  walkModuleStatement(statement, visit);
  return bindings;
}

/** Sets of names and the visit that fills them from a binding node. */
function bindingCollector(): { readonly bindings: Bindings; readonly bind: (target: Node | null | undefined) => void; readonly visit: (node: Node) => void } {
  const bound = new Set<string>();
  const globals = new Set<string>();
  const nonlocals = new Set<string>();
  const bind = (target: Node | null | undefined): void => {
    if (target) for (const n of boundNames(target)) bound.add(n.text);
  };
  const visit = (node: Node): void => {
    switch (node.type) {
      case 'assignment':
      case 'augmented_assignment':
      case 'for_statement':
      case 'for_in_clause':
        bind(node.childForFieldName('left'));
        break;
      case 'as_pattern_target':
      case 'delete_statement':
        for (const c of node.namedChildren) bind(c);
        break;
      case 'named_expression':
        bind(node.childForFieldName('name'));
        break;
      case 'import_statement':
      case 'import_from_statement':
        for (const name of node.childrenForFieldName('name')) {
          const alias = name?.type === 'aliased_import' ? name.childForFieldName('alias') : name?.namedChildren[0];
          bind(alias);
        }
        break;
      case 'global_statement':
        for (const c of node.namedChildren) if (c) globals.add(c.text);
        break;
      case 'nonlocal_statement':
        for (const c of node.namedChildren) if (c) nonlocals.add(c.text);
        break;
      case 'function_definition':
      case 'class_definition':
        bind(node.childForFieldName('name'));
        break;
    }
  };
  return { bindings: { bound, globals, nonlocals }, bind, visit };
}

/** Visits what one top-level statement binds: a definition's name, or the statement's own code and the names of the definitions in it. */
function walkModuleStatement(statement: Node, visit: (node: Node) => void): void {
  if (opensScope(statement)) {
    visit(statement);
    return;
  }
  forEachOwnNode(statement, (node) => {
    visit(node);
    // The walk does not enter definitions, but their names are bound here.
    for (const child of node.namedChildren) {
      const definition = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
      if (definition && opensScope(definition)) visit(definition);
    }
  });
}
