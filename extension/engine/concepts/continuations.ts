// Continuations and their machinery: CPS functions (every path ends by
// calling the continuation), thunks (suspended zero-argument computations)
// and trampolines (loops that keep calling what the last call returned).
import type { Node } from 'web-tree-sitter';
import type { ConceptLabel } from './concept';
import { label, type FunctionContext } from './context';
import { isRegistration } from './higherOrder';
import { argumentsOf, calleeIdentifier, calleeName, contains, logicalParent, unparenthesize } from '../python/scopes';
import { callableParameters, parameterCalls } from './parameterCalls';

/** Conventional continuation names; only these may end a path with `return k(...)` rather than `k(...)`. */
const CONTINUATION_NAME = /^(k|cont|continuation|callback|cb|done|next|then|ok|resolve|reject|succeed|fail|on_\w+|\w+_(cont|continuation|callback|cb|k))$/i;

export function continuationLabels(ctx: FunctionContext): ConceptLabel[] {
  const labels: ConceptLabel[] = [];
  const cps = cpsEvidence(ctx);
  if (cps.length > 0) labels.push(label(ctx.file, 'cps-function', cps));
  const thunks = thunkEvidence(ctx);
  if (thunks.length > 0) labels.push(label(ctx.file, 'thunk', thunks));
  const bounces = trampolineEvidence(ctx);
  if (bounces.length > 0) labels.push(label(ctx.file, 'trampoline', bounces));
  return labels;
}

interface Continuations {
  readonly names: ReadonlySet<string>;
  /** A continuation is conventionally named, so `return k(x)` is a tail call, not a returned value. */
  readonly named: boolean;
  /** Nested functions defined in this scope, by name: passing one on continues through it. */
  readonly nested: ReadonlyMap<string, Node>;
}

/** The tail calls that end each path, when every path of the body ends in one. */
function cpsEvidence(ctx: FunctionContext): Node[] {
  const { scope, info } = ctx;
  if (info.isAsync || scope.yields.length > 0 || scope.awaits.length > 0) return [];
  const called = new Set(parameterCalls(ctx).map((c) => c.parameter));
  const names = new Set(callableParameters(ctx).filter((p) => called.has(p.name) || CONTINUATION_NAME.test(p.name)).map((p) => p.name));
  const body = info.node.childForFieldName('body');
  if (names.size === 0 || !body) return [];
  const conts: Continuations = {
    names,
    named: [...names].some((n) => CONTINUATION_NAME.test(n)),
    nested: new Map(scope.nestedDefs.map((d) => [d.childForFieldName('name')?.text ?? '', d])),
  };
  const tails: Node[] = [];
  if (endsInTailCall(body, conts, tails) !== 'ends') return [];
  // Only thunks on every path is a thunk factory (`return lambda: f(*args)`), not CPS.
  return tails.some((t) => t.type !== 'return_statement' || t.firstNamedChild?.type !== 'lambda') ? tails : [];
}

type Ending = 'ends' | 'falls' | 'bad';

/** Walks a block: every `return` must continue, and the block's last path must too. */
function endsInTailCall(block: Node, conts: Continuations, tails: Node[]): Ending {
  const statements = block.namedChildren.filter((s): s is Node => s !== null && s.type !== 'comment');
  let previous: Node | undefined;
  for (const [i, s] of statements.entries()) {
    const last = i === statements.length - 1;
    switch (s.type) {
      case 'return_statement': {
        const value = s.firstNamedChild;
        if (!value) {
          // `k(x); return`
          const call = previous ? statementCall(previous) : undefined;
          if (call && continues(call, conts, 'statement')) return ended(tails, previous);
          return 'bad';
        }
        return continues(unparenthesize(value), conts, 'return') ? ended(tails, s) : 'bad';
      }
      case 'expression_statement': {
        const call = statementCall(s);
        if (last && call && continues(call, conts, 'statement')) return ended(tails, s);
        break;
      }
      case 'if_statement':
      case 'try_statement':
      case 'with_statement': {
        const branches = branchesOf(s);
        const results = branches.map((b) => endsInTailCall(b, conts, tails));
        if (results.includes('bad')) return 'bad';
        const exhaustive = s.type !== 'if_statement' || s.namedChildren.some((c) => c?.type === 'else_clause');
        if (exhaustive && results.every((r) => r === 'ends')) return 'ends';
        break;
      }
      default:
        // Loops and other compound statements: a `return` inside is not a tail position we can vouch for.
        if (s.descendantsOfType('return_statement').some((r) => r !== null && ownReturn(r, s))) return 'bad';
    }
    previous = s;
  }
  return 'falls';
}

function ended(tails: Node[], node: Node | undefined): Ending {
  if (node) tails.push(node);
  return 'ends';
}

/** The blocks control can end in: if/elif/else bodies, try body and handlers (not `finally`), a with body. */
function branchesOf(statement: Node): Node[] {
  const blocks: Node[] = [];
  const take = (n: Node | null | undefined): void => {
    if (n?.type === 'block') blocks.push(n);
  };
  take(statement.childForFieldName('consequence') ?? statement.childForFieldName('body'));
  for (const c of statement.namedChildren) {
    if (!c) continue;
    if (c.type === 'elif_clause') take(c.childForFieldName('consequence'));
    else if (c.type === 'else_clause') take(c.childForFieldName('body'));
    else if (c.type === 'except_clause') take(c.namedChildren.find((b) => b?.type === 'block'));
    else if (c.type === 'finally_clause' && c.descendantsOfType('return_statement').length > 0) blocks.push(c);
  }
  return blocks;
}

/** A `return` that belongs to the function being checked, not to a function nested in `within`. */
function ownReturn(ret: Node, within: Node): boolean {
  for (let p = ret.parent; p && contains(within, p); p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return false;
  }
  return true;
}

function statementCall(statement: Node): Node | undefined {
  const expr = statement.firstNamedChild;
  return expr && unparenthesize(expr).type === 'call' ? unparenthesize(expr) : undefined;
}

/**
 * Whether `expr` hands control on to a continuation: calls one, passes one
 * (or a lambda or local function that does) to the next step, or, returned,
 * is a thunk of such a call for a trampoline.
 */
function continues(expr: Node, conts: Continuations, position: 'statement' | 'return'): boolean {
  if (expr.type === 'lambda') {
    const params = expr.childForFieldName('parameters');
    const body = expr.childForFieldName('body');
    return position === 'return' && !params && body !== null && continues(unparenthesize(body), conts, 'statement');
  }
  if (expr.type !== 'call') return false;
  if (position === 'return' && !conts.named) return false;
  const callee = calleeIdentifier(expr);
  if (callee && conts.names.has(callee)) return true;
  // Registering the continuation with a scheduler is callback style, not a tail call.
  if (isRegistration(expr)) return false;
  return argumentsOf(expr).some((arg) => {
    const value = arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
    if (!value) return false;
    if (value.type === 'identifier') {
      if (conts.names.has(value.text)) return true;
      const local = conts.nested.get(value.text);
      const body = local?.childForFieldName('body');
      return body !== undefined && body !== null && endsInTailCall(body, conts, []) === 'ends';
    }
    if (value.type === 'lambda') {
      const body = value.childForFieldName('body');
      return body !== null && continues(unparenthesize(body), conts, 'statement');
    }
    return false;
  });
}

/** Zero-argument lambdas around a call, returned, queued or stored: computations suspended for later. */
function thunkEvidence(ctx: FunctionContext): Node[] {
  const names = new Set(ctx.params.map((p) => p.name));
  return ctx.scope.lambdas.filter((lambda) => {
    if (lambda.childForFieldName('parameters')) return false;
    const body = lambda.childForFieldName('body');
    if (!body || (body.type !== 'call' && body.descendantsOfType('call').length === 0)) return false;
    const parent = logicalParent(lambda);
    if (!parent) return false;
    if (parent.type === 'return_statement') return true;
    if (parent.type === 'assignment') {
      const left = parent.childForFieldName('left');
      return left?.type === 'attribute' || left?.type === 'subscript';
    }
    if (parent.type !== 'argument_list') return false;
    const call = parent.parent;
    if (!call) return false;
    const callee = calleeName(call) ?? '';
    return QUEUEING_CALLS.has(callee) || isRegistration(call) || names.has(calleeIdentifier(call) ?? '');
  });
}

/** Calls that put their argument in a collection for later. */
const QUEUEING_CALLS = new Set(['append', 'appendleft', 'put', 'put_nowait', 'push', 'heappush', 'insert', 'submit', 'schedule', 'spawn']);

/** `while ...: f = f()`: the loop keeps calling what the previous call returned. */
function trampolineEvidence(ctx: FunctionContext): Node[] {
  const evidence: Node[] = [];
  for (const loop of ctx.scope.loops) {
    if (loop.type !== 'while_statement') continue;
    const bounces = ctx.scope.assignments.filter((a) => {
      if (a.type !== 'assignment' || !contains(loop, a)) return false;
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      return left?.type === 'identifier' && right?.type === 'call' && calleeIdentifier(right) === left.text;
    });
    if (bounces.length > 0) evidence.push(loop, ...bounces);
  }
  return evidence;
}
