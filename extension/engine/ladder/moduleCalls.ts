// A CPS call in module-level code (typically `main()` at the bottom) has no
// enclosing function to take the rest of the module as its continuation; the
// statement alone becomes the continuation: `print(f(3))` → `f(3, print)`,
// `print(f(3) + 1)` → `f(3, lambda r: print(r + 1))`.
import type { Node } from '../syntax/node';
import type { SourceFile } from '../syntax/sourceFile';
import type { FreshNames } from './freshNames';
import { checkEvaluationOrder, SITE_TYPES, sitesIn, spliced, type CpsSite, type Replacement } from './cpsTransform';
import { callsBuiltin } from './pySyntax';
import { refuse } from './refusal';
import { TRAMPOLINE_NAME } from './trampolineSource';

/** The statement rewritten so its CPS calls pass continuations; with `trampoline`, run under the trampoline. */
export function moduleStatementToCps(file: SourceFile, stmt: Node, siteAt: (n: Node) => CpsSite | undefined, names: FreshNames, trampoline: boolean): string {
  const expr = stmt.type === 'expression_statement' ? stmt.firstNamedChild : null;
  if (expr && (expr.type === 'assignment' || expr.type === 'augmented_assignment')) return assignmentToCps(file, stmt, expr, siteAt, names, trampoline);
  if (!expr) {
    return refuse('module-level-call', stmt, `line ${String(file.lineOf(stmt))}: module-level \`${file.textOf(stmt)}\` needs the result of a CPS call outside any function; move it into a function (for example \`main\`) so the rest can become its continuation`);
  }
  const sites = sitesIn(expr, SITE_TYPES, (n) => siteAt(n) !== undefined).flatMap((n) => siteAt(n) ?? []);
  checkEvaluationOrder(file, expr, sites.map((s) => s.node));
  const last = sites.at(-1);
  const whole = unparenthesized(expr).id === last?.node.id;
  const named = sites.map((site) => ({ site, param: names.fresh(site === last && whole ? '_' : `${site.label}_result`) }));
  const overrides: Replacement[] = named.map(({ site, param }) => ({ start: site.node.startIndex, end: site.node.endIndex, text: param }));
  const text = (n: Node): string => spliced(file, n.startIndex, n.endIndex, overrides);
  // Built from the inside out: the continuation of each call makes the next one.
  let k = '';
  let call = '';
  const handedOn = last ? soleArgumentOf(expr, last.node) : undefined;
  for (const [i, { site, param }] of [...named.entries()].reverse()) {
    // Under the trampoline the last continuation's value is run if it is callable: only a value known to be None may be handed back.
    if (i === named.length - 1) k = handedOn && (!trampoline || callsBuiltin(file, unparenthesized(expr), 'print')) ? file.textOf(handedOn) : `lambda ${param}: ${whole ? 'None' : trampoline && !callsBuiltin(file, unparenthesized(expr), 'print') ? `(${text(expr)}, None)[1]` : text(expr)}`;
    else k = `lambda ${param}: ${trampoline ? `lambda: ${call}` : call}`;
    call = site.render(k, text);
  }
  return trampoline ? `${TRAMPOLINE_NAME}(${call})` : call;
}

/**
 * `x = f(3) + 1` at module level: the assignment moves into a named
 * continuation that sets the global, and the call hands its result there.
 * The call returns only once its continuation has run (the CPS rung is
 * synchronous), so the statements after it see `x` as before.
 */
function assignmentToCps(file: SourceFile, stmt: Node, assignment: Node, siteAt: (n: Node) => CpsSite | undefined, names: FreshNames, trampoline: boolean): string {
  const at = `line ${String(file.lineOf(stmt))}`;
  const left = assignment.childForFieldName('left');
  const targets = left ? targetIdentifiers(left) : undefined;
  const sites = sitesIn(assignment, SITE_TYPES, (n) => siteAt(n) !== undefined).flatMap((n) => siteAt(n) ?? []);
  const site = sites[0];
  if (!left || !targets || !site || sites.length !== 1 || left.startIndex <= site.node.startIndex && site.node.endIndex <= left.endIndex || /[\r\n]/.test(file.textOf(stmt))) {
    return refuse('module-level-call', stmt, `${at}: module-level \`${file.textOf(stmt)}\` needs the result of more than one CPS call, or assigns something other than plain names; move it into a function (for example \`main\`) so the rest can become its continuation`);
  }
  checkEvaluationOrder(file, assignment, [site.node]);
  const param = names.fresh(`${site.label}_result`);
  const k = names.fresh(`after_${site.label}`);
  const text = (n: Node): string => spliced(file, n.startIndex, n.endIndex, [{ start: site.node.startIndex, end: site.node.endIndex, text: param }]);
  const indent = /^[ \t]*/.exec(file.lines.lineText(file.positionAt(stmt.startIndex).line))?.[0] ?? '';
  const eol = file.lines.eol;
  const body = [`global ${[...new Set(targets)].join(', ')}`, text(stmt)];
  const call = site.render(k, (n) => file.textOf(n));
  return [`def ${k}(${param}):`, ...body.map((l) => `${indent}    ${l}`), `${indent}${trampoline ? `${TRAMPOLINE_NAME}(${call})` : call}`].join(eol);
}

/** The names a plain assignment target binds (`x`, `a, b`), or undefined for subscripts and attributes. */
function targetIdentifiers(target: Node): string[] | undefined {
  if (target.type === 'identifier') return [target.text];
  if (!['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression'].includes(target.type)) return undefined;
  const names: string[] = [];
  for (const child of target.namedChildren) {
    const inner = child ? targetIdentifiers(child) : undefined;
    if (!inner) return undefined;
    names.push(...inner);
  }
  return names;
}

/** `print(f(3))`: the function named by a plain identifier that `site` is the one argument of, which can be the continuation itself. */
function soleArgumentOf(expr: Node, site: Node): Node | undefined {
  const call = unparenthesized(expr);
  const callee = call.type === 'call' ? call.childForFieldName('function') : null;
  const args = call.childForFieldName('arguments');
  if (callee?.type !== 'identifier' || args?.type !== 'argument_list' || args.namedChildCount !== 1) return undefined;
  const only = args.namedChild(0);
  return only && unparenthesized(only).id === site.id ? callee : undefined;
}

function unparenthesized(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.firstNamedChild) n = n.firstNamedChild;
  return n;
}
