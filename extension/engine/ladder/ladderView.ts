// One function at every rung of the ladder, for the side-by-side view: from
// the rung the function is on, the registered conversions move it one step at
// a time up (cps, generator, async) and down (generator, cps, direct), each
// step on the re-parse of the previous one, exactly as the code action would.
// A step that refuses keeps its reason; the rungs beyond it are not reached.
import type { Node } from 'web-tree-sitter';
// takeStep before the concepts barrel: the registry must load ahead of the classifier that reads it.
import { stepFunction } from './takeStep';
import { classifyFile } from '../concepts';
import { rungOf, RUNGS } from './steps';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import type { ConversionOptions, Rung } from './conversion';
import { isInsertedHelper } from './insertedHelpers';

/** Module-level code a conversion added for the function to work: a runner, a trampoline, an import. */
export interface AddedHelper {
  readonly name: string;
  readonly code: string;
}

export type LadderColumn =
  | {
      readonly rung: Rung;
      readonly kind: 'code';
      /** The rung the function is on now (its code is the file's own). */
      readonly current: boolean;
      /** The function's definition, decorators included, common indentation removed. */
      readonly code: string;
      /** 1-based line of the definition in `module`. */
      readonly line: number;
      /** Helpers the steps from the current rung inserted into the module. */
      readonly helpers: readonly AddedHelper[];
      /** Other functions the steps converted along with it (its callers). */
      readonly alsoConverted: readonly string[];
      /** The whole module at this rung. */
      readonly module: string;
    }
  | {
      readonly rung: Rung;
      readonly kind: 'refused';
      /** The rung the refused step started from. */
      readonly from: Rung;
      readonly reason: string;
      /** The step started from a module the ladder generated, so lines the reason cites are that module's, not the file's. */
      readonly fromGenerated: boolean;
    }
  | {
      readonly rung: Rung;
      readonly kind: 'unreached';
      /** The rung whose step refused, so this one cannot be reached from here. */
      readonly blockedAt: Rung;
    };

/**
 * The columns bottom to top (direct, cps, generator, async) for the function
 * named `functionName` (dotted; the first of that name), or none when the file
 * has no such function.
 */
export function ladderOf(file: SourceFile, functionName: string, options: ConversionOptions = {}): LadderColumn[] {
  const fn = file.functions.named(functionName).find((f) => f.kind === 'function');
  if (!fn) return [];
  const concepts = classifyFile(file).find((c) => c.info.node.id === fn.node.id)?.concepts ?? [];
  const here = RUNGS.indexOf(rungOf(concepts));
  const columns = new Map<Rung, LadderColumn>();
  const base = { file, fn, helpers: [], alsoConverted: [] };
  columns.set(RUNGS[here] ?? 'direct', { ...codeColumn(base, RUNGS[here] ?? 'direct'), current: true });
  const walk = (direction: 1 | -1): void => {
    const parses: SourceFile[] = [];
    try {
      let at: Step = base;
      for (let i = here + direction; i >= 0 && i < RUNGS.length; i += direction) {
        const rung = RUNGS[i];
        const from = RUNGS[i - direction];
        if (!rung || !from) return;
        const next = step(at, rung, functionName, options);
        if (typeof next === 'string') {
          columns.set(rung, { rung, kind: 'refused', from, reason: next, fromGenerated: at !== base });
          for (let j = i + direction; j >= 0 && j < RUNGS.length; j += direction) {
            const beyond = RUNGS[j];
            if (beyond) columns.set(beyond, { rung: beyond, kind: 'unreached', blockedAt: rung });
          }
          return;
        }
        parses.push(next.file);
        columns.set(rung, codeColumn(next, rung));
        at = next;
      }
    } finally {
      for (const parsed of parses) parsed.dispose();
    }
  };
  walk(1);
  walk(-1);
  return RUNGS.map((r) => columns.get(r)).filter((c): c is LadderColumn => c !== undefined);
}

/** Where a walk along the ladder has got to: the module, the function in it, and what the steps so far added. */
interface Step {
  readonly file: SourceFile;
  readonly fn: FunctionInfo;
  readonly helpers: readonly AddedHelper[];
  readonly alsoConverted: readonly string[];
}

/** One rung further, on a fresh parse (the caller disposes it), or the reason the step refuses. */
function step(at: Step, to: Rung, name: string, options: ConversionOptions): Step | string {
  const { result, refusal } = stepFunction(at.file, name, to, options);
  if (refusal) return refusal.message;
  if (result.text === undefined || !result.converted.includes(name)) return `the conversion to ${to} leaves ${name} as it is`;
  const file = at.file.reparse(result.text);
  const fn = closestNamed(file, name, at.fn.line);
  if (!fn) {
    file.dispose();
    return `${name} cannot be found after the conversion to ${to}`;
  }
  const before = new Set(moduleAdditions(at.file).map((h) => h.code));
  const now = moduleAdditions(file);
  const still = new Set(now.map((h) => h.code));
  return {
    file,
    fn,
    // A later step may remove what an earlier one added (the async step drops the inline-callbacks runner).
    helpers: [...at.helpers.filter((h) => still.has(h.code)), ...now.filter((h) => !before.has(h.code))],
    alsoConverted: [...new Set([...at.alsoConverted, ...result.converted.filter((c) => c !== name)])],
  };
}

/** The definition named `name` nearest `line`: names stay, lines move when helpers are inserted. */
function closestNamed(file: SourceFile, name: string, line: number): FunctionInfo | undefined {
  return file.functions
    .named(name)
    .filter((f) => f.kind === 'function')
    .sort((a, b) => Math.abs(a.line - line) - Math.abs(b.line - line))[0];
}

function codeColumn(at: Step, rung: Rung): Extract<LadderColumn, { kind: 'code' }> {
  return {
    rung,
    kind: 'code',
    current: false,
    code: definitionText(at.file, at.fn),
    line: at.fn.line,
    helpers: at.helpers,
    alsoConverted: at.alsoConverted,
    module: at.file.text,
  };
}

/** The definition from the start of its first decorator's line, with the common indentation removed. */
function definitionText(file: SourceFile, fn: FunctionInfo): string {
  const start = file.lines.offsetAt({ line: file.lineOf(fn.decorated ?? fn.node) - 1, character: 0 });
  const lines = file.text.slice(start, fn.node.endIndex).split(/\r\n?|\n/);
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** Top-level imports and inserted helpers: what a conversion may add to the module around the function. */
function moduleAdditions(file: SourceFile): AddedHelper[] {
  const imports = file.tree.rootNode.namedChildren
    .filter((n): n is Node => n !== null && (n.type === 'import_statement' || n.type === 'import_from_statement'))
    .map((n) => ({ name: 'import', code: file.textOf(n) }));
  const helpers = file.functions.all
    .filter((f) => isInsertedHelper(file, f))
    .map((f) => ({ name: f.name, code: file.textOf(f.node) }));
  return [...imports, ...helpers];
}
