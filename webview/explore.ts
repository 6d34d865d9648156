// The schedules panel in the browser: draws the explored outcomes with the pure
// renderer, steps through each outcome's real schedule (buttons, or the arrow
// keys in a focused outcome) and tells the host the current step's line so the
// editor follows the run.
import { connectChannel } from './browser/host';
import { isExploreHostMessage, isExplorePanelState, type ExploreHostMessage, type ExplorePanelMessage, type ExplorePanelState } from './protocol';
import { renderExplore } from './render/exploreView';

const host = connectChannel<ExploreHostMessage, ExplorePanelMessage, ExplorePanelState>(isExploreHostMessage, isExplorePanelState);
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('schedules panel: #root is missing');
const root: HTMLElement = rootElement;

/** The current step of each outcome (-1: none yet). */
let current: number[] = [];

function move(outcome: HTMLElement, by: number): void {
  const index = Number(outcome.dataset['outcome']);
  const rows = outcome.querySelectorAll<HTMLTableRowElement>('tbody tr');
  if (!Number.isSafeInteger(index) || rows.length === 0) return;
  const next = Math.min(rows.length - 1, Math.max(0, (current[index] ?? -1) + by));
  show(outcome, index, next);
}

function show(outcome: HTMLElement, index: number, step: number): void {
  const rows = outcome.querySelectorAll<HTMLTableRowElement>('tbody tr');
  current[index] = step;
  rows.forEach((row, i) => {
    row.classList.toggle('current', i === step);
    row.classList.toggle('done', i < step);
  });
  const row = rows[step];
  const position = outcome.querySelector('.position');
  if (position) position.textContent = `step ${String(step + 1)} of ${String(rows.length)}`;
  row?.scrollIntoView({ block: 'nearest' });
  const line = Number(row?.dataset['line']);
  if (host.connected && Number.isSafeInteger(line) && line >= 1) host.post({ type: 'highlight', line });
}

root.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : undefined;
  const outcome = target?.closest<HTMLElement>('[data-outcome]');
  const button = target?.closest<HTMLElement>('[data-step]');
  if (outcome && button) {
    move(outcome, Number(button.dataset['step']));
    return;
  }
  const row = target?.closest<HTMLTableRowElement>('tbody tr[data-index]');
  if (outcome && row) {
    show(outcome, Number(outcome.dataset['outcome']), Number(row.dataset['index']));
    return;
  }
  const link = target?.closest('a[data-line]');
  const line = Number(link?.getAttribute('data-line'));
  if (link && Number.isSafeInteger(line) && line >= 1) {
    event.preventDefault();
    if (host.connected) host.post({ type: 'reveal', line });
  }
});

root.addEventListener('keydown', (event) => {
  const outcome = event.target instanceof HTMLElement && event.target.matches('[data-outcome]') ? event.target : undefined;
  if (!outcome) return;
  if (event.key === 'ArrowDown' || event.key === 'ArrowRight') move(outcome, 1);
  else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') move(outcome, -1);
  else return;
  event.preventDefault();
});

host.listen((message) => {
  root.innerHTML = renderExplore(message.content);
  current = [];
  if (host.connected) host.post({ type: 'highlight', line: null });
});
host.post({ type: 'ready' });
