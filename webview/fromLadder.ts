// The ladder panel's data from the engine's columns: plain JSON, without the
// whole modules the engine keeps for checking. Runs on the host side only.
import type { LadderColumn } from '../extension/engine/ladder/ladderView';
import { LADDER_RUNGS, type LadderColumnView, type LadderView } from './protocol';

export function toLadderView(columns: readonly LadderColumn[], file: string, fn: string, line: number): LadderView {
  const here = LADDER_RUNGS.findIndex((r) => columns.some((c) => c.rung === r && c.kind === 'code' && c.current));
  return {
    file,
    function: fn,
    line,
    columns: columns.map((c): LadderColumnView => {
      if (c.kind !== 'code') return c;
      const { rung, current, code, functions, stays, helpers, alsoConverted } = c;
      const applicable = !current && Math.abs(LADDER_RUNGS.indexOf(rung) - here) === 1;
      return {
        rung,
        kind: 'code',
        current,
        code,
        functions: [...functions],
        stays: stays.map((s) => ({ function: s.function, reason: s.reason })),
        helpers: helpers.map((h) => ({ name: h.name, code: h.code })),
        alsoConverted: [...alsoConverted],
        applicable,
      };
    }),
  };
}
