// The public-API policy. On the step to async/await: a Twisted or Tornado
// coroutine hands its callers a Deferred or Future that is already running; a
// native one hands them a coroutine that runs only when awaited. Callers the
// project shows are adapted; a public function of an importable module may
// have others. Under `keep`, a module-level Twisted coroutine converts behind
// a wrapper of its old name that still returns a Deferred (ensureDeferred runs
// the coroutine at the call, as inlineCallbacks did); everything else the
// policy covers is refused. Steps that change how every call is written (to or
// from CPS, out of the inline-callbacks form) change the calling convention on
// purpose and have no form that keeps the old one: `keep` converts them (the
// learner's own module is importable too), `refuse` refuses a public function
// (unseenCallersBlocker).
import type { Node } from '../syntax/node';
import { shortName, type FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { mayHaveUnseenUsers } from '../python/publicApi';
import { type Recognised } from '../python/coroutines';
import type { PublicApiPolicy } from './conversion';
import { spell, type IdiomContext } from './frameworkIdioms';
import { FreshNames } from './freshNames';
import { blocker, type Blocker } from './refusal';

/** What the policy asks of `target`: nothing, a Deferred-returning wrapper, or a refusal. */
export function publicContract(ctx: IdiomContext, target: Recognised, policy: PublicApiPolicy): 'none' | 'wrap' | Blocker {
  const { file } = ctx;
  const { fn, flavour } = target;
  if (policy === 'convert' || (flavour !== 'twisted' && flavour !== 'tornado') || !mayHaveUnseenUsers(file, fn)) return 'none';
  const returns = flavour === 'twisted' ? 'Deferred' : 'Future';
  if (policy === 'keep' && flavour === 'twisted' && fn.parent === undefined) return 'wrap';
  const why =
    policy === 'refuse'
      ? 'the public-API policy is "refuse"'
      : flavour === 'tornado'
        ? 'no native form keeps a Future that starts running at the call'
        : 'a wrapper keeping the Deferred is made only for module-level functions';
  return blocker(
    'public-api',
    fn.node.childForFieldName('name') ?? fn.node,
    `is public in an importable module, so code outside the project may use the ${returns} it returns, and ${why}; give it a leading underscore or leave it out of __all__ if nothing outside uses it, or choose the public-API policy "convert" to convert it anyway`,
  );
}

/**
 * Why `fn` cannot take a step that changes how it is called, when the policy
 * refuses public functions. `broughtBy` is the function whose step
 * brings its caller `fn` along, when `fn` is not the one stepped.
 */
export function unseenCallersBlocker(file: SourceFile, fn: FunctionInfo, policy: PublicApiPolicy = 'keep', broughtBy?: FunctionInfo): Blocker | undefined {
  if (policy !== 'refuse' || !mayHaveUnseenUsers(file, fn)) return undefined;
  const subject = broughtBy ? `its caller ${fn.name} would convert with it, but ${fn.name}` : 'it';
  return blocker(
    'public-api',
    fn.node.childForFieldName('name') ?? fn.node,
    `${broughtBy ? `${subject} is` : 'is'} public in an importable module, so code outside the project may call ${broughtBy ? fn.name : 'it'}, and this step changes how every call is written, which the public-API policy "refuse" does not allow; give it a leading underscore or leave it out of __all__ if nothing outside calls it, or choose the policy "keep" or "convert" to convert it anyway`,
  );
}

/**
 * `def fetch(x)` becomes `async def _fetch(x)` followed by
 * `def fetch(x): return defer.ensureDeferred(_fetch(x))`.
 */
export function wrapInDeferred(ctx: IdiomContext, fn: FunctionInfo): void {
  const { file, edits } = ctx;
  const nameNode = fn.node.childForFieldName('name');
  const parameters = fn.node.childForFieldName('parameters');
  const firstStatement = fn.node.childForFieldName('body')?.firstNamedChild;
  if (!nameNode || !parameters || !firstStatement) return;
  const name = shortName(fn);
  const inner = new FreshNames(file).fresh(`_${name}`);
  const eol = file.lines.eol;
  const indent = ' '.repeat(file.positionAt(firstStatement.startIndex).character);
  const ensure = spell(ctx, 'twisted.internet.defer.ensureDeferred');
  edits.replaceNode(nameNode, inner);
  edits.insert(fn.node.endIndex, `${eol}${eol}${eol}def ${name}${file.textOf(parameters)}:${eol}${indent}return ${ensure}(${inner}(${forwarded(parameters)}))`);
}

/** The arguments that pass each parameter on as it came (`x, *rest, k=k, **kw`). */
function forwarded(parameters: Node): string {
  const out: string[] = [];
  let keywordOnly = false;
  for (const p of parameters.namedChildren) {
    if (!p) continue;
    if (p.type === 'keyword_separator') keywordOnly = true;
    const splat = p.type.endsWith('splat_pattern') ? p : p.type === 'typed_parameter' && p.firstNamedChild?.type.endsWith('splat_pattern') ? p.firstNamedChild : null;
    if (splat) {
      out.push(`${splat.type === 'list_splat_pattern' ? '*' : '**'}${nameOf(splat) ?? ''}`);
      keywordOnly = true;
      continue;
    }
    const name = nameOf(p);
    if (name === undefined) continue;
    out.push(keywordOnly ? `${name}=${name}` : name);
  }
  return out.join(', ');
}

function nameOf(p: Node): string | undefined {
  if (p.type === 'identifier') return p.text;
  const named = p.childForFieldName('name') ?? p.firstNamedChild;
  return named?.type === 'identifier' ? named.text : named ? nameOf(named) : undefined;
}
