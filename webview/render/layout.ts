// Geometry of a hazard's interleaving, time flowing downwards: one lane per
// task (two for two instances of the same coroutine), one row per step. A task
// runs in blocks — the atomic segments it executes — and waits between a
// suspension and its next step.
import type { HazardView } from '../protocol';
import { tasksOf, type Task } from './describe';

export const GEOMETRY = {
  pad: 16,
  header: 76,
  row: 50,
  laneWidth: 124,
  laneGap: 26,
  blockWidth: 84,
  marker: 12,
} as const;

export interface LaneLayout extends Task {
  readonly index: number;
  readonly x: number;
}

/** Consecutive steps one task runs without suspending: rows `first..last`. */
export interface BlockLayout {
  readonly lane: number;
  readonly first: number;
  readonly last: number;
}

/** A task suspended between the step at row `from` and its next step at row `to`. */
export interface WaitLayout {
  readonly lane: number;
  readonly from: number;
  readonly to: number;
}

export interface HazardLayout {
  readonly lanes: readonly LaneLayout[];
  /** The lane index of each step. */
  readonly stepLanes: readonly number[];
  readonly blocks: readonly BlockLayout[];
  readonly waits: readonly WaitLayout[];
  readonly width: number;
  readonly height: number;
}

export function layoutHazard(hazard: HazardView): HazardLayout {
  const g = GEOMETRY;
  const lanes = tasksOf(hazard).map((task, index) => ({
    ...task,
    index,
    x: g.pad + g.laneWidth / 2 + index * (g.laneWidth + g.laneGap),
  }));
  const stepLanes = hazard.steps.map((s) => lanes.findIndex((l) => l.task === s.task));
  const blocks: BlockLayout[] = [];
  const waits: WaitLayout[] = [];
  const lastRow = new Map<number, number>();
  hazard.steps.forEach((_step, row) => {
    const lane = stepLanes[row] ?? 0;
    const open = blocks.at(-1);
    const previous = hazard.steps[row - 1];
    if (open?.lane === lane && previous?.action !== 'suspend') {
      blocks[blocks.length - 1] = { ...open, last: row };
    } else {
      blocks.push({ lane, first: row, last: row });
    }
    const before = lastRow.get(lane);
    // Other tasks ran in between, or it suspended: either way it was waiting.
    if (before !== undefined && (before < row - 1 || hazard.steps[before]?.action === 'suspend')) {
      waits.push({ lane, from: before, to: row });
    }
    lastRow.set(lane, row);
  });
  return {
    lanes,
    stepLanes,
    blocks,
    waits,
    width: 2 * g.pad + lanes.length * g.laneWidth + Math.max(0, lanes.length - 1) * g.laneGap,
    height: g.header + Math.max(1, hazard.steps.length) * g.row + g.pad,
  };
}

/** The vertical centre of a step's row. */
export function rowY(row: number): number {
  return GEOMETRY.header + row * GEOMETRY.row + GEOMETRY.row / 2;
}
