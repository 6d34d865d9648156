// The way back down from CPS: a function whose every path ends by calling its
// continuation (directly, or by passing it on to another CPS call) becomes
// straight-line code again. Continuations are inlined where they are passed,
// a continuation called from several branches becomes the code after the `if`
// (a join), a recursive local continuation over an iterator becomes a loop.
// How a CPS call is written afterwards is up to the caller: a plain call for
// direct style, `yield <operation>` for the inline-callbacks form.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { inTailPosition, isContinuationSlot, type ContinuationArguments } from './continuations';
import { directCoreBody, guardedCode, handedOnBody, rerunTry, type RerunTry } from './errorPathForms';
import { listWithout } from './callText';
import { inlineResults } from './inlineResults';
import { blankLineBefore, block, breaksOutsideBrackets, copied, line, relativeTo, render, spacedApart, type Out } from './pyOut';
import { bodyStatements, children, field, globalNames, hasOnlyPlainParameters, identifiers, identifiersByName, lineIndentOf, parameterNames, present, statementsOf } from './pySyntax';
import { refuse } from './refusal';
import { argumentsOf } from '../python/scopes';
import { deliveredType, generatorTypeSpelling } from '../python/annotations';
import { moduleNamesOf } from '../python/imports';
import { conditionalBranches } from '../python/callbacks';

export interface Operation {
  /** The expression whose value is the call's result, e.g. `f(a)` or `yield f(a)`. */
  readonly text: string;
  /** Needs parentheses after `return` (a `yield`). */
  readonly parenthesize: boolean;
}

export interface FromCpsSpec {
  readonly file: SourceFile;
  readonly fn: FunctionInfo;
  /** The function's continuation parameter. */
  readonly cont: string;
  /** Its error continuation, when it has one: calling it raises, passing a handler to a call guards the call. */
  readonly errorCont?: string | undefined;
  /** Which arguments of a CPS call are its continuations, when the callee says (else: the last argument). */
  readonly slots?: (call: Node) => ContinuationArguments | undefined;
  /** How the CPS call `call` is written without its continuation arguments `slots`. */
  readonly operation: (call: Node, slots: Slots) => Operation;
  /** A continuation called with several values hands on a tuple (the inline-callbacks form unpacks it). */
  readonly tuples?: boolean;
  /** A decorator to add (e.g. the runner), without `@`. */
  readonly decorator?: string;
  /** Fold the result names the CPS rung made back into the expressions they came from. */
  readonly inlineResults?: boolean;
}

/** The continuation arguments of one CPS call: the success continuation, and the error one when passed. */
export interface Slots {
  readonly cont: Node;
  readonly error: Node | undefined;
}

const OPEN = ' open';
const CONTINUE = ' continue';
const BREAK = ' break';

interface Cont {
  readonly name: string;
  readonly node: Node;
  readonly params: readonly string[];
  readonly body: readonly Node[];
  readonly kind: 'single' | 'join' | 'loop';
  emitted: boolean;
}

interface Env {
  readonly loop: { readonly name: string; readonly exit: string | undefined } | undefined;
}

interface Res {
  readonly out: Out[];
  /** Where control goes after `out` when it does not leave: OPEN (falls off), a join's name, CONTINUE or BREAK. Empty: always leaves. */
  readonly falls: ReadonlySet<string>;
}

/** The function's new definition text (decorators included), for the range `(decorated ?? node)`. */
export function directFunctionText(spec: FromCpsSpec): string {
  return new Uncps(spec).write();
}

class Uncps {
  private readonly file: SourceFile;
  private readonly conts = new Map<string, Cont>();
  private readonly special: Set<string>;
  /** Names bound to an exception (by an `except … as`), which an error continuation call may raise. */
  private readonly exceptions = new Set<string>();
  /** How many values the continuation is called with, once seen. */
  private arity: number | undefined;
  /** Whether the continuation is handed a value other than \`None\` (or handed on) anywhere: then \`cont(None)\` is \`return None\`. */
  private returnsValues = false;
  /** Names a continuation declares \`global\` and the function does not: inlined, the function declares them. */
  private readonly globalsToDeclare = new Set<string>();

  constructor(private readonly spec: FromCpsSpec) {
    this.file = spec.file;
    this.findContinuations();
    this.special = new Set([spec.cont, ...(spec.errorCont ? [spec.errorCont] : []), ...this.conts.keys()]);
  }

  write(): string {
    const { fn, file } = this.spec;
    const body = field(fn.node, 'body');
    const params = field(fn.node, 'parameters');
    const result = this.body(statementsOf(body));
    if (result.falls.size > 0) {
      refuse('continuation-not-tail', fn.node, result.falls.has(OPEN) ? `a path reaches the end of ${fn.name} without calling the continuation \`${this.spec.cont}\`, so its caller would never continue` : `the paths of ${fn.name} continue in different places that the refactor cannot bring together`);
    }
    const out = [...result.out];
    const last = out.at(-1);
    if (last && 'line' in last && last.line === 'return') out.pop();
    if (this.globalsToDeclare.size > 0) out.splice(afterDocstring(statementsOf(body)), 0, line(`global ${[...this.globalsToDeclare].join(', ')}`));
    const outer = fn.decorated ?? fn.node;
    const eol = file.lines.eol;
    let header = file.text.slice(outer.startIndex, params.startIndex) + this.parametersLeft(params) + this.returnAnnotation(params, body);
    if (this.spec.decorator) {
      const at = fn.node.startIndex - outer.startIndex;
      header = `${header.slice(0, at)}@${this.spec.decorator}${eol}${lineIndentOf(file, fn.node)}${header.slice(at)}`;
    }
    const bodyIndent = lineIndentOf(file, body);
    const unit = bodyIndent.slice(lineIndentOf(file, fn.node).length) || '    ';
    const text = header + render(file, out.length > 0 ? out : [line('pass')], bodyIndent, unit, eol).slice(bodyIndent.length);
    return this.spec.inlineResults ? inlineResults(file, text, lineIndentOf(file, outer), eol) : text;
  }

  /**
   * From the parameter list to the body, with the return type a typed
   * continuation says (\`on_done: Callable[[int], None]\` returns \`int\`): the
   * CPS function's \`-> None\` is no longer true. The generator form returns
   * \`Generator[Any, Any, int]\`, as Tornado and Twisted annotate theirs, where
   * the module binds both names; elsewhere it takes no return type.
   */
  private returnAnnotation(params: Node, body: Node): string {
    const { file, fn, cont, decorator } = this.spec;
    const after = file.text.slice(params.endIndex, body.startIndex);
    const returns = fn.node.childForFieldName('return_type');
    const typed = children(params).find((p) => p.type === 'typed_parameter' && p.firstNamedChild?.text === cont);
    const annotation = typed?.childForFieldName('type');
    if (!returns || !annotation) return after;
    const handed = deliveredType(file.textOf(annotation));
    const delivered = decorator && handed !== undefined ? generatorTypeSpelling(moduleNamesOf(file), handed) : handed;
    const arrow = returns.startIndex - params.endIndex;
    const written = file.text.slice(params.endIndex, params.endIndex + arrow).replace(/\s*->\s*$/, '');
    return `${written}${delivered === undefined ? '' : ` -> ${delivered}`}${file.text.slice(returns.endIndex, body.startIndex)}`;
  }

  /** The function's paths; the forms direct → CPS writes around a function's own code come back as the code they came from. */
  private body(stmts: readonly Node[]): Res {
    const { cont, errorCont } = this.spec;
    if (errorCont === undefined) {
      const core = directCoreBody(this.file, stmts, cont);
      return core ? { out: core.map((s) => copied(this.file, s, [])), falls: new Set() } : this.block(stmts, { loop: undefined });
    }
    const own = handedOnBody(stmts, cont, errorCont) ?? stmts;
    const direct = guardedCode(own, cont, errorCont);
    if (!direct) return this.block(own, { loop: undefined });
    const returned = direct.returned ? [line(`return ${this.file.textOf(direct.returned)}`)] : [];
    return { out: [...direct.code.map((s) => copied(this.file, s, [])), ...returned], falls: new Set() };
  }

  /** The parameter list without the continuations, the rest as written (line breaks, comments, a trailing comma). */
  private parametersLeft(params: Node): string {
    const list = children(params).filter((c) => c.type !== 'comment');
    const gone = new Set([this.spec.cont, this.spec.errorCont].filter((name) => name !== undefined));
    // A bare `*` names nothing, so it never goes as a continuation (its undefined name must not match an absent error continuation).
    const isGone = (p: Node): boolean => {
      const name = (p.type === 'identifier' ? p : (p.childForFieldName('name') ?? children(p).find((c) => c.type === 'identifier')))?.text;
      return name !== undefined && gone.has(name);
    };
    const going = new Set(list.filter(isGone).map((p) => p.id));
    // A bare `*` needs a named parameter after it (`*, **fields` and a trailing `*` are not Python).
    const isKwargs = (q: Node): boolean => q.type === 'dictionary_splat_pattern' || (q.type === 'typed_parameter' && q.firstNamedChild?.type === 'dictionary_splat_pattern');
    list.forEach((p, i) => {
      if (p.type === 'keyword_separator' && !list.slice(i + 1).some((q) => !going.has(q.id) && !isKwargs(q))) going.add(p.id);
    });
    return listWithout(params, (p) => going.has(p.id), (n) => this.file.textOf(n));
  }

  /** Nested defs used only as continuations: passed last to a tail call, or called in tail position. */
  private findContinuations(): void {
    const body = field(this.spec.fn.node, 'body');
    const params = new Set(parameterNames(this.spec.fn.node));
    const globals = globalNames(body);
    // The body's names, read once: a function with many local continuations would otherwise be walked once per each.
    const mentions = identifiersByName(body);
    this.returnsValues = (mentions.get(this.spec.cont) ?? []).some((use) => {
      const call = use.parent;
      if (call?.type !== 'call' || call.childForFieldName('function')?.id !== use.id) return true;
      const args = argumentsOf(call);
      return args.length > 1 || (args.length === 1 && args[0]?.text !== 'None');
    });
    for (const def of body.descendantsOfType('function_definition')) {
      if (!def) continue;
      const name = def.childForFieldName('name')?.text ?? '';
      const uses = (mentions.get(name) ?? []).filter((i) => i.id !== def.childForFieldName('name')?.id);
      const asContinuation = uses.length > 0 && uses.every((u) => isTailCallee(u, this.file) || this.isTailSlot(u));
      if (!asContinuation) continue;
      if (this.conts.has(name)) refuse('name-clash', def, `two continuations are named \`${name}\`; rename one`);
      const own = parameterNames(def);
      const shadow = own.find((p) => params.has(p));
      if (shadow) refuse('name-clash', def, `line ${String(this.file.lineOf(def))}: the continuation \`${name}\` reuses the parameter name \`${shadow}\`; rename it so both values stay apart`);
      const recursive = uses.some((u) => def.startIndex <= u.startIndex && u.endIndex <= def.endIndex);
      const statements = this.withoutScopeDeclarations(bodyStatements(this.file, def, def.childForFieldName('body')), globals);
      this.conts.set(name, { name, node: def, params: own, body: statements, kind: recursive ? 'loop' : uses.length > 1 ? 'join' : 'single', emitted: false });
    }
    // `poll` → `check` → `call_later(5, poll)`: recursion through another continuation is a loop too.
    // Only the one the function starts (used outside every continuation) is the loop's head.
    const defs = [...this.conts.values()].map((c) => c.node);
    for (const cont of this.conts.values()) {
      const started = (mentions.get(cont.name) ?? []).some((u) => !defs.some((d) => d.startIndex <= u.startIndex && u.endIndex <= d.endIndex));
      if (cont.kind !== 'loop' && started && this.reaches(cont, cont.name, new Set())) this.conts.set(cont.name, { ...cont, kind: 'loop' });
    }
  }

  /**
   * A continuation's body as it reads inlined: its \`nonlocal\` declarations
   * name the function's own variables, and its \`global\` ones go to the
   * function (once, where Python wants them, before any use).
   */
  private withoutScopeDeclarations(stmts: readonly Node[], ownGlobals: ReadonlySet<string>): Node[] {
    return stmts.filter((s) => {
      if (s.type === 'global_statement') for (const id of children(s)) if (!ownGlobals.has(id.text)) this.globalsToDeclare.add(id.text);
      return s.type !== 'nonlocal_statement' && s.type !== 'global_statement';
    });
  }

  /** Does `from`'s body lead, through the continuations it uses, back to a use of `name`? */
  private reaches(from: Cont, name: string, seen: Set<string>): boolean {
    seen.add(from.name);
    const used = identifiers(from.node.childForFieldName('body') ?? from.node);
    if (from.name !== name && used.has(name)) return true;
    return [...used].some((u) => {
      const next = this.conts.get(u);
      return next !== undefined && !seen.has(u) && this.reaches(next, name, seen);
    });
  }

  /** Is `use` a continuation argument of a call in tail position (the last argument, or where the callee takes one)? */
  private isTailSlot(use: Node): boolean {
    const arg = use.parent?.type === 'keyword_argument' ? use.parent : use;
    const call = arg.parent?.type === 'argument_list' ? arg.parent.parent : null;
    if (call?.type !== 'call' || !inTailPosition(call, this.file)) return false;
    const known = this.spec.slots?.(call);
    if (known?.cont) return known.cont.id === arg.id || known.error?.id === arg.id;
    return argumentsOf(call).at(-1)?.id === arg.id;
  }

  /** The continuation arguments of a call, if it is a CPS call handing on a continuation. */
  private slotsOf(call: Node): Slots | undefined {
    const known = this.spec.slots?.(call);
    if (known?.cont && this.isContinuationArgument(known.cont)) return { cont: known.cont, error: known.error && this.isContinuationArgument(known.error) ? known.error : undefined };
    const last = argumentsOf(call).at(-1);
    return last && this.isContinuationArgument(last) ? { cont: last, error: undefined } : undefined;
  }

  private mentionsContinuation(node: Node): boolean {
    for (const n of identifiers(node)) if (this.special.has(n)) return true;
    return false;
  }

  /** The text of `n` as it reads in a line this writes (see relativeTo). */
  private lineText(n: Node): string {
    return relativeTo(this.file, n.startIndex, this.file.textOf(n));
  }

  private at(node: Node): string {
    return `line ${String(this.file.lineOf(node))}`;
  }

  // ---- blocks ----------------------------------------------------------------

  private block(stmts: readonly Node[], env: Env): Res {
    const out: Out[] = [];
    const definedHere: Cont[] = [];
    let previous: Node | undefined;
    // A blank line before a statement that goes (a continuation's def) stays, before what comes next;
    // one after it only set the def apart, and goes with it.
    let spaced = false;
    const push = (items: readonly Out[]): void => {
      out.push(...spacedApart(items, spaced));
      spaced = false;
    };
    for (let i = 0; i < stmts.length; i++) {
      const s = present(stmts[i], 'stmts');
      const afterGone = definedHere.some((c) => c.node.id === previous?.id);
      spaced ||= !afterGone && blankLineBefore(this.file, s);
      if (s.type === 'comment') {
        const last = out.at(-1);
        if (previous && last && 'line' in last && this.file.lineOf(s) === this.file.endLineOf(previous)) out[out.length - 1] = { ...last, line: last.line + this.file.text.slice(previous.endIndex, s.endIndex) };
        else push([copied(this.file, s, [])]);
        continue;
      }
      previous = s;
      if (s.type === 'nonlocal_statement') continue;
      if (s.type === 'function_definition') {
        const cont = this.conts.get(s.childForFieldName('name')?.text ?? '');
        if (cont?.node.id === s.id && cont.kind !== 'loop') {
          definedHere.push(cont);
          continue;
        }
      }
      let res: Res | undefined;
      let consumed = false;
      const loop = this.loopAt(stmts, i);
      if (loop) {
        res = this.loop(loop, env, definedHere);
        i = loop.end;
      } else if (s.type === 'return_statement') {
        const value = s.firstNamedChild;
        if (!value) refuse('continuation-not-tail', s, `${this.at(s)}: \`return\` without calling the continuation \`${this.spec.cont}\` stops the computation; the caller would never continue`);
        res = this.tail(value, env);
      } else if (s.type === 'expression_statement' && this.mentionsContinuation(s)) {
        res = this.tail(present(s.firstNamedChild, 'expression'), env);
      } else if (s.type === 'if_statement' && this.mentionsContinuation(s)) {
        const r = this.ifStatement(s, stmts.slice(i + 1), env);
        if (r.falls.size === 1 && r.falls.has(OPEN)) {
          push(r.out);
          continue;
        }
        res = r;
        consumed = r.consumed;
      } else if ((s.type === 'for_statement' || s.type === 'while_statement') && this.mentionsContinuation(s)) {
        push(this.plainLoop(s).out);
        continue;
      } else if (this.mentionsContinuation(s)) {
        refuse('continuation-not-tail', s, `${this.at(s)}: the continuation is used inside \`${this.file.textOf(s).split(/\r?\n/)[0] ?? ''}\`, not as the last call of a path; a CPS function only calls it or passes it on, last`);
      } else {
        push([copied(this.file, s, [])]);
        continue;
      }
      push(res.out);
      const rest = consumed ? [] : stmts.slice(i + 1).filter((r) => r.type !== 'comment');
      // `cont(v); return`: the bare return only ends the path the call already ended.
      if (rest.length === 1 && rest[0]?.type === 'return_statement' && !rest[0].firstNamedChild && s.type !== 'return_statement') consumed = true;
      const after = consumed ? undefined : rest[0];
      if (after) refuse('continuation-not-tail', after, `${this.at(after)}: the path goes on after calling or passing on the continuation (line ${String(this.file.lineOf(s))}); a CPS function does that once, as the last thing each path does`);
      if (!consumed) out.push(...stmts.slice(i + 1).map((c) => line(this.file.textOf(c))));
      return { out, falls: this.joinAfter(res.falls, definedHere, out, env) };
    }
    return { out, falls: new Set([OPEN]) };
  }

  /** When every way on leads to one join defined in this block, its code follows here. */
  private joinAfter(falls: ReadonlySet<string>, definedHere: readonly Cont[], out: Out[], env: Env): ReadonlySet<string> {
    let current = falls;
    for (;;) {
      const [only] = current;
      const join = current.size === 1 ? definedHere.find((c) => c.name === only && !c.emitted) : undefined;
      if (!join) return current;
      join.emitted = true;
      const r = this.block(join.body, env);
      out.push(...r.out);
      current = r.falls;
    }
  }

  // ---- tails ---------------------------------------------------------------------

  /** The last expression of a path: a call of the continuation, of a local continuation, or a CPS call passing one on. */
  private tail(expr: Node, env: Env): Res {
    const e = unparenthesized(expr);
    if (e.type === 'lambda' && !e.childForFieldName('parameters')) return this.lambdaTail(field(e, 'body'), env);
    const branches = conditionalBranches(e);
    if (branches) return this.conditionalTail(e, branches, env);
    if (e.type !== 'call') refuse('continuation-not-tail', e, `${this.at(e)}: the path ends with \`${this.file.textOf(e)}\` instead of calling the continuation \`${this.spec.cont}\``);
    const callee = field(e, 'function');
    const args = argumentsOf(e);
    if (callee.type === 'identifier' && this.special.has(callee.text)) {
      for (const a of args) if (this.mentionsContinuation(a)) refuse('continuation-not-tail', a, `${this.at(a)}: a continuation is passed as a value to \`${callee.text}\``);
      this.valuesKnown(callee.text, args);
      if (callee.text === this.spec.errorCont) return this.raise(e, args);
      if (callee.text === this.spec.cont) return this.deliver(e, args);
      const cont = present(this.conts.get(callee.text), callee.text);
      if (args.length !== cont.params.length || !hasOnlyPlainParameters(cont.node)) {
        refuse('continuation-arity', e, `${this.at(e)}: \`${cont.name}\` is called with ${String(args.length)} values for its parameters \`${this.file.textOf(field(cont.node, 'parameters'))}\`; each value must bind one parameter to stand as an assignment`);
      }
      return this.enter(cont, args.map((a) => this.file.textOf(a)), env, e);
    }
    const slots = this.slotsOf(e);
    if (slots) {
      if (this.mentionsContinuation(callee) || args.some((a) => a.id !== slots.cont.id && a.id !== slots.error?.id && this.mentionsContinuation(a))) {
        refuse('continuation-not-tail', e, `${this.at(e)}: a continuation is passed to \`${this.file.textOf(callee)}\` where it does not take one`);
      }
      return this.cpsCall(e, slots, env);
    }
    return refuse('continuation-not-tail', e, `${this.at(e)}: the path ends with \`${this.file.textOf(e)}\`, which neither calls nor passes on the continuation \`${this.spec.cont}\``);
  }

  /** \`k(x) if c else op(y, k)\`: each branch a tail of its own, as an \`if\`/\`else\` statement. */
  private conditionalTail(e: Node, [value, otherwise]: [Node, Node], env: Env): Res {
    const condition = present(e.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment')[1], 'condition');
    if (this.mentionsContinuation(condition)) refuse('continuation-not-tail', condition, `${this.at(condition)}: the continuation is used in a condition`);
    const results = [this.tail(value, env), this.tail(otherwise, env)];
    const [first] = results;
    const only = first?.falls.size === 1 ? [...first.falls][0] : undefined;
    const alike = results.every((r) => r.falls.size === (only === undefined ? 0 : 1) && (only === undefined || r.falls.has(only)));
    const [yes, no] = results.map((r) => (alike ? r : withJump(r)));
    return { out: [block(`if ${this.lineText(condition)}:`, present(yes, 'yes').out), block('else:', present(no, 'no').out)], falls: new Set([...present(yes, 'yes').falls, ...present(no, 'no').falls]) };
  }

  /** A lambda's body: one tail expression, or a sequence `(a(r), b(r), k(x))` whose items run in order before the last. */
  private lambdaTail(body: Node, env: Env): Res {
    const inner = unparenthesized(body);
    if (inner.type !== 'tuple') return this.tail(inner, env);
    const items = children(inner).filter((c) => c.type !== 'comment');
    const lead = items.slice(0, -1);
    for (const item of lead) if (this.mentionsContinuation(item)) refuse('continuation-not-tail', item, `${this.at(item)}: a continuation is used before the last item of \`${this.file.textOf(inner)}\``);
    const rest = this.tail(present(items.at(-1), 'items'), env);
    return { out: [...lead.map((item) => line(this.lineText(item))), ...rest.out], falls: rest.falls };
  }

  /**
   * A continuation's values become a `return` value or assignments, one per
   * argument: \`k(*pair)\` hands on as many as the sequence holds, \`k(**kw)\`
   * and \`k(value=x)\` bind by name, and neither has that form.
   */
  private valuesKnown(name: string, args: readonly Node[]): void {
    // The error continuation's one exception may come by keyword (`errback(error=e)`): it is raised either way.
    const loose = args.find((a) => a.type === 'list_splat' || a.type === 'dictionary_splat' || (a.type === 'keyword_argument' && name !== this.spec.errorCont));
    if (!loose) return;
    const why = loose.type === 'keyword_argument' ? 'binds a parameter by name, which a returned value cannot' : 'unpacks a value, so how many values it gets is not known where one value is returned';
    refuse('continuation-arity', loose, `${this.at(loose)}: \`${this.file.textOf(loose)}\` in the call of \`${name}\` ${why}`);
  }

  /** `cont(v)` returns v; `cont(a, b)` returns both as a tuple where the form allows it. */
  private deliver(call: Node, args: readonly Node[]): Res {
    if (args.length > 1 && !this.spec.tuples) refuse('continuation-arity', call, `${this.at(call)}: the continuation is called with ${String(args.length)} values; a function returns one`);
    if (this.arity !== undefined && this.arity !== args.length && (this.arity > 1 || args.length > 1)) {
      refuse('continuation-arity', call, `${this.at(call)}: the continuation is called with ${String(args.length)} values here and ${String(this.arity)} elsewhere; one return value cannot stand for both`);
    }
    this.arity = args.length;
    const [only] = args;
    // `cont((a, b))` is how direct → CPS hands on `return a, b`: the tuple needs no brackets of its own after `return`.
    const items = only?.type === 'tuple' && args.length === 1 ? children(only) : [];
    const written = args.length > 1 ? args.map((a) => this.lineText(a)).join(', ') : items.length > 1 ? items.map((a) => this.lineText(a)).join(', ') : only && only.text !== 'None' ? this.lineText(only) : undefined;
    // An argument spread over lines held together by the call's parentheses needs its own after \`return\` (one in brackets of its own does not).
    const value = written !== undefined && breaksOutsideBrackets(written) ? `(${written})` : written;
    // PEP 8: where any path returns a value, a path without one says `return None`.
    return { out: [line(value !== undefined ? `return ${value}` : this.returnsValues ? 'return None' : 'return')], falls: new Set() };
  }

  /** `errback(error)` raises the error, so the caller's `except` (or its caller's) takes it. */
  private raise(call: Node, args: readonly Node[]): Res {
    const [error] = args;
    if (args.length !== 1 || !error) return refuse('continuation-arity', call, `${this.at(call)}: the error continuation is called with ${String(args.length)} values; raising takes one exception`);
    const value = unparenthesized(error.type === 'keyword_argument' ? field(error, 'value') : error);
    const callee = value.type === 'call' ? value.childForFieldName('function') : null;
    const className = callee ? this.file.textOf(callee).split('.').at(-1) ?? '' : '';
    if (!/^[A-Z]/.test(className) && !(value.type === 'identifier' && this.exceptions.has(value.text))) {
      refuse('error-not-exception', error, `${this.at(error)}: the error continuation gets \`${this.file.textOf(error)}\`, which the module does not show to be an exception, so it cannot be raised`);
    }
    return { out: [line(`raise ${this.lineText(value)}`)], falls: new Set() };
  }

  private isContinuationArgument(arg: Node): boolean {
    const a = unparenthesized(arg.type === 'keyword_argument' ? field(arg, 'value') : arg);
    return (a.type === 'identifier' && this.special.has(a.text)) || a.type === 'lambda';
  }

  /** `op(args, k)`: the result bound to k's parameter, then k's body; with an error continuation, a `try` whose `except` is its body. */
  private cpsCall(call: Node, slots: Slots, env: Env): Res {
    const written = this.spec.operation(call, slots);
    const op = { ...written, text: relativeTo(this.file, call.startIndex, written.text) };
    const k = unparenthesized(valueOf(slots.cont));
    const handler = slots.error ? unparenthesized(valueOf(slots.error)) : undefined;
    const rerun = handler && k.type === 'identifier' ? this.conts.get(k.text) : undefined;
    const attempt = rerun && handler ? rerunTry(rerun.node, handler) : undefined;
    if (rerun && attempt) return this.rerun(op, rerun, attempt, env);
    if (handler && !(handler.type === 'identifier' && handler.text === this.spec.errorCont)) return this.guarded(op, k, handler, env);
    return this.continueWith(op, k, env);
  }

  /** A caller's \`try\` that its continuation re-runs with the call's outcome: the call goes back in place of the statement raising that outcome. */
  private rerun(op: Operation, cont: Cont, attempt: RerunTry, env: Env): Res {
    cont.emitted = true;
    // A discarded result came back as \`_\` (or \`_2\`, …).
    const call = /^_\d*$/.test(attempt.value) ? op.text : `${attempt.value} = ${op.text}`;
    const rest = this.block(attempt.rest, env);
    return { out: [copied(this.file, attempt.attempt, [{ start: attempt.raising.startIndex, end: attempt.raising.endIndex, text: call }]), ...rest.out], falls: rest.falls };
  }

  /** `try: r = yield op / except Exception as e: <handler> / else: <the rest>`: only the operation is guarded, as only it reports to the handler. */
  private guarded(op: Operation, k: Node, handler: Node, env: Env): Res {
    const success = this.continueWith(op, k, env);
    const [bind] = success.out;
    const failure = this.handle(handler, env);
    const results = [failure.res, success];
    const alike = results.every((r) => r.falls.size === 1 && [...r.falls][0] === [...success.falls][0]);
    const [onError, onSuccess] = results.map((r) => (alike ? r : withJump(r)));
    const caught = failure.name ? `except Exception as ${failure.name}:` : 'except Exception:';
    const out: Out[] = [block('try:', [present(bind, 'bind')]), block(caught, present(onError, 'onError').out)];
    const rest = present(onSuccess, 'onSuccess').out.slice(1);
    if (rest.length > 0) out.push(block('else:', rest));
    return { out, falls: new Set([...present(onError, 'onError').falls, ...present(onSuccess, 'onSuccess').falls]) };
  }

  /** The code an error continuation runs, with the name its exception is bound to. */
  private handle(handler: Node, env: Env): { name: string | undefined; res: Res } {
    let names: string[];
    let body: () => Res;
    if (handler.type === 'lambda') {
      names = this.lambdaParameters(handler);
      body = () => this.lambdaTail(field(handler, 'body'), env);
    } else {
      const cont = this.conts.get(handler.text);
      if (!cont) return refuse('continuation-not-tail', handler, `${this.at(handler)}: the error continuation \`${handler.text}\` is neither a local function nor a lambda, so the paths through it cannot be followed`);
      names = [...cont.params];
      body = () => this.enter(cont, [], env, handler);
    }
    if (names.length > 1) refuse('continuation-arity', handler, `${this.at(handler)}: the error continuation takes ${String(names.length)} values; an exception is one`);
    const [name] = names;
    if (name !== undefined) this.exceptions.add(name);
    return { name, res: body() };
  }

  /** The result of `op` goes to the continuation `k`: the function's own (returned), a lambda, or a local def. */
  private continueWith(op: Operation, k: Node, env: Env): Res {
    if (k.type === 'identifier' && k.text === this.spec.cont) {
      return { out: [line(`return ${op.parenthesize ? `(${op.text})` : op.text}`)], falls: new Set() };
    }
    if (k.type === 'lambda') {
      const names = this.lambdaParameters(k);
      if (names.length > 1 && !this.spec.tuples) refuse('continuation-arity', k, `${this.at(k)}: the continuation takes ${String(names.length)} values; a call can deliver only one result`);
      const shadow = names.find((n) => parameterNames(this.spec.fn.node).includes(n));
      if (shadow) refuse('name-clash', k, `${this.at(k)}: the continuation's parameter \`${shadow}\` hides the function's parameter of that name; rename it so both values stay apart`);
      const lambdaBody = field(k, 'body');
      const used = identifiers(lambdaBody);
      const bind = names.length > 1 || (names[0] !== undefined && used.has(names[0]));
      const first = line(bind ? `${names.join(', ')} = ${op.text}` : op.text);
      const rest = this.lambdaTail(lambdaBody, env);
      return { out: [first, ...rest.out], falls: rest.falls };
    }
    const cont = this.conts.get(k.text);
    if (!cont) return refuse('continuation-not-tail', k, `${this.at(k)}: the continuation \`${this.file.textOf(k)}\` is neither the function's own, a local function nor a lambda, so the paths through it cannot be followed`);
    if (cont.params.length > 1) {
      if (!this.spec.tuples) refuse('continuation-arity', k, `${this.at(k)}: the continuation \`${cont.name}\` takes ${String(cont.params.length)} values; a call can deliver only one result`);
      // `def on_row(err, row=None)`: called with one value or two, which one unpacking cannot follow.
      if (!hasOnlyPlainParameters(cont.node)) refuse('continuation-arity', k, `${this.at(k)}: the continuation \`${cont.name}\` takes \`${this.file.textOf(field(cont.node, 'parameters'))}\`, so it may be called with fewer values, which one unpacking cannot take`);
      const r = this.enter(cont, [], env, k);
      return { out: [line(`${cont.params.join(', ')} = ${op.text}`), ...r.out], falls: r.falls };
    }
    const param = cont.params[0];
    if (cont.kind === 'single' && param) {
      // `def after_f(r): nonlocal x; x = r; ...` reads best as `x = f(...)`.
      const body = cont.body.filter((s) => s.type !== 'comment');
      const first = body[0]?.firstNamedChild;
      const right = first?.type === 'assignment' ? first.childForFieldName('right') : null;
      const left = first?.type === 'assignment' ? first.childForFieldName('left') : null;
      const usedOnce = cont.body.reduce((n, s) => n + s.descendantsOfType('identifier').filter((i) => i?.text === param).length + (s.type === 'identifier' && s.text === param ? 1 : 0), 0) === 1;
      if (right?.type === 'identifier' && right.text === param && left?.type === 'identifier' && usedOnce) {
        cont.emitted = true;
        const r = this.block(cont.body.filter((s) => s.id !== present(body[0], 'body').id), env);
        return { out: [line(`${left.text} = ${op.text}`), ...r.out], falls: r.falls };
      }
    }
    const r = this.enter(cont, [], env, k);
    const used = param !== undefined && cont.body.some((b) => identifiers(b).has(param));
    return { out: [line(used ? `${param} = ${op.text}` : op.text), ...r.out], falls: r.falls };
  }

  /**
   * The names a lambda continuation binds. A lone parameter may have a default
   * (\`lambda _=None:\` takes a timer's call with no value as the runner's
   * \`resume()\` does); beside others, a default or \`*values\` means the
   * number of values varies, which one unpacking cannot follow.
   */
  private lambdaParameters(k: Node): string[] {
    const list = k.childForFieldName('parameters');
    const params = list ? children(list).filter((p) => p.type !== 'comment') : [];
    const name = (p: Node): string | undefined => (p.type === 'identifier' ? p.text : p.type === 'default_parameter' && params.length === 1 ? p.childForFieldName('name')?.text : undefined);
    return params.map((p) => name(p) ?? refuse('continuation-arity', p, `${this.at(p)}: the continuation's parameter \`${this.file.textOf(p)}\` lets it be called with more or fewer values, which one result cannot stand for`));
  }

  /** Control reaches a local continuation with `args` bound to its parameters (none: already bound by a call). */
  private enter(cont: Cont, args: readonly string[], env: Env, at: Node): Res {
    const assign = assignment(cont.params, args);
    if (env.loop?.name === cont.name) return { out: assign, falls: new Set([CONTINUE]) };
    if (env.loop?.exit === cont.name) return { out: assign, falls: new Set([BREAK]) };
    if (cont.kind === 'loop') refuse('unrecognised-loop', at, `${this.at(at)}: the recursive continuation \`${cont.name}\` is not a loop the refactor recognises`);
    if (cont.kind === 'join') return { out: assign, falls: new Set([cont.name]) };
    cont.emitted = true;
    const r = this.block(cont.body, env);
    return { out: [...assign, ...r.out], falls: r.falls };
  }

  // ---- loops that continue only to leave ----------------------------------------

  /** `for line in text: if bad: errback(e); return`: the loop stays; inside it a continuation may only end the function. */
  private plainLoop(s: Node): Res {
    const body = s.childForFieldName('body');
    const elseClause = children(s).find((c) => c.type === 'else_clause');
    const clauses = [{ node: s, header: this.header(s, body), body }, ...(elseClause ? [{ node: elseClause, header: this.header(elseClause, elseClause.childForFieldName('body')), body: elseClause.childForFieldName('body') }] : [])];
    const results = clauses.map((c) => this.block(bodyStatements(this.file, c.node, c.body), { loop: undefined }));
    if (results.some((r) => [...r.falls].some((f) => f !== OPEN))) refuse('unsupported-statement', s, `${this.at(s)}: a path through this loop hands the continuation on and would have to come back into the loop`);
    return { out: clauses.map((c, i) => block(c.header, present(results[i], 'results').out)), falls: new Set([OPEN]) };
  }

  // ---- if ---------------------------------------------------------------------------

  private ifStatement(s: Node, rest: readonly Node[], env: Env): Res & { consumed: boolean } {
    const clauses: { node: Node; header: string; body: Node | null }[] = [{ node: s, header: this.header(s, s.childForFieldName('consequence')), body: s.childForFieldName('consequence') }];
    for (const c of children(s)) {
      if (c.type === 'elif_clause') clauses.push({ node: c, header: this.header(c, c.childForFieldName('consequence')), body: c.childForFieldName('consequence') });
      if (c.type === 'else_clause') clauses.push({ node: c, header: this.header(c, c.childForFieldName('body')), body: c.childForFieldName('body') });
    }
    const hasElse = children(s).some((c) => c.type === 'else_clause');
    const results = clauses.map((c) => this.block(bodyStatements(this.file, c.node, c.body), env));
    const restCode = rest.filter((r) => r.type !== 'comment');
    const first = [...(results[0]?.falls ?? [])];
    // When every way on goes to the same place (the rest being at most a jump there), no explicit jump is needed.
    // Without an `else`, that place is where the rest jumps: round the loop again.
    const restJumps = restCode.length === 0 || (restCode.length === 1 && env.loop !== undefined && exitCallOf(present(restCode[0], 'statement')) === env.loop.name && !hasElse);
    const place = hasElse ? first[0] ?? '' : CONTINUE;
    const alike = restJumps && (hasElse || restCode.length === 1) && results.every((r) => r.falls.size === 1 && r.falls.has(place));
    const fixed = results.map((r) => (alike ? r : withJump(r)));
    const kinds = new Set(fixed.flatMap((r) => [...r.falls]));
    const emit = (extra: Out[]): Out[] => [...clauses.map((c, i) => block(c.header, present(fixed[i], 'fixed').out)), ...extra];
    if ([...kinds].every((k) => k === OPEN)) {
      return { out: emit([]), falls: new Set(hasElse && !kinds.has(OPEN) ? [] : [OPEN]), consumed: false };
    }
    if (kinds.has(OPEN)) refuse('continuation-not-tail', s, `${this.at(s)}: some branches of this \`if\` call the continuation and others fall through; give every branch its continuation call`);
    if (hasElse) return { out: emit([]), falls: kinds, consumed: false };
    const otherwise = this.block(rest, env);
    const elseClause = otherwise.out.some((o) => !('line' in o) || !o.line.startsWith('#')) ? [block('else:', otherwise.out)] : otherwise.out;
    return { out: emit(elseClause), falls: new Set([...kinds, ...otherwise.falls]), consumed: true };
  }

  private header(clause: Node, body: Node | null): string {
    const condition = clause.childForFieldName('condition');
    if (condition && this.mentionsContinuation(condition)) refuse('continuation-not-tail', condition, `${this.at(condition)}: the continuation is used in a condition`);
    const colon = clause.children.find((c) => c?.type === ':' && (!body || c.startIndex < body.startIndex));
    return relativeTo(this.file, clause.startIndex, this.file.text.slice(clause.startIndex, colon?.endIndex ?? clause.startIndex));
  }

  // ---- loops ----------------------------------------------------------------------

  /** `it = iter(E)` + `def loop(): for T in it: ...` + `return loop()`, or `def loop(): if C: ...` + `return loop()`. */
  private loopAt(stmts: readonly Node[], i: number): { cont: Cont; iterable: Node | undefined; end: number; start?: Node } | undefined {
    const s = present(stmts[i], 'stmts');
    let defIndex = i;
    let iterName: string | undefined;
    let iterable: Node | undefined;
    const assign = s.type === 'expression_statement' ? s.firstNamedChild : null;
    const right = assign?.type === 'assignment' ? assign.childForFieldName('right') : null;
    if (right?.type === 'call' && right.childForFieldName('function')?.text === 'iter' && argumentsOf(right).length === 1) {
      iterName = assign?.childForFieldName('left')?.text;
      iterable = argumentsOf(right)[0];
      defIndex = nextCode(stmts, i + 1);
    }
    const def = stmts[defIndex];
    const cont = def?.type === 'function_definition' ? this.conts.get(def.childForFieldName('name')?.text ?? '') : undefined;
    if (cont?.kind !== 'loop' || cont.node.id !== def?.id) return undefined;
    // The loop's other continuations may be defined between it and its start.
    let callIndex = nextCode(stmts, defIndex + 1);
    while (stmts[callIndex]?.type === 'function_definition' && this.conts.get(stmts[callIndex]?.childForFieldName('name')?.text ?? '')?.node.id === stmts[callIndex]?.id) callIndex = nextCode(stmts, callIndex + 1);
    const call = stmts[callIndex];
    const target = call && (call.type === 'return_statement' || call.type === 'expression_statement') ? call.firstNamedChild : null;
    const called = target ? unparenthesized(target) : undefined;
    const inner = called?.type === 'lambda' ? called.childForFieldName('body') : called;
    if (inner?.type !== 'call' || inner.childForFieldName('function')?.text !== cont.name) return undefined;
    const head = cont.body.find((b) => b.type !== 'comment');
    const matches = cont.params.length === 0 && (iterName ? head?.type === 'for_statement' && head.childForFieldName('right')?.text === iterName : head?.type === 'if_statement');
    if (matches) return { cont, iterable, end: callIndex };
    // `def step(i): ...; step(0)`: a step function that calls itself again with the next state.
    if (iterName) return undefined;
    return { cont, iterable: undefined, end: callIndex, start: inner };
  }

  /** A recursive step function: its parameters are the loop's state, set from each call of it; it leaves only by continuing. */
  private stepLoop(cont: Cont, start: Node): Res {
    const args = argumentsOf(start);
    if (args.length !== cont.params.length || args.some((a) => a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat')) {
      refuse('unrecognised-loop', start, `${this.at(start)}: the loop function \`${cont.name}\` is started with arguments that do not match its parameters one to one`);
    }
    this.refuseCapturedState(cont);
    const body = this.block(cont.body, { loop: { name: cont.name, exit: undefined } });
    if ([...body.falls].some((f) => f !== CONTINUE)) refuse('unrecognised-loop', cont.node, `${this.at(cont.node)}: a path through the loop function \`${cont.name}\` neither calls it again nor continues`);
    const init = assignment(cont.params, args.map((a) => this.file.textOf(a)));
    return { out: [...init, block('while True:', body.out.length > 0 ? body.out : [line('pass')])], falls: new Set() };
  }

  /** A closure left in the loop body that reads the loop's state would see it change: each call of the step function had its own. */
  private refuseCapturedState(cont: Cont): void {
    const state = new Set(cont.params);
    for (const b of cont.body) {
      for (const scope of [...b.descendantsOfType('lambda'), ...b.descendantsOfType('function_definition')]) {
        if (!scope || this.inlined(scope)) continue;
        const read = [...identifiers(scope)].find((n) => state.has(n));
        if (read) refuse('variable-flow', scope, `${this.at(scope)}: a function made in the loop \`${cont.name}\` keeps \`${read}\`, which a loop would change under it`);
      }
    }
  }

  /** A continuation the rewrite folds into straight-line code: a local continuation, or a lambda passed last to a call. */
  private inlined(scope: Node): boolean {
    if (scope.type === 'function_definition') return this.conts.get(scope.childForFieldName('name')?.text ?? '')?.node.id === scope.id;
    const arg = scope.parent?.type === 'keyword_argument' ? scope.parent : scope;
    const call = arg.parent?.type === 'argument_list' ? arg.parent.parent : null;
    return call?.type === 'call' && isContinuationSlot(arg, call, this.file) && inTailPosition(call, this.file);
  }

  private loop(found: { cont: Cont; iterable: Node | undefined; start?: Node }, env: Env, definedHere: readonly Cont[]): Res {
    const { cont, iterable } = found;
    if (found.start) return this.stepLoop(cont, found.start);
    const stmts = cont.body;
    const headIndex = stmts.findIndex((b) => b.type !== 'comment');
    const head = present(stmts[headIndex], 'stmts');
    const exitStmts = stmts.slice(headIndex + 1);
    const exitCode = exitStmts.filter((b) => b.type !== 'comment');
    const exitCall = exitCode.length === 1 ? exitCallOf(present(exitCode[0], 'exitCode')) : undefined;
    const exit = exitCall ? definedHere.find((c) => c.name === exitCall && c.params.length === 0) : undefined;
    const inner: Env = { loop: { name: cont.name, exit: exit?.name } };
    const bodyNode = head.childForFieldName(head.type === 'for_statement' ? 'body' : 'consequence');
    if (children(head).some((c) => c.type === 'else_clause' || c.type === 'elif_clause')) refuse('unrecognised-loop', head, `${this.at(head)}: the loop continuation \`${cont.name}\` has a shape the refactor does not recognise`);
    const body = this.block(bodyStatements(this.file, head, bodyNode), inner);
    const falls = [...body.falls];
    if (falls.some((f) => f !== CONTINUE && f !== BREAK)) refuse('unrecognised-loop', head, `${this.at(head)}: a path through the loop body neither goes round again nor leaves the loop`);
    const bodyOut = falls.length === 1 && falls[0] === BREAK ? [...body.out, line('break')] : body.out;
    const header = head.type === 'for_statement'
      ? `for ${this.lineText(field(head, 'left'))} in ${this.lineText(present(iterable, 'iterable'))}:`
      : `while ${this.lineText(field(head, 'condition'))}:`;
    let after: Res;
    if (exit) {
      exit.emitted = true;
      after = this.block(exit.body, env);
    } else {
      after = this.block(exitStmts, env);
    }
    return { out: [block(header, bodyOut), ...after.out], falls: after.falls };
  }
}

/** `a, b = x, y` for the parameters whose value changes (all at once, as a call binds them). */
function assignment(params: readonly string[], args: readonly string[]): Out[] {
  const changed = params.map((p, i) => [p, args[i]] as const).filter((pair): pair is readonly [string, string] => pair[1] !== undefined && pair[1] !== pair[0]);
  // One by one reads best; all at once only when a value reads a parameter set before it.
  const reads = (text: string, name: string): boolean => new RegExp(`(^|[^\\w.])${name}(?!\\w)`, 'u').test(text);
  const tangled = changed.some(([, a], i) => changed.slice(0, i).some(([p]) => reads(a, p)));
  if (!tangled) return changed.map(([p, a]) => line(`${p} = ${a}`));
  return [line(`${changed.map(([p]) => p).join(', ')} = ${changed.map(([, a]) => a).join(', ')}`)];
}

/** A branch that goes round its loop again (or leaves it) says so, when the branches beside it go elsewhere. */
function withJump(r: Res): Res {
  if (r.falls.size !== 1) return r;
  if (r.falls.has(CONTINUE)) return { out: [...r.out, line('continue')], falls: new Set<string>() };
  if (r.falls.has(BREAK)) return { out: [...r.out, line('break')], falls: new Set<string>() };
  return r;
}

/** The value of an argument, keyword or not. */
export function valueOf(arg: Node): Node {
  return arg.type === 'keyword_argument' ? field(arg, 'value') : arg;
}

function exitCallOf(stmt: Node): string | undefined {
  let e = stmt.firstNamedChild ? unparenthesized(stmt.firstNamedChild) : undefined;
  if (e?.type === 'lambda') e = e.childForFieldName('body') ?? undefined;
  return e?.type === 'call' && argumentsOf(e).length === 0 ? e.childForFieldName('function')?.text : undefined;
}

function nextCode(stmts: readonly Node[], from: number): number {
  let i = from;
  while (i < stmts.length && present(stmts[i], 'stmts').type === 'comment') i++;
  return i;
}


/** Where a statement goes first in a body without displacing its docstring: past the comments before it and the docstring. */
function afterDocstring(stmts: readonly Node[]): number {
  const first = stmts.findIndex((s) => s.type !== 'comment');
  const docstring = stmts[first]?.type === 'expression_statement' && stmts[first].firstNamedChild?.type === 'string';
  return docstring ? first + 1 : 0;
}

function unparenthesized(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.firstNamedChild) n = n.firstNamedChild;
  return n;
}

function isTailCallee(use: Node, file: SourceFile): boolean {
  const call = use.parent;
  return call?.type === 'call' && call.childForFieldName('function')?.id === use.id && inTailPosition(call, file);
}
