// The selected hazard as a sequence diagram: an SVG with lanes for tasks,
// blocks for the atomic segments they run, dashed waits while suspended and
// numbered step markers joined by the path of control that breaks the hazard;
// beside it, an HTML list with one row per step (its words and code line), as
// tall as the SVG's rows so each step reads across.
import type { HazardView, InterleavingView, StepView } from '../protocol';
import { sourceLine, stepPhrase, suspensionAt } from './describe';
import { GEOMETRY as G, layoutHazard, rowY, type HazardLayout } from './layout';
import { html, type Markup } from './markup';

/** The class of an element that belongs to step `step` when `current` is shown. */
export function stepState(step: number, current: number): 'is-past' | 'is-current' | 'is-future' {
  if (step < current) return 'is-past';
  return step === current ? 'is-current' : 'is-future';
}

/** Cuts text to `max` characters, marking the cut. */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

export function renderDiagram(model: InterleavingView, hazard: HazardView, current: number): Markup {
  const layout = layoutHazard(hazard);
  const label = `Interleaving that breaks ${hazard.variable}: ${String(hazard.steps.length)} steps`;
  return html`<div class="diagram-grid">
<svg class="diagram" role="img" aria-label="${label}" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" xmlns="http://www.w3.org/2000/svg">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow-head" d="M0,0 L10,5 L0,10 z"/></marker></defs>
${hazard.steps.map((_, row) => html`<rect class="row-band ${stepState(row, current)}" data-step="${row}" x="0" y="${rowY(row) - G.row / 2}" width="${layout.width}" height="${G.row}"/>`)}
${layout.lanes.map((lane) => laneHeader(lane, layout))}
${layout.waits.map((w) => waitMark(layout, w.lane, w.from, w.to, current))}
${layout.blocks.map((b) => html`<rect class="segment ${stepState(b.first, current)}" data-step="${b.first}" x="${laneX(layout, b.lane) - G.blockWidth / 2}" y="${rowY(b.first) - G.row / 2 + 5}" width="${G.blockWidth}" height="${(b.last - b.first + 1) * G.row - 10}" rx="9"/>`)}
${hazard.steps.slice(1).map((_, i) => edge(layout, i, i + 1, current))}
${hazard.steps.map((step, row) => marker(model, hazard, step, row, layout, current))}
</svg>
${stepRows(model, hazard, current)}
</div>`;
}

/** One row per step, level with the SVG's rows (panel.css gives them the same heights as GEOMETRY). */
function stepRows(model: InterleavingView, hazard: HazardView, current: number): Markup {
  return html`<ol class="step-rows" aria-label="Steps">${hazard.steps.map((step, row) => {
    const code = sourceLine(model, step.line);
    const phrase = stepPhrase(step, hazard, suspensionAt(model, step.function, step.line));
    return html`<li class="step-row ${stepState(row, current)}" data-step="${row}" data-line="${step.line}" data-code="${code}"${row === current ? html` aria-current="step"` : null}>
<span class="step-says"><span class="num-badge step-num" aria-hidden="true">${row + 1}</span><span class="step-task">${step.task}</span> ${phrase}</span>
<span class="step-src"><button type="button" class="link step-line" data-line="${step.line}" data-code="${code}" aria-label="Show line ${step.line} in the editor">${String(step.line)}</button> <code>${code}</code></span>
</li>`;
  })}</ol>`;
}

function laneX(layout: HazardLayout, lane: number): number {
  return layout.lanes[lane]?.x ?? 0;
}

function laneHeader(lane: HazardLayout['lanes'][number], layout: HazardLayout): Markup {
  const maxChars = Math.floor(G.laneWidth / 7.2);
  return html`<g class="lane-head">
<line class="lane-axis" x1="${lane.x}" y1="${G.header - 6}" x2="${lane.x}" y2="${layout.height - G.pad / 2}"/>
<circle class="task-badge" cx="${lane.x}" cy="20" r="14"/><text class="task-letter" x="${lane.x}" y="25" text-anchor="middle">${lane.task}</text>
<text class="lane-name" x="${lane.x}" y="52" text-anchor="middle"><title>${lane.function}</title>${clip(lane.function, maxChars)}</text>
${lane.instance ? html`<text class="lane-instance" x="${lane.x}" y="67" text-anchor="middle">${lane.instance}</text>` : null}
</g>`;
}

function waitMark(layout: HazardLayout, lane: number, from: number, to: number, current: number): Markup {
  const x = laneX(layout, lane);
  const top = rowY(from) + G.marker + 4;
  const bottom = rowY(to) - G.marker - 4;
  const mid = (top + bottom) / 2;
  return html`<g class="wait ${stepState(from + 1, current)}" data-step="${from + 1}">
<line x1="${x}" y1="${top}" x2="${x}" y2="${bottom}"/>
<rect class="wait-icon-bg" x="${x - 9}" y="${mid - 9}" width="18" height="18" rx="4"/>
<rect class="wait-icon" x="${x - 5}" y="${mid - 5}" width="3.5" height="10"/><rect class="wait-icon" x="${x + 1.5}" y="${mid - 5}" width="3.5" height="10"/>
</g>`;
}

function edge(layout: HazardLayout, from: number, to: number, current: number): Markup {
  const a = layout.stepLanes[from] ?? 0;
  const b = layout.stepLanes[to] ?? 0;
  const x1 = laneX(layout, a);
  const x2 = laneX(layout, b);
  const y1 = rowY(from);
  const y2 = rowY(to);
  const r = G.marker + 2;
  let d: string;
  if (a === b) {
    d = `M${String(x1)},${String(y1 + r)} L${String(x2)},${String(y2 - r - 2)}`;
  } else {
    const dir = x2 > x1 ? 1 : -1;
    const sx = x1 + dir * r;
    const ex = x2 - dir * (r + 2);
    const bend = (ex - sx) / 2;
    d = `M${String(sx)},${String(y1)} C${String(sx + bend)},${String(y1)} ${String(ex - bend)},${String(y2)} ${String(ex)},${String(y2)}`;
  }
  return html`<path class="edge ${a === b ? 'edge-same' : 'edge-switch'} ${stepState(to, current)}" data-step="${to}" d="${d}" marker-end="url(#arrow)"/>`;
}

function marker(
  model: InterleavingView,
  hazard: HazardView,
  step: StepView,
  row: number,
  layout: HazardLayout,
  current: number,
): Markup {
  const x = laneX(layout, layout.stepLanes[row] ?? 0);
  const y = rowY(row);
  const r = G.marker;
  const phrase = stepPhrase(step, hazard, suspensionAt(model, step.function, step.line));
  const shape =
    step.action === 'write'
      ? html`<rect class="mk-shape" x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}" rx="4"/>`
      : step.action === 'suspend'
        ? html`<path class="mk-shape" d="M${x},${y - r - 3} L${x + r + 3},${y} L${x},${y + r + 3} L${x - r - 3},${y} z"/>`
        : html`<circle class="mk-shape" cx="${x}" cy="${y}" r="${r}"/>`;
  return html`<g class="step mk-${step.action} ${stepState(row, current)}" data-step="${row}" data-line="${step.line}" data-code="${sourceLine(model, step.line)}" aria-label="Step ${row + 1}: ${step.task} ${phrase}, line ${step.line}">
<circle class="mk-halo" cx="${x}" cy="${y}" r="${r + 7}"/>
${shape}<text class="mk-num" x="${x}" y="${y + 4}" text-anchor="middle">${row + 1}</text>
</g>`;
}
