// The whole panel as one pure function of its content and the user's choice
// of hazard, step and pages: markup with every user string escaped, and of a
// bounded size however large the file (see hazardList.ts and overview.ts).
import type { InterleavingView, PanelContent, StaleNote } from '../protocol';
import { plural } from './describe';
import { renderDiagram } from './diagram';
import { INITIAL_LIST, renderHazardList, type ListView } from './hazardList';
import { renderHazardSummary, renderStepper } from './hazards';
import { renderLegend } from './legend';
import { html, type Markup } from './markup';
import { OVERVIEW_PAGE, renderOverview } from './overview';

export interface PanelSelection {
  /** Index into the model's hazards (clamped). */
  readonly hazard: number;
  /** Index of the current step (clamped). */
  readonly step: number;
  /** Groups opened and pages shown in the hazard list. */
  readonly list?: ListView;
  /** Coroutines shown in the overview. */
  readonly coroutines?: number;
}

export function renderPanel(content: PanelContent, selection: PanelSelection): string {
  if (content.kind === 'empty') {
    return emptyState(content.reason === 'no-editor' ? 'No Python file' : 'Cannot read this file', content.message).html;
  }
  const model = content.model;
  const heading = html`<header class="title"><h1>Interleavings <span class="file">${model.file}</span></h1><p class="muted">${plural(model.coroutines.length + (model.omitted?.coroutines ?? 0), 'coroutine')} · ${plural(model.hazards.length + (model.omitted?.hazards ?? 0), 'hazard')}</p></header>
${content.stale ? staleNote(content.stale) : null}${limitNote(model)}`;
  if (model.coroutines.length === 0) {
    return html`${heading}${emptyState(
      'No coroutines here',
      'This file has no async def functions and no generator-based coroutines, so nothing in it can interleave.',
    )}`.html;
  }
  const coroutines = selection.coroutines ?? OVERVIEW_PAGE;
  const index = clamp(selection.hazard, model.hazards.length);
  const hazard = model.hazards[index];
  if (!hazard) {
    return html`${heading}${emptyState(
      'No interleaving hazards',
      'No coroutine reads shared state before a suspension point and uses it after one while another coroutine writes that state.',
    )}${renderOverview(model, undefined, coroutines)}`.html;
  }
  const step = clamp(selection.step, hazard.steps.length);
  return html`${heading}
<div class="layout">
${renderHazardList(model.hazards, index, selection.list ?? INITIAL_LIST, model.omitted?.hazards ?? 0)}
<main class="hazard" data-steps="${hazard.steps.length}">
${renderHazardSummary(model, hazard)}
${renderStepper(hazard, step)}
<div class="diagram-scroll">${renderDiagram(model, hazard, step)}</div>
</main>
</div>
${renderLegend()}
${renderOverview(model, hazard, coroutines)}`.html;
}

/** The last good drawing kept during a syntax error: said plainly, since its lines may have moved. */
function staleNote(stale: StaleNote): Markup {
  return html`<p class="banner stale-note" role="status"><b>Line ${String(stale.line)}: ${stale.message}.</b> This is the drawing from before the edit; its line numbers may be out of date, so stepping does not select lines in the editor until the file parses again.</p>`;
}

/** What the host left out of a file larger than the panel's limits. */
function limitNote(model: InterleavingView): Markup | null {
  const omitted = model.omitted;
  if (!omitted) return null;
  const parts = [
    omitted.hazards > 0 ? `the first ${model.hazards.length.toLocaleString('en')} of ${(model.hazards.length + omitted.hazards).toLocaleString('en')} hazards` : null,
    omitted.coroutines > 0 ? `the first ${model.coroutines.length.toLocaleString('en')} of ${(model.coroutines.length + omitted.coroutines).toLocaleString('en')} coroutines` : null,
  ].filter((p): p is string => p !== null);
  return html`<p class="banner limit-note" role="note"><b>This file is larger than the panel draws:</b> it shows ${parts.join(' and ')}. <code>concept-lenses interleavings FILE --json</code> lists every hazard.</p>`;
}

function emptyState(title: string, message: string): Markup {
  return html`<section class="empty" role="status"><div class="empty-icon" aria-hidden="true">⇄</div><h2>${title}</h2><p>${message}</p></section>`;
}

function clamp(index: number, length: number): number {
  return Math.max(0, Math.min(index, length - 1));
}
