// The selected hazard's summary and the stepper that walks its steps.
import type { HazardView, InterleavingView } from '../protocol';
import { KIND_EXPLANATIONS, KIND_TITLES, sourceLine } from './describe';
import { html, type Markup } from './markup';

export function renderHazardSummary(model: InterleavingView, hazard: HazardView): Markup {
  return html`<div class="summary">
<p class="summary-title"><span class="hz-kind kind-${hazard.kind}">${KIND_TITLES[hazard.kind]}</span> of <code>${hazard.variable}</code> in <button type="button" class="link" data-line="${hazard.read}" data-code="${sourceLine(model, hazard.read)}">${hazard.function}</button></p>
<p class="muted">${capitalise(KIND_EXPLANATIONS[hazard.kind])}.${hazard.interferers.length > 0 ? html` Written meanwhile by ${joinMarkup(hazard.interferers.map((w) => html`${w.function === hazard.function ? 'another instance of ' : ''}<button type="button" class="link" data-line="${w.line}" data-code="${sourceLine(model, w.line)}">${w.function}</button> (line ${String(w.line)})`))}.` : null}</p>
</div>`;
}

const ICONS: Readonly<Record<string, string>> = {
  first: 'M3,2 h2 v12 h-2 z M14,2 v12 l-8,-6 z',
  previous: 'M12,2 v12 l-9,-6 z',
  play: 'M4,2 v12 l10,-6 z',
  next: 'M4,2 v12 l9,-6 z',
  last: 'M11,2 h2 v12 h-2 z M2,2 v12 l8,-6 z',
};

/** A stepper button's icon; panel.ts swaps play for pause with the same helper. */
export function stepperIcon(name: 'first' | 'previous' | 'play' | 'pause' | 'next' | 'last'): Markup {
  const d = name === 'pause' ? 'M3,2 h3.5 v12 h-3.5 z M9.5,2 h3.5 v12 h-3.5 z' : (ICONS[name] ?? '');
  return html`<svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><path d="${d}"/></svg>`;
}

export function renderStepper(hazard: HazardView, current: number): Markup {
  const total = hazard.steps.length;
  const button = (action: 'first' | 'previous' | 'play' | 'next' | 'last', label: string, key: string): Markup =>
    html`<button type="button" class="btn${action === 'play' ? ' btn-play' : ''}" data-action="${action}" title="${label} (${key})" aria-label="${label}"${action === 'play' ? html` aria-pressed="false"` : null}>${stepperIcon(action)}</button>`;
  return html`<div class="stepper" role="toolbar" aria-label="Step through the interleaving">
${button('first', 'First step', 'Home')}${button('previous', 'Previous step', '←')}${button('play', 'Play', 'Space')}${button('next', 'Next step', '→')}${button('last', 'Last step', 'End')}
<span class="step-status" aria-live="polite">Step <b class="step-now">${String(Math.min(current + 1, total))}</b> of ${String(total)}</span>
</div>`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function joinMarkup(items: readonly Markup[]): Markup[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [html`, `, item]));
}
