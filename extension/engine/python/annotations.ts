// Return types across the ladder's rungs. One result type R is spelled three
// ways: a native coroutine returns `R`, a generator-based coroutine
// `Generator[Any, Any, R]` (what Tornado and Twisted annotate theirs with), a
// CPS function hands R to a `Callable[[R], None]` continuation and returns
// None. The rungs read one spelling and write the next, and write only names
// the module already binds, since a rung adds no import for a type.
import type { ModuleNames } from './imports';

const GENERATORS = ['typing.Generator', 'collections.abc.Generator'];
const CALLABLES = ['typing.Callable', 'collections.abc.Callable'];

/** `R` of a `Generator[Y, S, R]` annotation (quoted if the annotation was a string); undefined for any other type. */
export function generatorResultType(names: ModuleNames, annotation: string): string | undefined {
  const { inner, quote } = unquoted(annotation.trim());
  const args = typeArguments(names, inner, GENERATORS);
  const result = args?.length === 3 ? args[2] : undefined;
  return result === undefined ? undefined : `${quote}${result}${quote}`;
}

/** `Generator[Any, Any, result]` as this module can spell it where the annotation is evaluated (at the def); undefined if it cannot. */
export function generatorTypeSpelling(names: ModuleNames, result: string): string | undefined {
  const generator = spelling(names, GENERATORS);
  const any = spelling(names, ['typing.Any']);
  return generator === undefined || any === undefined ? undefined : `${generator}[${any}, ${any}, ${result}]`;
}

/** How this module spells `Callable` where the annotation is evaluated; undefined if it cannot. */
export function callableSpelling(names: ModuleNames): string | undefined {
  return spelling(names, CALLABLES);
}

/** What a continuation typed `Callable[[A], R]` is handed: `A` (`None` for nothing); undefined when the type does not say one value. */
export function deliveredType(annotation: string): string | undefined {
  const head = /^(?:typing\.|collections\.abc\.)?Callable\[/s.exec(annotation.trim());
  const args = head ? topLevelArguments(annotation.trim().slice(head[0].length - 1)) : undefined;
  const first = args?.length === 2 ? args[0] : undefined;
  if (first === undefined || !first.startsWith('[') || !first.endsWith(']')) return undefined;
  const values = topLevelItems(first.slice(1, -1));
  // Several values go only to the generator form, which takes no annotation from here.
  return values.length === 0 ? 'None' : values.length === 1 ? values[0] : undefined;
}

/** The arguments of `annotation` when it subscripts one of `qualified` as the module binds it (`t.Generator[...]` after `import typing as t`). */
function typeArguments(names: ModuleNames, annotation: string, qualified: readonly string[]): string[] | undefined {
  const head = /^([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*\[/.exec(annotation);
  if (!head?.[1]) return undefined;
  const [first = '', ...rest] = head[1].split('.').map((part) => part.trim());
  const binding = names.all.find((b) => b.local === first);
  const name = [binding ? binding.qualified : first, ...rest].join('.');
  return qualified.includes(name) ? topLevelArguments(annotation.slice(head[0].length - 1)) : undefined;
}

/** The items of `[a, b[c, d], e]` when the text is exactly one bracketed list; undefined otherwise. */
function topLevelArguments(bracketed: string): string[] | undefined {
  if (!bracketed.startsWith('[') || !bracketed.endsWith(']')) return undefined;
  let depth = 0;
  for (let i = 0; i < bracketed.length; i++) {
    const c = bracketed[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    if (depth === 0 && i < bracketed.length - 1) return undefined;
  }
  return topLevelItems(bracketed.slice(1, -1));
}

/** A comma-separated list split where no bracket is open, each item trimmed, empty items left out. */
function topLevelItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if ((c === ',' && depth === 0) || i === text.length) {
      items.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return items.filter((item) => item !== '');
}

function unquoted(text: string): { inner: string; quote: string } {
  const quote = /^(["'])[^"'\\\n]*\1$/.exec(text)?.[1];
  return quote === undefined ? { inner: text, quote: '' } : { inner: text.slice(1, -1).trim(), quote };
}

/**
 * The shortest name for one of `qualified` among the module's imports that run
 * when the def does: an import guarded by `if TYPE_CHECKING:` binds nothing at
 * run time, where an annotation is evaluated.
 */
function spelling(names: ModuleNames, qualified: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const b of names.all) {
    if (b.statement.parent?.type !== 'module') continue;
    for (const q of qualified) {
      const text = q === b.qualified ? b.local : q.startsWith(`${b.qualified}.`) ? b.local + q.slice(b.qualified.length) : undefined;
      if (text !== undefined && (best === undefined || text.length < best.length)) best = text;
    }
  }
  return best;
}
