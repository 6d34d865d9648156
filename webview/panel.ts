// The interleaving panel in the browser: draws the content the host sends (or
// the standalone file embeds) with the pure renderer, then lets the user pick a
// hazard and walk its steps with the stepper, the mouse or the keyboard.
import { connectHost } from './browser/host';
import { HoverCard } from './browser/hoverCard';
import { showNotice } from './browser/notice';
import { hazardKey, type HazardView, type HostMessage, type PanelContent } from './protocol';
import { stepState } from './render/diagram';
import { stepperIcon } from './render/hazards';
import { renderPanel } from './render/panelView';

const PLAY_INTERVAL_MS = 1100;
const NOTICE_MS = 4000;
const STEP_STATES = ['is-past', 'is-current', 'is-future'] as const;

const host = connectHost();
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('interleaving panel: #root is missing');
const root: HTMLElement = rootElement;
const hover = new HoverCard(document.body);

let content: PanelContent | undefined;
let lastDrawn = '';
let documentUri: string | null = null;
let hazardIndex = 0;
let step = Number.MAX_SAFE_INTEGER;
let playTimer: ReturnType<typeof setInterval> | undefined;
let nextRequest = 1;
const restored = host.restoreState();
let wantedHazard = restored?.hazard ?? null;
if (restored) step = restored.step;

function hazards(): readonly HazardView[] {
  return content?.kind === 'model' ? content.model.hazards : [];
}

function currentHazard(): HazardView | undefined {
  return hazards()[hazardIndex];
}

function lastStep(): number {
  return Math.max(0, (currentHazard()?.steps.length ?? 1) - 1);
}

function saveState(): void {
  const hazard = currentHazard();
  host.saveState({ documentUri, hazard: hazard ? hazardKey(hazard) : null, step: Math.min(step, lastStep()) });
}

function render(): void {
  if (!content) return;
  const focused = focusKey(document.activeElement);
  hover.hide();
  root.innerHTML = renderPanel(content, { hazard: hazardIndex, step });
  if (focused) root.querySelector<HTMLElement>(focused)?.focus();
}

/** A selector that finds the focused control again after a re-render. */
function focusKey(element: Element | null): string | undefined {
  if (!(element instanceof HTMLElement) || !root.contains(element)) return undefined;
  const action = element.dataset['action'];
  if (action) return `[data-action="${action}"]`;
  if (element.classList.contains('hazard-item')) return '.hazard-item.is-selected';
  return undefined;
}

function onHostMessage(message: HostMessage): void {
  switch (message.type) {
    case 'update': {
      // Edits that change nothing drawn (comments, spacing) leave the DOM alone.
      const drawn = JSON.stringify(message.content);
      if (drawn === lastDrawn && message.documentUri === documentUri) return;
      lastDrawn = drawn;
      content = message.content;
      documentUri = message.documentUri;
      const list = hazards();
      const found = wantedHazard === null ? -1 : list.findIndex((h) => hazardKey(h) === wantedHazard);
      if (found >= 0) hazardIndex = found;
      else if (wantedHazard !== null) step = Number.MAX_SAFE_INTEGER; // that hazard is gone: show the new one whole
      hazardIndex = Math.max(0, Math.min(hazardIndex, list.length - 1));
      step = Math.min(step, lastStep());
      const hazard = currentHazard();
      wantedHazard = hazard ? hazardKey(hazard) : null;
      render();
      saveState();
      return;
    }
    case 'selectHazard':
      selectHazard(message.index, false);
      return;
    case 'revealResult':
      if (!message.ok) showNotice(message.message, NOTICE_MS);
  }
}

function selectHazard(index: number, focus: boolean): void {
  const list = hazards();
  if (list.length === 0) return;
  stopPlaying();
  hazardIndex = Math.max(0, Math.min(index, list.length - 1));
  const hazard = currentHazard();
  wantedHazard = hazard ? hazardKey(hazard) : null;
  step = lastStep();
  render();
  if (focus) root.querySelector<HTMLElement>('.hazard-item.is-selected')?.focus();
  saveState();
}

/** Moves the stepper: only classes change, so focus and scroll stay put. */
function setStep(next: number, highlight = true): void {
  const hazard = currentHazard();
  if (!hazard) return;
  step = Math.max(0, Math.min(next, lastStep()));
  for (const element of root.querySelectorAll('.hazard [data-step]')) {
    const own = Number(element.getAttribute('data-step'));
    element.classList.remove(...STEP_STATES);
    element.classList.add(stepState(own, step));
    if (element.classList.contains('step-row')) {
      if (own === step) element.setAttribute('aria-current', 'step');
      else element.removeAttribute('aria-current');
    }
  }
  const now = root.querySelector('.step-now');
  if (now) now.textContent = String(step + 1);
  if (highlight) host.post({ type: 'highlight', line: hazard.steps[step]?.line ?? null });
  saveState();
}

function togglePlay(): void {
  if (playTimer !== undefined) {
    stopPlaying();
    return;
  }
  if (!currentHazard()) return;
  if (step >= lastStep()) setStep(0);
  setPlayButton(true);
  playTimer = setInterval(() => {
    if (step >= lastStep()) stopPlaying();
    else setStep(step + 1);
  }, PLAY_INTERVAL_MS);
}

function stopPlaying(): void {
  if (playTimer === undefined) return;
  clearInterval(playTimer);
  playTimer = undefined;
  setPlayButton(false);
}

function setPlayButton(playing: boolean): void {
  const button = root.querySelector('[data-action="play"]');
  if (!button) return;
  button.setAttribute('aria-pressed', String(playing));
  button.setAttribute('aria-label', playing ? 'Pause' : 'Play');
  button.setAttribute('title', playing ? 'Pause (Space)' : 'Play (Space)');
  button.innerHTML = stepperIcon(playing ? 'pause' : 'play').html;
}

function stepper(action: string): void {
  if (action === 'play') {
    togglePlay();
    return;
  }
  stopPlaying();
  if (action === 'first') setStep(0);
  else if (action === 'previous') setStep(step - 1);
  else if (action === 'next') setStep(step + 1);
  else if (action === 'last') setStep(lastStep());
}

function reveal(line: number): void {
  if (host.connected) host.post({ type: 'reveal', id: nextRequest++, line });
}

root.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : undefined;
  if (!target) return;
  const action = target.closest<HTMLElement>('[data-action]')?.dataset['action'];
  if (action) {
    stepper(action);
    return;
  }
  const item = target.closest<HTMLElement>('.hazard-item');
  if (item) {
    selectHazard(Number(item.dataset['hazard']), true);
    return;
  }
  const stepElement = target.closest('.hazard [data-step]');
  if (stepElement) {
    stopPlaying();
    setStep(Number(stepElement.getAttribute('data-step')));
  }
  const lineElement = target.closest('[data-line]');
  // A click on a step's row only moves the stepper; its marker and line link reveal too.
  if (lineElement && !lineElement.classList.contains('step-row')) reveal(Number(lineElement.getAttribute('data-line')));
});

// On the document, so the keys work before anything in the panel has focus.
document.addEventListener('keydown', (event) => {
  const target = event.target instanceof HTMLElement ? event.target : undefined;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  if (target?.classList.contains('hazard-item')) {
    const moves: Record<string, number> = { ArrowDown: hazardIndex + 1, ArrowUp: hazardIndex - 1, Home: 0, End: hazards().length - 1 };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      selectHazard(to, true);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      reveal(currentHazard()?.read ?? 1);
      return;
    }
  }
  const keys: Record<string, string> = { ArrowRight: 'next', ArrowLeft: 'previous', Home: 'first', End: 'last' };
  const action = keys[event.key] ?? (event.key === ' ' && target?.tagName !== 'BUTTON' ? 'play' : undefined);
  if (action && currentHazard()) {
    event.preventDefault();
    stepper(action);
  }
});

for (const [type, show] of [
  ['mouseover', true],
  ['focusin', true],
  ['mouseout', false],
  ['focusout', false],
] as const) {
  root.addEventListener(type, (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-code]') : null;
    if (!target) return;
    if (show) hover.show(target);
    else hover.hide(target);
  });
}

host.listen(onHostMessage);
host.post({ type: 'ready' });
