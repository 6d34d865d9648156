// What every concept rule reads about one definition, computed once per file.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { parametersPassed, type Parameter } from '../python/parameters';
import type { ConceptId, ConceptLabel } from './concept';
import { functionScope, type OwnScope } from '../python/scopes';

export interface ModuleFacts {
  /** The own scope of a `function_definition` (the file is scanned once for all of them). */
  scopeOf(def: Node): OwnScope;
}

export interface FunctionContext {
  readonly file: SourceFile;
  readonly info: FunctionInfo;
  /** The function's own scope (nested functions, classes and lambdas excluded). */
  readonly scope: OwnScope;
  /** Parameters a caller passes (`self`/`cls` left out). */
  readonly params: readonly Parameter[];
  /** The functions this one is nested in, innermost first (classes in between skipped). */
  readonly enclosing: readonly FunctionInfo[];
  readonly module: ModuleFacts;
}

export interface ClassContext {
  readonly file: SourceFile;
  readonly info: FunctionInfo;
  /** Methods defined directly in the class body, by name. */
  readonly methods: ReadonlyMap<string, FunctionInfo>;
  /** Labels already given to those methods. */
  readonly methodLabels: ReadonlyMap<string, readonly ConceptLabel[]>;
}

/** `outer` is the definitions enclosing `info`, innermost first (from the function index's parent names). */
export function functionContext(file: SourceFile, info: FunctionInfo, outer: readonly FunctionInfo[], module: ModuleFacts): FunctionContext {
  return {
    file,
    info,
    scope: module.scopeOf(info.node),
    params: parametersPassed(info),
    enclosing: outer.filter((f) => f.kind === 'function'),
    module,
  };
}

export function moduleFacts(file: SourceFile): ModuleFacts {
  return { scopeOf: (def: Node): OwnScope => functionScope(file, def) };
}

/** A label whose evidence is the lines of `nodes` (and any extra line numbers). */
export function label(file: SourceFile, id: ConceptId, nodes: readonly Node[], extra: readonly number[] = []): ConceptLabel {
  const lines = new Set(extra);
  for (const n of nodes) lines.add(file.lineOf(n));
  return { id, evidence: [...lines].sort((a, b) => a - b) };
}
