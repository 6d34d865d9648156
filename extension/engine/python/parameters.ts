// A function's parameters as Python sees them, and the ones a caller passes
// (a method's `self`/`cls` left out).
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';

export interface Parameter {
  readonly name: string;
  readonly node: Node;
  /** `*args` or `**kwargs`. */
  readonly splat: boolean;
}

/** Parameters of a `function_definition` or `lambda`, in order. */
export function parametersOf(def: Node): Parameter[] {
  const list = def.childForFieldName('parameters');
  if (!list) return [];
  const out: Parameter[] = [];
  for (const p of list.namedChildren) {
    if (!p) continue;
    const name = parameterName(p);
    if (name) out.push({ name, node: p, splat: /splat/.test(p.type) || /splat/.test(p.firstNamedChild?.type ?? '') });
  }
  return out;
}

function parameterName(p: Node): string | undefined {
  switch (p.type) {
    case 'identifier':
      return p.text;
    case 'default_parameter':
    case 'typed_default_parameter':
      return p.childForFieldName('name')?.text;
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern': {
      const first = p.firstNamedChild;
      return first ? parameterName(first) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The parameters a caller passes: a method's `self`/`cls` is left out
 * (a function directly in a class body, unless it is a `@staticmethod`).
 */
export function callerParameters(def: Node, decorators: readonly string[], isMethod: boolean): Parameter[] {
  const params = parametersOf(def);
  return isMethod && !decorators.includes('staticmethod') ? params.slice(1) : params;
}

/** Whether a `function_definition` sits directly in a class body. */
export function isMethodDefinition(def: Node): boolean {
  const holder = def.parent?.type === 'decorated_definition' ? def.parent.parent : def.parent;
  return holder?.type === 'block' && holder.parent?.type === 'class_definition';
}

/** The parameters a caller of `fn` passes. */
export function parametersPassed(fn: FunctionInfo): Parameter[] {
  return callerParameters(fn.node, fn.decorators, isMethodDefinition(fn.node));
}

/**
 * The class expression a parameter's annotation names (`thing: Box`,
 * `thing: mod.Box`), when `name` (an identifier) is a parameter of the
 * function it is written in; undefined for anything else, a string
 * annotation included (it names the class only by text).
 */
export function annotatedClass(name: Node): Node | undefined {
  let def: Node | null = name.parent;
  while (def && def.type !== 'function_definition' && def.type !== 'lambda') def = def.parent;
  for (const p of def?.type === 'function_definition' ? parametersOf(def) : []) {
    if (p.name !== name.text || (p.node.type !== 'typed_parameter' && p.node.type !== 'typed_default_parameter')) continue;
    const type = p.node.childForFieldName('type')?.firstNamedChild;
    return type?.type === 'identifier' || type?.type === 'attribute' ? type : undefined;
  }
  return undefined;
}
