// The adapter the generator → async/await rung inserts once per Tornado
// module for a yield whose value the module does not show to be a Future:
// `await tornado_yield(x)` does what `yield x` did under @gen.coroutine.
// Tornado takes None (`yield sem.release()`) and gen.moment as one turn of the
// loop, which await does not, and converts lists, dicts, coroutines and
// Futures with gen.convert_yielded (raising BadYieldError for anything else).
import type { ModuleNames } from '../python/imports';
import { moduleCoroutines } from '../python/coroutines';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { isSource } from './insertedHelpers';

export const TORNADO_YIELD_NAME = 'tornado_yield';

/** How the module spells what the adapter uses. */
export interface TornadoYieldSpelling {
  readonly sleep: string;
  readonly moment: string;
  readonly convertYielded: string;
}

/** The qualified names behind TornadoYieldSpelling's fields. */
export const TORNADO_YIELD_USES: Readonly<Record<keyof TornadoYieldSpelling, string>> = {
  sleep: 'asyncio.sleep',
  moment: 'tornado.gen.moment',
  convertYielded: 'tornado.gen.convert_yielded',
};

/** The adapter's source named `name`. Ends with a newline. */
export function tornadoYieldSource(name: string, spelling: TornadoYieldSpelling): string {
  return `async def ${name}(value):
    """Awaits what a @gen.coroutine could yield, as Tornado waited for it."""
    if value is None or value is ${spelling.moment}:
        await ${spelling.sleep}(0)
        return None
    return await ${spelling.convertYielded}(value)
`;
}

/** How `names`' module spells what the adapter uses; `needed` hears of each import a spelling needs. */
export function tornadoYieldSpelling(names: ModuleNames, needed: (spelled: { needs?: string }) => void = () => undefined): TornadoYieldSpelling {
  const spell = (qualified: string): string => {
    const spelled = names.spell(qualified);
    needed(spelled);
    return spelled.text;
  };
  return { sleep: spell(TORNADO_YIELD_USES.sleep), moment: spell(TORNADO_YIELD_USES.moment), convertYielded: spell(TORNADO_YIELD_USES.convertYielded) };
}

/** Is `fn` the adapter exactly as inserted into `file`, under whatever name it has? */
export function isTornadoYieldAdapter(file: SourceFile, fn: FunctionInfo): boolean {
  if (fn.parent !== undefined || !fn.isAsync || !fn.name.startsWith(TORNADO_YIELD_NAME)) return false;
  return isSource(file.textOf(fn.node), tornadoYieldSource(fn.name, tornadoYieldSpelling(moduleCoroutines(file).names)));
}
