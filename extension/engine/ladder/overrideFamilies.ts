// A method and the other definitions of its name in its class hierarchy (an
// override, or the method it overrides; python/methodOwner) move a rung
// together or not at all: a call that reaches one on some instance reaches
// another on another, and cannot be written for two rungs. Converting one
// brings the others along when the same conversion takes them; when one of
// them cannot convert, none does (`overridden`, at that one's line).
// Direct → CPS decides this itself, with its callers.
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { redefinitionsOf } from '../python/methodOwner';
import type { Conversion, Refusal } from './conversion';
import { blocker, refusalAt, type Blocker } from './refusal';

const DECIDES_ITSELF = 'direct-to-cps';

/** Whether `conversion` leaves its methods' families to this module. */
export function movesFamilies(conversion: Conversion): boolean {
  return conversion.id !== DECIDES_ITSELF;
}

/** Why `fn` stays because `stays`, another definition of it in its hierarchy, does: `how` says why that one does. */
export function overriddenBlocker(fn: FunctionInfo, stays: FunctionInfo, how: string): Blocker {
  return blocker('overridden', stays.node, `${stays.name} (line ${String(stays.line)}) defines ${fn.name.slice(fn.name.lastIndexOf('.') + 1)} again in the same class hierarchy and ${how}, so a call reaching either would be written for the wrong one; convert both together or keep this method as it is`);
}

/**
 * After a conversion of `functions`: the converted ones a refused member of
 * their family leaves behind, each with its refusal. Converting again without
 * them keeps the family on one rung.
 */
export function strandedByFamily(file: SourceFile, functions: readonly FunctionInfo[], refused: readonly Refusal[]): { fn: FunctionInfo; refusal: Refusal }[] {
  const refusedAt = new Set(refused.map((r) => `${r.function}\0${String(r.defLine)}`));
  const isRefused = (f: FunctionInfo): boolean => refusedAt.has(`${f.name}\0${String(f.line)}`);
  const stranded: { fn: FunctionInfo; refusal: Refusal }[] = [];
  for (const fn of functions) {
    if (isRefused(fn)) continue;
    const stays = redefinitionsOf(file, fn).find(isRefused);
    if (stays) stranded.push({ fn, refusal: refusalAt(file, fn, overriddenBlocker(fn, stays, 'cannot be converted')) });
  }
  return stranded;
}
