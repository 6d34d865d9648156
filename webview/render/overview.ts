// Every coroutine as a lane of atomic segments split at its suspension points,
// each segment with the shared state it reads (R) and writes (W).
import type { AccessView, CoroutineView, HazardView, InterleavingView } from '../protocol';
import { COROUTINE_WORDS, plural, sourceLine, SUSPENSION_WORDS } from './describe';
import { html, type Markup } from './markup';

/** Coroutines shown per page: the lanes of a large file come a page at a time. */
export const OVERVIEW_PAGE = 50;

export function renderOverview(model: InterleavingView, hazard: HazardView | undefined, shown = OVERVIEW_PAGE): Markup {
  const involved = new Set(hazard?.steps.map((s) => s.function) ?? []);
  const total = model.coroutines.length + (model.omitted?.coroutines ?? 0);
  const rest = model.coroutines.length - shown;
  return html`<section class="overview" aria-labelledby="overview-title">
<h2 id="overview-title">Coroutines <span class="count">${String(total)}</span></h2>
<ol class="lanes">${model.coroutines.slice(0, shown).map((c) => lane(model, c, involved.has(c.name), hazard))}</ol>
${rest > 0 ? html`<button type="button" class="btn btn-more" data-more-coroutines="">Show ${String(Math.min(OVERVIEW_PAGE, rest))} more (of ${model.coroutines.length.toLocaleString('en')} coroutines)</button>` : null}
</section>`;
}

function lane(model: InterleavingView, coroutine: CoroutineView, involved: boolean, hazard: HazardView | undefined): Markup {
  const parts: Markup[] = [];
  coroutine.segments.forEach((segment, i) => {
    const range = segment.startLine === segment.endLine ? String(segment.startLine) : `${String(segment.startLine)}–${String(segment.endLine)}`;
    parts.push(html`<li class="seg"><button type="button" class="seg-lines link" data-line="${segment.startLine}" data-code="${sourceLine(model, segment.startLine)}" title="Atomic segment, lines ${range}">${range}</button>${segment.accesses.map((a) => access(model, a, hazard))}${segment.accesses.length === 0 ? html`<span class="no-access">no shared state</span>` : null}</li>`);
    const suspension = coroutine.suspensions[i];
    if (suspension) {
      parts.push(html`<li class="susp"><button type="button" class="susp-mark link" data-line="${suspension.line}" data-code="${sourceLine(model, suspension.line)}" aria-label="${SUSPENSION_WORDS[suspension.kind]} on line ${suspension.line}"><span class="pause" aria-hidden="true"></span>${SUSPENSION_WORDS[suspension.kind]}</button></li>`);
    }
  });
  return html`<li class="lane${involved ? ' is-involved' : ''}">
<div class="lane-title"><button type="button" class="link fn-name" data-line="${coroutine.line}" data-code="${sourceLine(model, coroutine.line)}">${coroutine.name}</button><span class="muted">${COROUTINE_WORDS[coroutine.kind]} · line ${String(coroutine.line)} · ${plural(coroutine.suspensions.length, 'suspension point')}</span></div>
<ol class="segments">${parts}</ol>
</li>`;
}

function access(model: InterleavingView, a: AccessView, hazard: HazardView | undefined): Markup {
  const hot = hazard?.variable === a.variable ? ' is-hazard-var' : '';
  const letter = a.kind === 'read' ? 'R' : 'W';
  const locked = a.locks.length > 0 ? ` under ${a.locks.join(', ')}` : '';
  return html`<button type="button" class="access acc-${a.kind}${hot} link" data-line="${a.line}" data-code="${sourceLine(model, a.line)}" aria-label="${a.kind} ${a.variable} on line ${a.line}${locked}"><span class="acc-letter" aria-hidden="true">${letter}</span>${a.variable}${a.locks.length > 0 ? html`<span class="lock" title="${`held: ${a.locks.join(', ')}`}">🔒</span>` : null}</button>`;
}
