// What bench/worstCase.ts measures on each worst-case input, by name: each
// returns a count of what it produced, so the work cannot be skipped.
import type { SourceFile } from '../extension/engine';
import { classifyFile } from '../extension/engine/concepts';
import { analyzeInterleavings } from '../extension/engine/interleave/model';
import type { Rung } from '../extension/engine/ladder/conversion';
import { convertFile } from '../extension/engine/ladder/convertFile';

export const ANALYSES: Readonly<Record<string, (file: SourceFile) => number>> = {
  parse: () => 0,
  'concept lenses (index + classify)': (file) => classifyFile(file).length,
  'interleavings (model + hazards)': (file) => analyzeInterleavings(file).hazards.length,
  ...Object.fromEntries(
    (['async', 'generator', 'cps', 'direct'] as const satisfies readonly Rung[]).map((to) => [
      `refactor --to ${to}`,
      (file: SourceFile) => convertFile(file, to).converted.length,
    ]),
  ),
};

