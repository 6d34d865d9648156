// The whole panel as one pure function of its content and the user's choice
// of hazard and step: markup with every user string escaped.
import type { PanelContent } from '../protocol';
import { plural } from './describe';
import { renderDiagram } from './diagram';
import { renderHazardList, renderHazardSummary, renderStepper } from './hazards';
import { renderLegend } from './legend';
import { html, type Markup } from './markup';
import { renderOverview } from './overview';

export interface PanelSelection {
  /** Index into the model's hazards (clamped). */
  readonly hazard: number;
  /** Index of the current step (clamped). */
  readonly step: number;
}

export function renderPanel(content: PanelContent, selection: PanelSelection): string {
  if (content.kind === 'empty') {
    return emptyState(content.reason === 'no-editor' ? 'No Python file' : 'Cannot read this file', content.message).html;
  }
  const model = content.model;
  const heading = html`<header class="title"><h1>Interleavings <span class="file">${model.file}</span></h1><p class="muted">${plural(model.coroutines.length, 'coroutine')} · ${plural(model.hazards.length, 'hazard')}</p></header>`;
  if (model.coroutines.length === 0) {
    return html`${heading}${emptyState(
      'No coroutines here',
      'This file has no async def functions and no generator-based coroutines, so nothing in it can interleave.',
    )}`.html;
  }
  const index = clamp(selection.hazard, model.hazards.length);
  const hazard = model.hazards[index];
  if (!hazard) {
    return html`${heading}${emptyState(
      'No interleaving hazards',
      'No coroutine reads shared state before a suspension point and uses it after one while another coroutine writes that state.',
    )}${renderOverview(model, undefined)}`.html;
  }
  const step = clamp(selection.step, hazard.steps.length);
  return html`${heading}
<div class="layout">
${renderHazardList(model.hazards, index)}
<main class="hazard" data-steps="${hazard.steps.length}">
${renderHazardSummary(model, hazard)}
${renderStepper(hazard, step)}
<div class="diagram-scroll">${renderDiagram(model, hazard, step)}</div>
</main>
</div>
${renderLegend()}
${renderOverview(model, hazard)}`.html;
}

function emptyState(title: string, message: string): Markup {
  return html`<section class="empty" role="status"><div class="empty-icon" aria-hidden="true">⇄</div><h2>${title}</h2><p>${message}</p></section>`;
}

function clamp(index: number, length: number): number {
  return Math.max(0, Math.min(index, length - 1));
}
