// The return type of a coroutine that changes form between the generator
// rungs and async/await: `Generator[Any, Any, R]` on a generator-based or
// inline-callbacks coroutine is `R` on the native one.
import type { Node } from '../syntax/node';
import type { EditBuilder } from '../syntax/editBuilder';
import type { SourceFile } from '../syntax/sourceFile';
import { generatorResultType, generatorTypeSpelling } from '../python/annotations';
import { moduleNamesOf } from '../python/imports';

/** `-> Generator[Y, S, R]` becomes `-> R` on the `async def` (a string annotation stays a string). */
export function nativeReturnType(file: SourceFile, edits: EditBuilder, def: Node): void {
  const returns = def.childForFieldName('return_type');
  if (!returns) return;
  const result = generatorResultType(moduleNamesOf(file), file.textOf(returns));
  if (result !== undefined) edits.replaceNode(returns, result);
}

/**
 * `-> R` becomes `-> Generator[Any, Any, R]` on the generator, where the
 * module binds both names; elsewhere it stays, as the result the coroutine
 * delivers, since a rung adds no import for a type.
 */
export function generatorReturnType(file: SourceFile, edits: EditBuilder, def: Node): void {
  const returns = def.childForFieldName('return_type');
  if (!returns) return;
  const spelled = generatorTypeSpelling(moduleNamesOf(file), file.textOf(returns));
  if (spelled !== undefined) edits.replaceNode(returns, spelled);
}
