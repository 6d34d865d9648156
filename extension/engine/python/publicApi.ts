// Which functions other code may call without the project showing it: the
// public API of an importable module. A module that runs its program when
// imported (a module-level call outside `if __name__ == "__main__":`) is a
// script, whose functions only it uses; a name with a leading underscore, or
// left out of the module's `__all__`, is private to it.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { pythonName } from './identifiers';

/** Whether code the project does not hold may call `fn`: a public function or method of an importable module. */
export function mayHaveUnseenUsers(file: SourceFile, fn: FunctionInfo): boolean {
  if (fn.kind !== 'function' || isScript(file)) return false;
  const path = fn.name.split('.');
  if (path.some((part) => part.startsWith('_') && !/^__\w+__$/.test(part))) return false;
  // Only module-level functions and methods of module-level classes can be reached by name.
  const [top] = path;
  if (path.length > 2 || top === undefined) return false;
  if (path.length === 2 && file.functions.named(top)[0]?.kind !== 'class') return false;
  const exported = exportedNames(file);
  return exported === undefined || exported.has(pythonName(top));
}

const scripts = new WeakMap<SourceFile, boolean>();

/** A module-level expression statement that calls something (`main()`, `task.react(main)`): importing it runs the program. */
function isScript(file: SourceFile): boolean {
  let known = scripts.get(file);
  if (known === undefined) {
    known = file.root.namedChildren.some((s) => s?.type === 'expression_statement' && s.firstNamedChild?.type === 'call');
    scripts.set(file, known);
  }
  return known;
}

/** The names of a literal module-level `__all__`, or undefined when there is none. */
function exportedNames(file: SourceFile): Set<string> | undefined {
  for (const statement of file.root.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.firstNamedChild : undefined;
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== '__all__') continue;
    const value = assignment.childForFieldName('right');
    if (value?.type !== 'list' && value?.type !== 'tuple') return undefined;
    return new Set(value.namedChildren.filter((s): s is Node => s?.type === 'string').map((s) => pythonName(s.descendantsOfType('string_content')[0]?.text ?? '')));
  }
  return undefined;
}
