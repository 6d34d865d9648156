// What each mark of the drawing means.
import { html, type Markup } from './markup';

const ITEMS: readonly (readonly [string, string])[] = [
  ['mk-read', 'reads or checks shared state'],
  ['mk-write', 'writes shared state'],
  ['mk-suspend', 'suspends (await): others may run'],
  ['mk-resume', 'resumes after the await'],
  ['segment', 'atomic segment: runs uninterrupted'],
  ['wait', 'suspended, waiting'],
  ['edge', 'order in which the steps run'],
];

export function renderLegend(): Markup {
  return html`<section class="legend" aria-label="Legend"><ul>${ITEMS.map(([kind, words]) => html`<li><svg class="legend-glyph" viewBox="0 0 28 20" width="28" height="20" aria-hidden="true">${glyph(kind)}</svg>${words}</li>`)}
<li><span class="access acc-read"><span class="acc-letter">R</span>x</span><span class="access acc-write"><span class="acc-letter">W</span>x</span> read / write in a segment</li></ul></section>`;
}

function glyph(kind: string): Markup {
  switch (kind) {
    case 'mk-read':
      return html`<g class="step mk-read"><circle class="mk-shape" cx="14" cy="10" r="7"/></g>`;
    case 'mk-write':
      return html`<g class="step mk-write"><rect class="mk-shape" x="7" y="3" width="14" height="14" rx="3"/></g>`;
    case 'mk-suspend':
      return html`<g class="step mk-suspend"><path class="mk-shape" d="M14,1 L23,10 L14,19 L5,10 z"/></g>`;
    case 'mk-resume':
      return html`<g class="step mk-resume"><circle class="mk-shape" cx="14" cy="10" r="7"/></g>`;
    case 'segment':
      return html`<rect class="segment" x="2" y="2" width="24" height="16" rx="5"/>`;
    case 'wait':
      return html`<g class="wait"><line x1="14" y1="0" x2="14" y2="20"/></g>`;
    default:
      return html`<path class="edge" d="M2,4 C12,4 12,15 20,15"/><path class="arrow-head" d="M19,11 L26,15 L19,19 z"/>`;
  }
}
