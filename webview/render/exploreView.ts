// The schedules panel as markup: the explored outcomes side by side, each as
// the real schedule of one of its runs in one lane per task (the static
// drawing's lanes), every step with the lines it ran and the values it read and
// wrote. Pure: the page script only sets innerHTML and moves the current step.
import type { ExploreContent, ExploreOutcomeView, ExploreStepView, ExploreView } from '../protocol';
import { html, type Markup } from './markup';

export function renderExplore(content: ExploreContent): string {
  if (content.kind === 'running') return html`<p class="notice running" role="status">${content.message}</p>`.html;
  if (content.kind === 'empty') return html`<p class="notice">${content.message}</p>`.html;
  return renderView(content.view).html;
}

function renderView(view: ExploreView): Markup {
  const runs = `${String(view.runs)} run${view.runs === 1 ? '' : 's'}`;
  const space = view.exhausted ? 'every schedule explored' : 'budget reached before every schedule was explored';
  const count = view.outcomes.length;
  return html`<header>
      <h1>Schedules: ${view.file}</h1>
      <p class="summary">${runs} (${space}): <strong>${String(count)} outcome${count === 1 ? '' : 's'}</strong></p>
      ${view.stopped === null ? null : html`<p class="stopped" role="alert">${view.stopped}</p>`}
      ${view.hazards.length === 0 ? null : html`<ul class="verdicts">${view.hazards.map((h) => html`<li class="verdict ${h.status}"><a href="#" data-line="${String(h.line)}">line ${String(h.line)}</a>: ${h.text}</li>`)}</ul>`}
    </header>
    <div class="outcomes">${view.outcomes.map((o, i) => renderOutcome(o, i))}</div>`;
}

function renderOutcome(outcome: ExploreOutcomeView, index: number): Markup {
  // One element per printed line: escaping shows a newline inside a string as a visible code.
  const lines = outcome.stdout.replace(/\n$/, '').split('\n');
  const printed =
    outcome.stdout === ''
      ? html`<span class="nothing">prints nothing</span>`
      : html`<div class="stdout">${lines.map((l) => html`<div class="out-line">${l}</div>`)}</div>`;
  return html`<section class="outcome" data-outcome="${String(index)}" tabindex="0" aria-label="Outcome ${String(index + 1)}">
    <h2>Outcome ${String(index + 1)} <span class="count">${String(outcome.count)} run${outcome.count === 1 ? '' : 's'}</span></h2>
    ${printed}
    ${outcome.exception === null ? null : html`<p class="exception">${outcome.exception}</p>`}
    <div class="stepper">
      <button type="button" data-step="-1" aria-label="Previous step">◀</button>
      <span class="position" aria-live="polite">${outcome.steps.length === 0 ? 'no steps' : `step 0 of ${String(outcome.steps.length)}`}</span>
      <button type="button" data-step="1" aria-label="Next step">▶</button>
    </div>
    <table class="lanes">
      <thead><tr>${outcome.tasks.map((t) => html`<th scope="col">${t}</th>`)}</tr></thead>
      <tbody>${outcome.steps.map((s, i) => renderStep(s, i, outcome.tasks))}</tbody>
    </table>
    ${outcome.omitted > 0 ? html`<p class="omitted">… ${String(outcome.omitted)} more steps not drawn</p>` : null}
  </section>`;
}

function renderStep(step: ExploreStepView, index: number, tasks: readonly string[]): Markup {
  const lane = tasks.indexOf(step.task);
  const cells = tasks.map((_, i) => (i === lane ? html`<td class="step">${stepCard(step)}</td>` : html`<td></td>`));
  return html`<tr data-index="${String(index)}" data-line="${String(step.line)}">${cells}</tr>`;
}

function stepCard(step: ExploreStepView): Markup {
  const lines = step.lines.length > 6 ? `${step.lines.slice(0, 6).join(', ')}, …` : step.lines.join(', ');
  return html`<div class="lines">line${step.lines.length === 1 ? '' : 's'} ${lines}</div>
    ${step.writes.map((w) => html`<div class="write"><code>${w.name}</code> ${w.before} → ${w.after}</div>`)}
    ${step.reads.slice(0, 4).map((r) => html`<div class="read">reads <code>${r.name}</code> = ${r.value}</div>`)}`;
}
