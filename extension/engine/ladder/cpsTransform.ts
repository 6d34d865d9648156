// The heart of the direct → CPS rung: rewrites one function's body so that the
// rest of the block after each CPS call becomes that call's continuation.
// Which expressions are "CPS calls" is up to the caller (calls of converted
// functions in direct code; `yield` in the inline-callbacks form), so the same
// transform serves both rungs that arrive at CPS.
import type { Node } from '../syntax/node';
import { shortName, type FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import type { FreshNames } from './freshNames';
import { assignment, blankLineBefore, block, copied, defBlock, line, relativeTo, render, spacedApart, type Block, type Line, type Out } from './pyOut';
import { alwaysExits, assignedNames, bindings, bindingsIn, bodyStatements, children, contains, field, globalNames, hasOnlyPlainParameters, identifiers, indentUnitOf, isComprehension, isScope, isSeparateType, lineIndentOf, ownOfType, parameterNames, present, statementsOf, targetNames } from './pySyntax';
import { refuse } from './refusal';
import { addScopeDeclarations, declareScopes } from './nonlocals';
import { ERROR_GUARD_NAME } from './errorGuardSource';
import { moduleNamesOf } from '../python/imports';
import { callableSpelling, generatorResultType } from '../python/annotations';

export interface CpsSite {
  /** The expression whose value the continuation receives (a call, or a `yield`). */
  readonly node: Node;
  /** A short word for names: the callee's name. */
  readonly label: string;
  /** The CPS call passing `k` as continuation; `text` renders a sub-node with inner results substituted. */
  render(k: string, text: (n: Node) => string): string;
  /** The call passing `k` and the error continuation `onError`, when the callee takes one. */
  readonly renderCatching?: (k: string, onError: string, text: (n: Node) => string) => string;
  /** Why the callee cannot take an error continuation (when `renderCatching` is missing). */
  readonly noErrorPath?: string;
  /** The converted function called, when the site is a call of one. */
  readonly callee?: FunctionInfo;
}

export interface CpsFunctionSpec {
  readonly file: SourceFile;
  readonly fn: FunctionInfo;
  readonly siteAt: (node: Node) => CpsSite | undefined;
  readonly cont: string;
  readonly trampoline: boolean;
  readonly names: FreshNames;
  /** Decorator lines to drop (e.g. the runner's), by decorator node. */
  readonly dropDecorators?: readonly Node[];
  /**
   * The error continuation's name when the function gets one (it is called
   * inside a caller's `try`): what its own code raises goes there, while what
   * its continuations raise does not.
   */
  readonly errorContinuation?: string;
  /** The continuations are keyword-only parameters (the function has defaults, `*args` or `**kwargs`). */
  readonly keywordOnly?: boolean;
  /** The function is in the inline-callbacks form, so a return type says its result as `Generator[Y, S, T]`. */
  readonly fromGenerator?: boolean;
}

interface LoopTargets {
  readonly node: Node;
  readonly continueCall: string;
  readonly breakCall: string | undefined;
}

interface Ctx {
  /** Names bound where the code being written runs (parameters, earlier assignments, continuation parameters). */
  readonly bound: ReadonlySet<string>;
  readonly loop: LoopTargets | undefined;
}

export interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The replacements inside `[start, end)` that no other one inside it contains. */
export function outermost(replacements: readonly Replacement[], start: number, end: number): Replacement[] {
  const inside = replacements.filter((r) => start <= r.start && r.end <= end);
  return inside.filter((r) => !inside.some((o) => o !== r && o.start <= r.start && r.end <= o.end && (o.start !== r.start || o.end !== r.end)));
}

/** The file's text of `[start, end)` with the outermost replacements inside it applied. */
export function spliced(file: SourceFile, start: number, end: number, replacements: readonly Replacement[]): string {
  let text = '';
  let at = start;
  for (const r of outermost(replacements, start, end).sort((a, b) => a.start - b.start)) {
    text += file.text.slice(at, r.start) + r.text;
    at = r.end;
  }
  return text + file.text.slice(at, end);
}

/** The node types a CPS site can be: a call, or a `yield` of the inline-callbacks form. */
export const SITE_TYPES: ReadonlySet<string> = new Set(['call', 'yield']);
const CALLS: ReadonlySet<string> = new Set(['call']);

/**
 * The nodes of `types` inside `node` (outside nested scopes and comprehensions)
 * for which `isSite` holds, in evaluation order (inner before outer). A cursor
 * reads the types, so only nodes of those types become objects.
 */
export function sitesIn(node: Node, types: ReadonlySet<string>, isSite: (n: Node) => boolean): Node[] {
  const found: Node[] = [];
  if (isSeparateType(node.type)) return found;
  const cursor = node.walk();
  const own = (): boolean => cursor.nodeIsNamed && !isSeparateType(cursor.nodeType);
  // `entered`: the cursor's node is one of the walked ones (the start, or an own child).
  let entered = true;
  for (;;) {
    if (entered && cursor.gotoFirstChild()) {
      entered = own();
      continue;
    }
    // The cursor's node is done: it comes after everything inside it.
    for (;;) {
      if (entered && types.has(cursor.nodeType)) {
        const n = cursor.currentNode;
        if (isSite(n)) found.push(n);
      }
      if (cursor.gotoNextSibling()) {
        entered = own();
        break;
      }
      // The cursor starts at `node`: back there, the walk is over.
      if (!cursor.gotoParent()) return found;
      entered = true;
    }
  }
}

/** What `cpsSitesIn` found, by the `siteAt` of one conversion and the node asked about. */
const sitesBySiteAt = new WeakMap<(n: Node) => CpsSite | undefined, Map<Node, readonly Node[]>>();

/**
 * The sites `siteAt` finds in `node`, as `sitesIn` lists them. A conversion
 * asks this of each function's body several times (whether it makes CPS
 * calls, how deep its CPS form can nest), so the walk is made once per
 * `siteAt`, which answers the same for the same node throughout a conversion.
 */
export function cpsSitesIn(node: Node, siteAt: (n: Node) => CpsSite | undefined): readonly Node[] {
  let known = sitesBySiteAt.get(siteAt);
  if (!known) sitesBySiteAt.set(siteAt, (known = new Map<Node, readonly Node[]>()));
  let sites = known.get(node);
  if (!sites) known.set(node, (sites = sitesIn(node, SITE_TYPES, (n) => siteAt(n) !== undefined)));
  return sites;
}

/**
 * Lifting moves CPS calls before the rest of their statement. Refuses when
 * that would change what runs: a CPS call under `and`/`or`/`if-else` (it might
 * not run), or another call that used to run before it.
 */
export function checkEvaluationOrder(file: SourceFile, head: Node, sites: readonly Node[]): void {
  for (const site of sites) {
    for (let n = site.parent; n && n.id !== head.id; n = n.parent) {
      if (n.type === 'boolean_operator' || n.type === 'conditional_expression') {
        refuse('evaluation-order', site, `line ${String(file.lineOf(site))}: \`${file.textOf(site)}\` runs only on some evaluations of \`${file.textOf(n)}\`; write it as an \`if\` statement first`);
      }
    }
  }
  const lastSite = sites.at(-1);
  if (!lastSite) return;
  const calls = sitesIn(head, CALLS, () => true);
  const lastIndex = calls.findIndex((c) => c.id === lastSite.id);
  calls.forEach((call, i) => {
    if (i < lastIndex && !sites.some((s) => contains(s, call) || contains(call, s))) {
      refuse('evaluation-order', call, `line ${String(file.lineOf(call))}: \`${file.textOf(call)}\` runs before \`${file.textOf(lastSite)}\` in the same statement and would run after it in CPS; assign it to a variable first`);
    }
  });
}

/**
 * The converted functions that get an error continuation: those called as a
 * CPS call in the body of a \`try\` in a converted function, so the caller's
 * handlers see what they raise and nothing else. A function that calls CPS
 * functions itself qualifies only \`throughCallees\` (every continuation of
 * the calls it makes runs before that call returns, as in code converted from
 * direct style), and then hands its error continuation on to every function
 * it calls.
 */
export function calledInTry(converted: readonly FunctionInfo[], siteAt: (n: Node) => CpsSite | undefined, throughCallees: (fn: FunctionInfo) => boolean = () => false): Set<FunctionInfo> {
  const isSite = (n: Node): boolean => siteAt(n) !== undefined;
  const sitesOf = (node: Node | null): Node[] => (node ? sitesIn(node, SITE_TYPES, isSite) : []);
  const callees = (sites: readonly Node[]): FunctionInfo[] => {
    const names = new Set(sites.map((n) => siteAt(n)?.label));
    return converted.filter((fn) => names.has(shortName(fn)));
  };
  const qualifies = (fn: FunctionInfo): boolean => sitesOf(fn.node.childForFieldName('body')).length === 0 || throughCallees(fn);
  const found = new Set<FunctionInfo>();
  const pending: FunctionInfo[] = [];
  // Only a function whose text spells `try` is searched for its try statements.
  for (const fn of converted.filter((f) => f.node.text.includes('try'))) {
    for (const attempt of fn.node.descendantsOfType('try_statement')) {
      for (const callee of callees(sitesOf(attempt?.childForFieldName('body') ?? null))) {
        if (qualifies(callee) && !found.has(callee)) pending.push(callee);
        found.add(callee);
      }
    }
  }
  for (let fn = pending.pop(); fn; fn = pending.pop()) {
    for (const callee of callees(sitesOf(fn.node.childForFieldName('body')))) {
      if (!found.has(callee)) pending.push(callee);
      found.add(callee);
    }
  }
  return new Set([...found].filter(qualifies));
}

/** Does \`fn\`'s body make a CPS call (it is no leaf)? */
export function makesCpsCalls(fn: FunctionInfo, siteAt: (n: Node) => CpsSite | undefined): boolean {
  const body = fn.node.childForFieldName('body');
  return body !== null && cpsSitesIn(body, siteAt).length > 0;
}

/** The function's new definition text (decorators included), for the range \`(decorated ?? node)\`. */
export function cpsFunctionText(spec: CpsFunctionSpec): string {
  return new CpsWriter(spec).write();
}

class CpsWriter {
  private readonly file: SourceFile;
  private readonly unit: string;
  private readonly overrides = new Map<number, Replacement>();
  private readonly generated = new Set<string>();
  /** Some name is bound more than once in the function (parameters included), so a continuation may rebind one bound around it. */
  private readonly rebinds: boolean;
  private makesCpsCalls: boolean | undefined;
  private readonly globals: Set<string>;
  private readonly body: Node;

  constructor(private readonly spec: CpsFunctionSpec) {
    this.file = spec.file;
    this.unit = indentUnitOf(spec.file, spec.fn.node);
    const body = spec.fn.node.childForFieldName('body');
    if (!body) refuse('unsupported-syntax', spec.fn.node, 'the function has no body');
    this.body = body;
    this.globals = globalNames(body);
    const bound = [...parameterNames(spec.fn.node), ...bindings(body)];
    this.rebinds = new Set(bound).size < bound.length;
  }

  write(): string {
    const { fn, file } = this.spec;
    this.refuseSitesInNestedScopes();
    const params = fn.node.childForFieldName('parameters');
    if (!params) refuse('unsupported-syntax', fn.node, 'the function has no parameter list');
    if (!this.spec.keywordOnly && !hasOnlyPlainParameters(fn.node)) {
      refuse('parameter-shape', params, `its parameters have defaults, \`*\` or \`**\`, so no continuation parameter can follow them; make them plain parameters first`);
    }
    const taken = identifiers(fn.node);
    for (const name of [this.spec.cont, this.spec.errorContinuation ?? this.spec.cont]) {
      if (taken.has(name)) refuse('name-clash', fn.node, `it already uses the name \`${name}\`; choose another continuation name (or rename it)`);
    }
    const outer = fn.decorated ?? fn.node;
    const indent = lineIndentOf(file, outer);
    const eol = file.lines.eol;
    // Header: decorators (minus dropped ones), `def name(params, cont):`, anything up to the first statement.
    let header = file.text.slice(outer.startIndex, params.startIndex);
    for (const d of [...(this.spec.dropDecorators ?? [])].sort((a, b) => b.startIndex - a.startIndex)) {
      const from = d.startIndex - outer.startIndex;
      const lineEnd = file.lines.lineStart(file.positionAt(d.endIndex).line + 1) - outer.startIndex;
      header = header.slice(0, from) + header.slice(lineEnd).replace(/^[ \t]*/, '');
    }
    header += this.typedHeader(params);
    const bound = new Set([...parameterNames(fn.node), this.spec.cont]);
    const written = this.needsDirectCore() ? this.directCore(bound) : this.block(statementsOf(this.body), `${this.spec.cont}(None)`, { bound, loop: undefined });
    const undeclared = this.threadsErrors() ? this.guardedBody(written) : written;
    // Each statement lands in one scope of the split function, so a name bound once (and not global) is never
    // assigned in a continuation while bound around it: there is nothing to declare.
    const declares = this.rebinds || this.globals.size > 0;
    // A name bound inside an expression (`:=`) may move into a lambda the refactor writes: only a parse of the text tells.
    const bindsInExpressions = this.file.textOf(this.body).includes(':=');
    const out = declares && !bindsInExpressions ? declareScopes(undeclared, [...parameterNames(fn.node), this.spec.cont, ...(this.spec.errorContinuation !== undefined ? [this.spec.errorContinuation] : [])], this.generated, this.globals) : undeclared;
    let bodyIndent = lineIndentOf(file, this.body);
    // A body written on the `def` line (`def write(self, msg): pass`) moves to lines of its own: what the conversion adds after it must stay inside the function.
    if (file.positionAt(this.body.startIndex).line === file.positionAt(params.endIndex).line) {
      bodyIndent = indent + this.unit;
      header = header.trimEnd() + eol + bodyIndent;
    }
    const bodyText = render(file, out, bodyIndent, this.unit, eol).slice(bodyIndent.length);
    return declares && bindsInExpressions ? addScopeDeclarations(file, header + bodyText, indent, this.generated, this.globals, eol) : header + bodyText;
  }

  /** The function has an error continuation and calls CPS functions: it hands that continuation on to them. */
  private threadsErrors(): boolean {
    return this.spec.errorContinuation !== undefined && this.bodyMakesCpsCalls();
  }

  /** Does the body make a CPS call? Read once: every call site asks (through `threadsErrors`). */
  private bodyMakesCpsCalls(): boolean {
    this.makesCpsCalls ??= cpsSitesIn(this.body, this.spec.siteAt).length > 0;
    return this.makesCpsCalls;
  }

  /**
   * The CPS body of a function that threads an error continuation, as a local
   * function the inserted guard runs: what the function's own code raises
   * (in its continuations too) goes to the error continuation, what the
   * continuations it was given raise does not.
   */
  private guardedBody(body: readonly Out[]): Out[] {
    const { fn, cont } = this.spec;
    const onError = present(this.spec.errorContinuation, 'errorContinuation');
    if (/\bsuper\(\s*\)/.test(this.file.textOf(this.body))) {
      refuse('unsupported-syntax', this.body, 'it calls `super()` without arguments, which would stop working once its body moves into the local function the error guard runs; write `super(Class, self)` first');
    }
    const name = this.spec.names.fresh(`${shortName(fn)}_body`);
    this.generated.add(name);
    return [defBlock(`def ${name}(${cont}, ${onError}):`, name, [cont, onError], body), this.tail(`${ERROR_GUARD_NAME}(${name}, ${cont}, ${onError})`)];
  }

  /**
   * The parameter list with the continuations, and what follows it. A function
   * that returns \`T\` in a module that imports \`Callable\` takes \`cont:
   * Callable[[T], None]\` and returns None (what \`-> T\` said is now what its
   * continuation is handed), so the way back down reads \`-> T\` from it again.
   * The inline-callbacks form's \`Generator[Any, Any, T]\` says T the same
   * way. Without that import (one that runs when the def does), the
   * annotation stays as written: adding an import is more than a rung should
   * change.
   */
  private typedHeader(params: Node): string {
    const { file, fn } = this.spec;
    const returns = fn.node.childForFieldName('return_type');
    const after = file.text.slice(params.endIndex, this.body.startIndex);
    const names = returns && !this.spec.keywordOnly ? moduleNamesOf(file) : undefined;
    const callable = names && callableSpelling(names);
    const result = names && returns && (this.spec.fromGenerator ? generatorResultType(names, file.textOf(returns)) : file.textOf(returns));
    if (!returns || callable === undefined || result === undefined) return withContinuations(file, params, this.spec) + after;
    const typed = { ...this.spec, cont: `${this.spec.cont}: ${callable}[[${result}], None]` };
    return withContinuations(file, params, typed) + file.text.slice(params.endIndex, returns.startIndex) + 'None' + file.text.slice(returns.endIndex, this.body.startIndex);
  }

  /**
   * A function that calls no CPS function keeps its body as direct code when
   * that code cannot call the continuation itself: it has an error path (what
   * the body raises goes to the error continuation, what the continuation
   * raises does not), or it returns from inside a \`try\` (the continuation
   * would run inside that \`try\`: its handlers would catch what the
   * continuation raises and its \`finally\` would run after it).
   */
  private needsDirectCore(): boolean {
    if (this.bodyMakesCpsCalls()) return false;
    return this.spec.errorContinuation !== undefined || ownOfType(this.body, ['return_statement']).some((r) => insideTry(r, this.body));
  }

  /** The body run as direct code, its result (or what it raises) handed on after it. */
  private directCore(bound: ReadonlySet<string>): Out[] {
    const { fn } = this.spec;
    const stmts = statementsOf(this.body);
    const first = stmts.find((st) => st.type !== 'comment');
    const docstring = first?.type === 'expression_statement' && first.firstNamedChild?.type === 'string' ? first : undefined;
    const code = stmts.filter((st) => st !== docstring && !(st.type === 'comment' && docstring && st.startIndex < docstring.startIndex));
    const kept = docstring ? [this.verbatim(docstring)] : [];
    const taken = identifiers(fn.node);
    const local = (base: string): string => (taken.has(base) || bound.has(base) ? this.spec.names.fresh(base) : base);
    const returns = ownOfType(this.body, ['return_statement']);
    const last = code.filter((st) => st.type !== 'comment').at(-1);
    const onlyLastReturns = returns.every((r) => r.id === last?.id);
    const onError = this.spec.errorContinuation;
    if (onlyLastReturns && onError !== undefined) {
      // Straight-line code: it runs in the \`try\` as written, and its value is handed on after it.
      const result = local('result');
      const value = last?.type === 'return_statement' ? last.firstNamedChild : null;
      const body = code.map((st) => (st === last && last.type === 'return_statement' ? assignment(result, value ? this.textWith(value.startIndex, value.endIndex) : 'None') : this.verbatim(st)));
      if (last?.type !== 'return_statement') body.push(assignment(result, 'None'));
      return [...kept, ...this.guarded(body, result, onError, local)];
    }
    if (/\bsuper\(\s*\)/.test(this.file.textOf(this.body))) {
      refuse('unsupported-syntax', this.body, 'it calls `super()` without arguments, which would stop working once its body moves into the helper function that keeps it out of the continuation\'s way; write `super(Class, self)` first');
    }
    // Returns from anywhere: the body becomes a local function whose result is handed on.
    const core = local(`${shortName(fn)}_body`);
    const params = new Set(parameterNames(fn.node));
    const reassigned = [...assignedNames(this.body)].filter((n) => params.has(n));
    const def = defBlock(`def ${core}():`, core, [], [...(reassigned.length > 0 ? [line(`nonlocal ${reassigned.join(', ')}`)] : []), ...code.map((st) => this.verbatim(st))]);
    if (onError === undefined) return [...kept, def, this.tail(`${this.spec.cont}(${core}())`)];
    const result = local('result');
    return [...kept, def, ...this.guarded([assignment(result, `${core}()`)], result, onError, local)];
  }

  /**
   * \`body\` in a \`try\` whose exceptions go to \`onError\` (raised on without
   * one), then \`result\` to the continuation. Both are called after the
   * \`try\`, so the rest of the program does not run inside its handler.
   */
  private guarded(body: readonly Out[], result: string, onError: string, local: (base: string) => string): Out[] {
    const error = local('error');
    const failure = local('failure');
    return [
      block('try:', body),
      block(`except BaseException as ${error}:`, [block(`if ${onError} is None:`, [line('raise')]), assignment(failure, error)]),
      block('else:', [this.tail(`${this.spec.cont}(${result})`)]),
      this.tail(`${onError}(${failure})`),
    ];
  }

  /** A statement copied as it is (CPS calls already lifted replaced by their results). */
  private verbatim(stmt: Node): Line {
    return copied(this.file, stmt, outermost([...this.overrides.values()], stmt.startIndex, stmt.endIndex));
  }

  /** A CPS call inside a lambda, comprehension or nested def cannot take the rest of the block as its continuation. */
  private refuseSitesInNestedScopes(): void {
    const visit = (node: Node, nested: Node | undefined): void => {
      for (const child of children(node)) {
        const scope = nested ?? (isScope(child) || isComprehension(child) ? child : undefined);
        if (scope && this.spec.siteAt(child)) {
          refuse('call-in-nested-scope', child, `line ${String(this.file.lineOf(child))}: \`${this.file.textOf(child)}\` is inside a ${describe(scope)}, where the rest of the function cannot become its continuation; move it out first`);
        }
        visit(child, scope);
      }
    };
    visit(this.body, undefined);
  }

  // ---- statements -------------------------------------------------------

  private block(stmts: readonly Node[], tail: string, ctx: Ctx): Out[] {
    const out: Out[] = [];
    const bound = new Set(ctx.bound);
    let previous: Node | undefined;
    for (let i = 0; i < stmts.length; i++) {
      const stmt = present(stmts[i], 'stmts');
      const here: Ctx = { bound, loop: ctx.loop };
      if (stmt.type === 'comment') {
        const last = out.at(-1);
        if (previous && last && 'line' in last && this.file.lineOf(stmt) === this.file.endLineOf(previous)) {
          // A line with a comment is no longer one bare expression, so it never becomes a lambda's body.
          out[out.length - 1] = { line: last.line + this.file.text.slice(previous.endIndex, stmt.endIndex), ...(last.pinned ? { pinned: last.pinned } : {}), ...(last.blankBefore === true ? { blankBefore: true } : {}), ...(last.source ? { source: last.source } : {}) };
        } else {
          out.push(copied(this.file, stmt, []));
        }
        continue;
      }
      previous = stmt;
      if (this.foldCallback(stmt, stmts.slice(i + 1))) continue;
      if (this.pending(stmt).length > 0) {
        out.push(...spacedApart(this.restructure(stmt, stmts.slice(i + 1), tail, here), blankLineBefore(this.file, stmt)));
        return out;
      }
      out.push(this.copy(stmt, here));
      for (const n of assignedNames(stmt)) bound.add(n);
    }
    if (!alwaysExits(stmts)) out.push(this.tail(tail));
    return out;
  }

  /**
   * A one-shot callback — a nested def whose only use is as the last argument
   * of a call on the next statement, with one expression for a body — is
   * folded into that call as a lambda, the form this rung gives continuations.
   */
  private foldCallback(def: Node, rest: readonly Node[]): boolean {
    if (def.type !== 'function_definition') return false;
    const name = def.childForFieldName('name')?.text ?? '';
    const next = rest.find((r) => r.type !== 'comment');
    const call = next?.type === 'expression_statement' ? next.firstNamedChild : null;
    const args = call?.type === 'call' ? call.childForFieldName('arguments') : null;
    const passed = args ? children(args).find((a) => a.type === 'identifier' && a.text === name) : undefined;
    if (!passed) return false;
    const uses = this.body.descendantsOfType('identifier').filter((i) => i?.text === name);
    const body = statementsOf(def.childForFieldName('body'));
    const only = body.length === 1 ? body[0] : undefined;
    const params = def.childForFieldName('parameters');
    if (uses.length !== 2 || !only || !params || !children(params).every((p) => p.type === 'identifier')) return false;
    // A lambda returns its expression's value where the def returned None: only a trampoline would notice.
    const expression = only.type === 'return_statement' ? only.firstNamedChild : only.type === 'expression_statement' && !this.spec.trampoline ? only.firstNamedChild : null;
    if (!expression || expression.type === 'assignment' || expression.type === 'augmented_assignment' || expression.type === 'yield' || this.pending(expression).length > 0) return false;
    const text = this.file.textOf(expression);
    if (/[\r\n]/.test(text)) return false;
    const names = children(params).map((p) => p.text).join(', ');
    this.overrides.set(passed.id, { start: passed.startIndex, end: passed.endIndex, text: `lambda${names ? ` ${names}` : ''}: ${text}` });
    return true;
  }

  private restructure(stmt: Node, rest: readonly Node[], tail: string, ctx: Ctx): Out[] {
    const head = this.headOf(stmt);
    const headSites = head ? this.pending(head) : [];
    if (headSites.length > 0) return this.lift(stmt, headSites, rest, tail, ctx);
    switch (stmt.type) {
      case 'if_statement':
        return this.ifStatement(stmt, rest, tail, ctx);
      case 'for_statement':
      case 'while_statement':
        return this.loop(stmt, rest, tail, ctx);
      case 'try_statement':
        return this.tryStatement(stmt, rest, tail, ctx);
      case 'with_statement':
        return refuse('with-around-cps-call', stmt, `line ${String(this.file.lineOf(stmt))}: a \`with\` block around a CPS call would close before the continuation runs; move the call out of the \`with\` first`);
      default:
        return refuse('unsupported-statement', stmt, `line ${String(this.file.lineOf(stmt))}: a CPS call inside a \`${stmt.type.replace(/_statement$/, '')}\` statement is not supported`);
    }
  }

  /** The part of a statement evaluated before anything else: all of a simple statement, an `if` or `for` header. */
  private headOf(stmt: Node): Node | undefined {
    switch (stmt.type) {
      case 'if_statement':
      case 'while_statement':
        return stmt.childForFieldName('condition') ?? undefined;
      case 'for_statement':
        return stmt.childForFieldName('right') ?? undefined;
      case 'try_statement':
      case 'with_statement':
      case 'match_statement':
      case 'function_definition':
      case 'class_definition':
      case 'decorated_definition':
        return undefined;
      default:
        return stmt;
    }
  }

  /** CPS calls in `node` (outside nested scopes) not yet replaced by a result, in evaluation order. */
  private pending(node: Node): Node[] {
    return sitesIn(node, SITE_TYPES, (n) => !this.overrides.has(n.id) && this.spec.siteAt(n) !== undefined).filter((n) => !this.insideOverride(n));
  }

  private insideOverride(n: Node): boolean {
    return [...this.overrides.values()].some((o) => o.start <= n.startIndex && n.endIndex <= o.end);
  }

  // ---- lifting CPS calls out of an expression ---------------------------

  private lift(stmt: Node, siteNodes: readonly Node[], rest: readonly Node[], tail: string, ctx: Ctx): Out[] {
    if (stmt.type === 'while_statement') {
      refuse('unsupported-statement', stmt, `line ${String(this.file.lineOf(stmt))}: a CPS call in a \`while\` condition; compute it at the end of the body and before the loop instead`);
    }
    checkEvaluationOrder(this.file, this.headOf(stmt) ?? stmt, siteNodes);
    const sites = siteNodes.flatMap((n) => this.spec.siteAt(n) ?? []);
    const lastSite = present(sites.at(-1), 'sites');
    const returned = stmt.type === 'return_statement' ? unparenthesize(stmt.firstNamedChild) : undefined;
    const tailReturn = returned?.id === lastSite.node.id;
    const assigned = this.simpleAssignment(stmt);
    const binds = assigned && unparenthesize(assigned.right)?.id === lastSite.node.id ? assigned.name : undefined;
    // A name not bound yet can be the continuation's parameter; an existing one is assigned (with `nonlocal`).
    const bindDirectly = binds !== undefined && !ctx.bound.has(binds) && !this.globals.has(binds);
    const discards = stmt.type === 'expression_statement' && unparenthesize(stmt.firstNamedChild)?.id === lastSite.node.id;
    const params = sites.map((s, i) => {
      if (i < sites.length - 1) return this.spec.names.fresh(`${s.label}_result`);
      if (tailReturn) return this.spec.cont;
      return bindDirectly ? binds : this.spec.names.fresh(discards ? '_' : `${s.label}_result`);
    });
    sites.forEach((s, i) => this.overrides.set(s.node.id, { start: s.node.startIndex, end: s.node.endIndex, text: present(params[i], 'params') }));
    const text = (n: Node): string => this.lineText(n);

    // The innermost scope: after the last call.
    let scope: Out[];
    if (tailReturn) {
      scope = [this.tail(this.callPassing(lastSite, this.spec.cont, text))];
    } else {
      const param = present(params.at(-1), 'params');
      const next = bindDirectly || discards ? rest : [stmt, ...rest];
      const inner = this.block(next, tail, { bound: new Set([...ctx.bound, param]), loop: ctx.loop });
      const k = this.continuation(lastSite, param, inner, discards);
      scope = [...k.defs, this.tail(this.callPassing(lastSite, k.name, text))];
    }
    for (let i = sites.length - 2; i >= 0; i--) {
      const site = present(sites[i], 'sites');
      const wrapped = this.continuation(site, present(params[i], 'params'), scope);
      scope = [...wrapped.defs, this.tail(this.callPassing(site, wrapped.name, text))];
    }
    return scope;
  }

  /** The CPS call of \`site\` passing \`k\`, and the function's own error continuation when it hands that on. */
  private callPassing(site: CpsSite, k: string, text: (n: Node) => string): string {
    const onError = this.threadsErrors() ? this.spec.errorContinuation : undefined;
    if (onError === undefined) return site.render(k, text);
    if (!site.renderCatching) return refuse('try-around-cps-call', site.node, `line ${String(this.file.lineOf(site.node))}: \`${this.file.textOf(site.node)}\` cannot be handed the error continuation this function passes on: ${site.noErrorPath ?? 'its callee takes none'}`);
    return site.renderCatching(k, onError, text);
  }

  /** \`name = <expr>\` with a single plain name on the left. */
  private simpleAssignment(stmt: Node): { name: string; right: Node | null } | undefined {
    if (stmt.type !== 'expression_statement') return undefined;
    const a = stmt.firstNamedChild;
    if (a?.type !== 'assignment') return undefined;
    const left = a.childForFieldName('left');
    return left?.type === 'identifier' ? { name: left.text, right: a.childForFieldName('right') } : undefined;
  }

  /** A continuation receiving `param` and running `body`: a lambda when one expression holds it, else a nested def. */
  private continuation(site: CpsSite, param: string, body: readonly Out[], drops = false): { defs: Out[]; name: string } {
    const written = drops ? droppedParameter(site, param) : param;
    const only = body.length === 1 ? body[0] : undefined;
    if (only && 'line' in only && only.returns !== undefined && !only.line.includes('\n')) {
      const call = this.spec.trampoline ? only.returns.replace(/^lambda: /, '') : only.returns;
      const eta = new RegExp(`^([A-Za-z_][A-Za-z_0-9]*)\\(${param}\\)$`).exec(call);
      if (eta?.[1] && eta[1] !== param) return { defs: [], name: eta[1] };
      return { defs: [], name: `lambda ${written}: ${only.returns}` };
    }
    const name = this.spec.names.fresh(`after_${site.label}`);
    this.generated.add(name);
    return { defs: [defBlock(`def ${name}(${written}):`, name, [param], body)], name };
  }

  // ---- if / elif / else ------------------------------------------------

  private ifStatement(stmt: Node, rest: readonly Node[], tail: string, ctx: Ctx): Out[] {
    const clauses = [{ node: stmt, header: this.headerOf(stmt, stmt.childForFieldName('consequence')), body: stmt.childForFieldName('consequence') }];
    for (const c of children(stmt)) {
      if (c.type === 'elif_clause') {
        const condition = c.childForFieldName('condition');
        if (condition && this.pending(condition).length > 0) {
          refuse('unsupported-statement', condition, `line ${String(this.file.lineOf(condition))}: a CPS call in an \`elif\` condition; nest it as \`else: if ...\` first`);
        }
        clauses.push({ node: c, header: this.headerOf(c, c.childForFieldName('consequence')), body: c.childForFieldName('consequence') });
      } else if (c.type === 'else_clause') {
        clauses.push({ node: c, header: this.headerOf(c, c.childForFieldName('body')), body: c.childForFieldName('body') });
      }
    }
    const hasElse = clauses.at(-1)?.node.type === 'else_clause';
    const restCode = rest.filter((r) => r.type !== 'comment');
    const falling = clauses.filter((c) => !alwaysExits(statementsOf(c.body)));
    const branch = (stmts: readonly Node[], branchTail: string): Out[] => this.block(stmts, branchTail, { bound: ctx.bound, loop: ctx.loop });
    const written = (c: (typeof clauses)[number]): Node[] => bodyStatements(this.file, c.node, c.body);
    const emitIf = (bodies: Out[][]): Out[] => clauses.map((c, i) => this.clauseBlock(c.node, c.header, c.body, present(bodies[i], 'bodies')));

    if (restCode.length === 0) {
      const out = emitIf(clauses.map((c) => branch(written(c), tail)));
      if (!hasElse) out.push(...rest.map((r) => line(this.file.textOf(r))), this.tail(tail));
      return out;
    }
    const fallingCount = falling.length + (hasElse ? 0 : 1);
    if (fallingCount <= 1) {
      // At most one way out continues: the rest goes there, written once.
      const into = falling[0];
      const out = emitIf(clauses.map((c) => branch(c === into ? [...written(c), ...rest] : written(c), tail)));
      if (!into) out.push(...this.block(rest, tail, ctx));
      return out;
    }
    // Several ways continue: they share one join continuation.
    const reads = new Set(restCode.flatMap((r) => [...identifiers(r)]));
    const params = [...assignedNames(stmt)].filter((n) => reads.has(n) && !ctx.bound.has(n) && !this.globals.has(n));
    for (const p of params) {
      const missing = !hasElse || falling.some((c) => !c.body || !assignedNames(c.body).has(p));
      if (missing) refuse('variable-flow', stmt, `line ${String(this.file.lineOf(stmt))}: \`${p}\` is assigned on only some paths through this \`if\` and used after it; give it a value before the \`if\``);
    }
    const join = this.spec.names.fresh('join');
    this.generated.add(join);
    const call = `${join}(${params.join(', ')})`;
    const joinDef = defBlock(`def ${call}:`, join, params, this.block(rest, tail, { bound: new Set([...ctx.bound, ...params]), loop: ctx.loop }));
    const out = [joinDef, ...emitIf(clauses.map((c) => branch(written(c), call)))];
    if (!hasElse) out.push(this.tail(call));
    return out;
  }

  /** `if cond:` / `elif cond:` / `else:` as written (results substituted), with a comment on that line kept. */
  private headerOf(clause: Node, body: Node | null): string {
    const colon = clause.children.find((c) => c?.type === ':' && (!body || c.startIndex < body.startIndex));
    const end = colon?.endIndex ?? clause.startIndex;
    let header = this.textWith(clause.startIndex, end);
    const comment = children(clause).find((c) => c.type === 'comment' && c.startIndex > end && this.file.lineOf(c) === this.file.lineOf(clause));
    if (comment) header += this.file.text.slice(end, comment.endIndex);
    return relativeTo(this.file, clause.startIndex, header);
  }

  /** A clause written with `header` (from `headerOf`) over `body`: it binds what the clause's header binds. */
  private clauseBlock(clause: Node, header: string, body: Node | null, out: readonly Out[]): Block {
    const binds = children(clause).filter((c) => c.endIndex <= (body?.startIndex ?? clause.endIndex)).flatMap(bindingsIn);
    return { ...block(header, out), binds };
  }

  // ---- try around a CPS call ----------------------------------------------

  /**
   * \`try: x = f(a); REST_OF_BODY except ...: ... finally: ...\` followed by
   * AFTER. \`f\` takes an error continuation; both its continuations enter
   * one function that re-runs the original \`try\` with the call's outcome in
   * place of the call (raising the error, or binding the value), so every
   * clause catches, re-raises and cleans up exactly as before. AFTER comes
   * after that \`try\`, so what it raises (or what the continuation raises)
   * is never caught by these handlers.
   */
  private tryStatement(stmt: Node, rest: readonly Node[], tail: string, ctx: Ctx): Out[] {
    const at = `line ${String(this.file.lineOf(stmt))}`;
    const body = stmt.childForFieldName('body');
    const clauses = children(stmt).filter((c) => c.type !== 'block' && c.type !== 'comment' && c.startIndex > (body?.startIndex ?? stmt.startIndex));
    const sites = this.pending(stmt);
    const inClause = sites.find((site) => clauses.some((c) => contains(c, site)));
    if (inClause) refuse('try-around-cps-call', inClause, `${at}: \`${this.file.textOf(inClause)}\` is in an \`except\`, \`else\` or \`finally\` clause of this \`try\`; only a CPS call in the \`try\` body can get an error continuation`);
    const caught = sites.flatMap((n) => this.spec.siteAt(n) ?? []);
    const uncatchable = caught.find((site) => !site.renderCatching);
    if (uncatchable) {
      refuse('try-around-cps-call', uncatchable.node, `${at}: a \`try\` around a CPS call (\`${this.file.textOf(uncatchable.node)}\`): ${uncatchable.noErrorPath ?? 'its handler would also catch errors raised later by the continuation'}; move the call out of the \`try\` first`);
    }
    const stmts = bodyStatements(this.file, stmt, body);
    const first = present(stmts.find((st) => st.type !== 'comment'), 'try body');
    const firstSites = this.pending(first);
    if (firstSites.length !== 1 || sites.length !== 1 || this.headOf(first) !== first) {
      const extra = present(sites.find((n) => !firstSites.some((f) => f.id === n.id)) ?? firstSites[1] ?? sites[0], 'sites');
      refuse('try-around-cps-call', extra, `${at}: a \`try\` around a CPS call converts when its body starts with the one CPS call it makes; \`${this.file.textOf(extra)}\` is not that call, so move it (or the statements before the call) out of the \`try\` first`);
    }
    const siteNode = present(firstSites[0], 'sites');
    const raising = firstThatMayRaise(siteNode.childForFieldName('function')) ?? firstThatMayRaise(siteNode.childForFieldName('arguments'));
    if (raising) {
      refuse('try-around-cps-call', raising, `${at}: \`${this.file.textOf(raising)}\` is worked out before the call, and once the call takes an error continuation that happens outside the \`try\`, where what it raises would no longer be caught; work it out before the \`try\` first`);
    }
    const site = present(this.spec.siteAt(siteNode), 'site');
    const exits = ownOfType(stmt, ['break_statement', 'continue_statement']).filter((j) => { const loop = this.owningLoop(j); return !loop || !contains(stmt, loop); });
    if (exits[0]) refuse('continuation-in-try', exits[0], `line ${String(this.file.lineOf(exits[0]))}: \`${exits[0].text}\` leaves a loop from inside a \`try\` around a CPS call; move it after the \`try\``);
    const returns = ownOfType(stmt, ['return_statement']);
    const alwaysReturns = returns.length > 0 && tryAlwaysExits(stmt);
    if (returns.length > 0 && !alwaysReturns) {
      refuse('continuation-in-try', present(returns[0], 'returns'), `line ${String(this.file.lineOf(present(returns[0], 'returns')))}: this \`try\` returns on some paths and goes on to the code after it on others; make every path return, or none`);
    }

    // The outcome of the call, in place of the call: its value bound, or its error raised.
    const assigned = this.simpleAssignment(first);
    const bindsNew = assigned !== undefined && unparenthesize(assigned.right)?.id === siteNode.id && !ctx.bound.has(assigned.name) && !this.globals.has(assigned.name);
    const discards = first.type === 'expression_statement' && unparenthesize(first.firstNamedChild)?.id === siteNode.id;
    const value = bindsNew ? assigned.name : this.spec.names.fresh(discards ? '_' : `${site.label}_result`);
    const error = this.spec.names.fresh('error');
    this.overrides.set(siteNode.id, { start: siteNode.startIndex, end: siteNode.endIndex, text: value });
    // Comments that open the body stay above the re-raise, where the call was: the way back puts the call in its place.
    const opening = stmts.slice(0, stmts.indexOf(first));
    const tryBody: Out[] = [
      ...opening.map((st) => this.verbatim(st)),
      block(`if ${error} is not None:`, [line(`raise ${error}`)]),
      ...stmts.slice(opening.length).filter((st) => !(st === first && (bindsNew || discards))).map((st) => this.verbatim(st)),
    ];
    const clauseOut = clauses.map((c) => {
      const clauseBody = c.namedChildren.find((b) => b?.type === 'block') ?? null;
      return this.clauseBlock(c, this.headerOf(c, clauseBody), clauseBody, bodyStatements(this.file, c, clauseBody).map((st) => this.verbatim(st)));
    });
    const rerun: Out[] = [block('try:', tryBody), ...clauseOut];
    const name = this.spec.names.fresh(`after_${site.label}`);
    this.generated.add(name);
    if (alwaysReturns) {
      // Every path returns: the re-run try is direct code, and what it returns goes to the continuation.
      const def = defBlock(`def ${name}(${value}, ${error}=None):`, name, [value, error], rerun);
      const k = `lambda ${value}: ${this.spec.cont}(${name}(${value}))`;
      const onError = `lambda ${error}: ${this.spec.cont}(${name}(None, ${error}))`;
      return [def, this.tail(this.renderSite(site, siteNode, k, onError))];
    }
    const after = this.block(rest, tail, { bound: new Set([...ctx.bound, value]), loop: ctx.loop });
    const def = defBlock(`def ${name}(${value}, ${error}=None):`, name, [value, error], [...rerun, ...after]);
    return [def, this.tail(this.renderSite(site, siteNode, name, `lambda ${error}: ${name}(None, ${error})`))];
  }

  /** The call at \`node\` passing both continuations, its arguments as written (with earlier results substituted). */
  private renderSite(site: CpsSite, node: Node, k: string, onError: string): string {
    const saved = this.overrides.get(node.id);
    this.overrides.delete(node.id);
    try {
      return present(site.renderCatching, 'renderCatching')(k, onError, (n) => this.lineText(n));
    } finally {
      if (saved) this.overrides.set(node.id, saved);
    }
  }

  // ---- loops --------------------------------------------------------------

  private loop(stmt: Node, rest: readonly Node[], tail: string, ctx: Ctx): Out[] {
    const line0 = this.file.lineOf(stmt);
    if (children(stmt).some((c) => c.type === 'else_clause')) {
      refuse('unsupported-statement', stmt, `line ${String(line0)}: a loop with an \`else\` clause around a CPS call is not supported; move the \`else\` code after the loop`);
    }
    const body = stmt.childForFieldName('body');
    const restCode = rest.filter((r) => r.type !== 'comment');
    const reads = new Set(restCode.flatMap((r) => [...identifiers(r)]));
    for (const n of assignedNames(stmt)) {
      if (ctx.bound.has(n) || this.globals.has(n)) continue;
      if (reads.has(n)) refuse('variable-flow', stmt, `line ${String(line0)}: \`${n}\` is first assigned inside this loop and used after it; give it a value before the loop`);
      if (readBeforeAssigned(stmt, n)) refuse('variable-flow', stmt, `line ${String(line0)}: \`${n}\` is read in this loop before it is assigned, so it carries a value from one round to the next; give it a value before the loop`);
    }
    const loopName = this.spec.names.fresh('loop');
    this.generated.add(loopName);
    const breaks = ownOfType(body ?? stmt, ['break_statement']).filter((b) => this.owningLoop(b)?.id === stmt.id);
    const defs: Out[] = [];
    let exit: Out[];
    let breakCall: string | undefined;
    if (restCode.length === 0) {
      exit = [...rest.map((r) => line(this.file.textOf(r))), this.tail(tail)];
      breakCall = tail;
    } else if (breaks.length > 0) {
      const after = this.spec.names.fresh('after_loop');
      this.generated.add(after);
      breakCall = `${after}()`;
      defs.push(defBlock(`def ${breakCall}:`, after, [], this.block(rest, tail, ctx)));
      exit = [this.tail(breakCall)];
    } else {
      exit = this.block(rest, tail, ctx);
    }
    const inner: Ctx = { bound: ctx.bound, loop: { node: stmt, continueCall: `${loopName}()`, breakCall } };
    const bodyOut = this.block(bodyStatements(this.file, stmt, body), `${loopName}()`, inner);
    let loopDef: Out;
    if (stmt.type === 'for_statement') {
      const left = field(stmt, 'left');
      const right = field(stmt, 'right');
      const iter = this.spec.names.fresh(right.type === 'identifier' ? `${right.text}_left` : 'items_left');
      defs.push(assignment(iter, `iter(${this.textWith(right.startIndex, right.endIndex)})`));
      loopDef = defBlock(`def ${loopName}():`, loopName, [], [{ ...block(`for ${this.lineText(left)} in ${iter}:`, bodyOut), binds: targetNames(left) }, ...exit]);
    } else {
      const condition = field(stmt, 'condition');
      loopDef = defBlock(`def ${loopName}():`, loopName, [], [block(`if ${this.lineText(condition)}:`, bodyOut), ...exit]);
    }
    return [...defs, loopDef, this.tail(`${loopName}()`)];
  }

  private owningLoop(node: Node): Node | undefined {
    for (let n = node.parent; n; n = n.parent) {
      if (n.type === 'for_statement' || n.type === 'while_statement') return n;
      if (isScope(n)) return undefined;
    }
    return undefined;
  }

  // ---- copying statements ---------------------------------------------------

  /** A statement without CPS calls: copied, with `return`, `break` and `continue` turned into continuation calls. */
  private copy(stmt: Node, ctx: Ctx): Line {
    const replacements: Replacement[] = [];
    // A nested def or class is another scope: its returns and loop exits are its own, never the continuation's.
    const nested = isScope(stmt) || stmt.type === 'decorated_definition';
    const returns = nested ? [] : ownOfType(stmt, ['return_statement']);
    const exits = [...returns, ...(ctx.loop && !nested ? ownOfType(stmt, ['break_statement', 'continue_statement']).filter((j) => this.owningLoop(j)?.id === ctx.loop?.node.id) : [])];
    const trapped = exits.find((r) => insideTry(r, stmt));
    if (trapped) {
      refuse('continuation-in-try', trapped, `line ${String(this.file.lineOf(trapped))}: \`${this.file.textOf(trapped).split('\n')[0] ?? ''}\` inside a \`try\` would call the continuation inside it, where its handlers would catch what the continuation raises and its \`finally\` would run after it; the function also calls CPS functions, so its body cannot stay direct code — return after the \`try\` instead`);
    }
    for (const r of returns) {
      const value = r.firstNamedChild;
      const v = value ? this.textWith(value.startIndex, value.endIndex) : 'None';
      replacements.push({ start: r.startIndex, end: r.endIndex, text: `return ${this.thunk(`${this.spec.cont}(${value?.type === 'expression_list' ? `(${v})` : v})`)}` });
    }
    if (ctx.loop && !nested) {
      for (const j of ownOfType(stmt, ['break_statement', 'continue_statement'])) {
        if (this.owningLoop(j)?.id !== ctx.loop.node.id) continue;
        const call = j.type === 'continue_statement' ? ctx.loop.continueCall : ctx.loop.breakCall;
        if (call) replacements.push({ start: j.startIndex, end: j.endIndex, text: `return ${this.thunk(call)}` });
      }
    }
    for (const o of outermost([...this.overrides.values()], stmt.startIndex, stmt.endIndex)) {
      if (!replacements.some((r) => r.start <= o.start && o.end <= r.end)) replacements.push(o);
    }
    if (stmt.type === 'return_statement' && replacements.length === 1) {
      const r = present(replacements[0], 'replacements');
      return { ...copied(this.file, stmt, replacements), returns: r.text.slice('return '.length) };
    }
    return copied(this.file, stmt, replacements);
  }

  /** Source text of a range with CPS calls already lifted replaced by their result names. */
  private textWith(start: number, end: number): string {
    return spliced(this.file, start, end, [...this.overrides.values()]);
  }

  /** The text of `n` as it reads in a line the refactor writes (see relativeTo). */
  private lineText(n: Node): string {
    return relativeTo(this.file, n.startIndex, this.textWith(n.startIndex, n.endIndex));
  }

  private thunk(call: string): string {
    return this.spec.trampoline ? `lambda: ${call}` : call;
  }

  private tail(call: string): Line {
    const returns = this.thunk(call);
    return { line: `return ${returns}`, returns };
  }
}

/**
 * The parameter of a continuation whose value the code drops: a leaf's
 * operation (a timer) may call back with no value at all, so it gets a default;
 * a converted function always hands on one.
 */
function droppedParameter(site: CpsSite, param: string): string {
  return site.callee ? param : `${param}=None`;
}

/** Is `name` read somewhere in `loop` before (in the text) its first assignment there? */
function readBeforeAssigned(loop: Node, name: string): boolean {
  let firstAssignment = Infinity;
  for (const n of ownOfType(loop, ['assignment', 'augmented_assignment', 'for_statement'])) {
    const target = n.childForFieldName('left');
    if (target && targetNames(target).includes(name)) firstAssignment = Math.min(firstAssignment, n.type === 'augmented_assignment' ? n.startIndex : target.startIndex);
  }
  return loop.descendantsOfType('identifier').some((i) => i?.text === name && i.startIndex < firstAssignment && !isTargetOf(i));
}

function isTargetOf(id: Node): boolean {
  for (let n = id, p = id.parent; p; n = p, p = p.parent) {
    if ((p.type === 'assignment' || p.type === 'for_statement') && p.childForFieldName('left')?.id === n.id) return true;
    if (!['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression'].includes(p.type)) return false;
  }
  return false;
}

function unparenthesize(node: Node | null | undefined): Node | undefined {
  let n = node ?? undefined;
  while (n?.type === 'parenthesized_expression') n = n.firstNamedChild ?? undefined;
  return n;
}

function describe(scope: Node): string {
  if (scope.type === 'lambda') return 'lambda';
  if (scope.type === 'function_definition') return 'nested function';
  if (scope.type === 'class_definition') return 'class';
  return 'comprehension';
}

/** The header's parameter list with the continuations added (keyword-only after defaults, \`*args\` or \`**kwargs\`). */
function withContinuations(file: SourceFile, params: Node, spec: CpsFunctionSpec): string {
  const names = [spec.cont, ...(spec.errorContinuation !== undefined ? [`${spec.errorContinuation}=None`] : [])].join(', ');
  const list = children(params).filter((c) => c.type !== 'comment');
  const text = file.text.slice(params.startIndex, params.endIndex);
  const at = (offset: number, inserted: string): string => text.slice(0, offset - params.startIndex) + inserted + text.slice(offset - params.startIndex);
  // Right after the last parameter, not before the `)`: a list may end in a trailing comma (`b,\n)`).
  const last = list.at(-1);
  const appended = (inserted: string): string => (last ? at(last.endIndex, `, ${inserted}`) : at(params.endIndex - 1, inserted));
  if (!spec.keywordOnly) return appended(names);
  const starred = list.some((c) => c.type === 'list_splat_pattern' || c.type === 'keyword_separator' || (c.type === 'typed_parameter' && c.firstNamedChild?.type === 'list_splat_pattern'));
  // `**kwargs` stays last, annotated (`**kwargs: Any`) or not.
  const kwargs = list.find((c) => c.type === 'dictionary_splat_pattern' || (c.type === 'typed_parameter' && c.firstNamedChild?.type === 'dictionary_splat_pattern'));
  const own = `${starred ? '' : '*, '}${names}`;
  return kwargs ? at(kwargs.startIndex, `${own}, `) : appended(own);
}

/** Is \`node\` in the body, an \`except\` or an \`else\` clause, or the \`finally\` of a \`try\` inside \`within\`? */
function insideTry(node: Node, within: Node): boolean {
  for (let n = node.parent; n && n.id !== within.parent?.id; n = n.parent) {
    if (n.type === 'try_statement') return true;
    if (isScope(n)) return false;
  }
  return false;
}

/** Does every path through this \`try\` statement return or raise (so nothing after it runs)? */
function tryAlwaysExits(stmt: Node): boolean {
  const blockOf = (c: Node): Node | null => c.namedChildren.find((b) => b?.type === 'block') ?? null;
  const finallyClause = children(stmt).find((c) => c.type === 'finally_clause');
  if (finallyClause && alwaysExits(statementsOf(blockOf(finallyClause)))) return true;
  const body = stmt.childForFieldName('body');
  const handlers = children(stmt).filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
  const elseClause = children(stmt).find((c) => c.type === 'else_clause');
  const bodyExits = alwaysExits(statementsOf(body)) || (elseClause !== undefined && alwaysExits(statementsOf(blockOf(elseClause))));
  return bodyExits && handlers.every((h) => alwaysExits(statementsOf(blockOf(h))));
}

/** Expressions that never raise while they are worked out, whatever they hold (a name, a literal). */
const NEVER_RAISE = new Set(['identifier', 'integer', 'float', 'true', 'false', 'none', 'string_start', 'string_content', 'string_end', 'escape_sequence', 'comment']);
/** Expressions that raise only if a part of them does: their parts are looked at. */
const RAISE_THROUGH_PARTS = new Set(['string', 'concatenated_string', 'attribute', 'argument_list', 'keyword_argument', 'parenthesized_expression', 'list', 'tuple', 'set', 'dictionary', 'pair', 'expression_list']);

/**
 * The first part of `node` that may raise while it is worked out (a call, a
 * subscript, an operator, an f-string's interpolation...); undefined when
 * none can. Reading an attribute counts as safe: it is how every method
 * call starts, and refusing it would refuse them all.
 */
function firstThatMayRaise(node: Node | null): Node | undefined {
  if (!node || NEVER_RAISE.has(node.type)) return undefined;
  // A negative number is a literal.
  if (node.type === 'unary_operator' && ['integer', 'float'].includes(node.childForFieldName('argument')?.type ?? '')) return undefined;
  if (node.type === 'lambda') return node.childForFieldName('parameters')?.descendantsOfType(['default_parameter', 'typed_default_parameter']).some(Boolean) ? node : undefined;
  if (!RAISE_THROUGH_PARTS.has(node.type)) return node;
  for (const part of children(node)) {
    const found = firstThatMayRaise(part);
    if (found) return found;
  }
  return undefined;
}
