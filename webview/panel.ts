// The interleaving panel in the browser: draws the content the host sends (or
// the standalone file embeds) with the pure renderer, then lets the user pick a
// hazard and walk its steps with the stepper, the mouse or the keyboard.
// Keyboard focus stays in the panel: only a click on a line link moves it to
// the editor, so ←/→/Space keep stepping and never type into the code.
import { connectHost } from './browser/host';
import { HoverCard } from './browser/hoverCard';
import { ListPages } from './browser/listPages';
import { showNotice } from './browser/notice';
import { Player, showStep } from './browser/stepper';
import { hazardKey, type HazardView, type HostMessage, type PanelContent } from './protocol';
import { listOrder } from './render/hazardList';
import { renderPanel } from './render/panelView';

const NOTICE_MS = 4000;

const host = connectHost();
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('interleaving panel: #root is missing');
const root: HTMLElement = rootElement;
const hover = new HoverCard(document.body);
const player = new Player(root);

let content: PanelContent | undefined;
let lastDrawn = '';
let documentUri: string | null = null;
let hazardIndex = 0;
let step = Number.MAX_SAFE_INTEGER;
let nextRequest = 1;
const pages = new ListPages();
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

/** During a syntax error the drawing's lines may have moved: it must not point the editor at them. */
function isStale(): boolean {
  return content?.kind === 'model' && content.stale !== undefined;
}

function saveState(): void {
  const hazard = currentHazard();
  host.saveState({ documentUri, hazard: hazard ? hazardKey(hazard) : null, step: Math.min(step, lastStep()) });
}

function render(): void {
  if (!content) return;
  const focused = focusKey(document.activeElement);
  hover.hide();
  root.innerHTML = renderPanel(content, {
    hazard: hazardIndex,
    step,
    list: pages.list,
    coroutines: pages.coroutines,
  });
  if (focused) root.querySelector<HTMLElement>(focused)?.focus();
}

/** A selector that finds the focused control again after a re-render. */
function focusKey(element: Element | null): string | undefined {
  if (!(element instanceof HTMLElement) || !root.contains(element)) return undefined;
  const action = element.dataset['action'];
  if (action) return `[data-action="${action}"]`;
  if (element.classList.contains('hazard-item')) return '.hazard-item.is-selected';
  const group = element.dataset['group'];
  if (group) return `[data-group="${group}"]`;
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

/** A message the panel could not read: never leave "Reading the file…" standing without a word. */
function onInvalidMessage(): void {
  if (content) return;
  const text = 'The panel could not read what it was sent (too large or malformed); reopen it, or run `concept-lenses interleavings FILE --json`.';
  if (root.querySelector('.loading')) {
    root.innerHTML = '';
    const empty = document.createElement('section');
    empty.className = 'empty';
    empty.setAttribute('role', 'alert');
    const heading = document.createElement('h2');
    heading.textContent = 'Nothing to draw';
    const words = document.createElement('p');
    words.textContent = text;
    empty.append(heading, words);
    root.append(empty);
  } else {
    showNotice(text, NOTICE_MS * 3);
  }
}

function selectHazard(index: number, focus: boolean): void {
  const list = hazards();
  if (list.length === 0) return;
  player.stop();
  hazardIndex = Math.max(0, Math.min(index, list.length - 1));
  const hazard = currentHazard();
  wantedHazard = hazard ? hazardKey(hazard) : null;
  pages.reveal(list, hazardIndex);
  step = lastStep();
  render();
  if (focus) root.querySelector<HTMLElement>('.hazard-item.is-selected')?.focus();
  saveState();
}

function setStep(next: number): void {
  const hazard = currentHazard();
  if (!hazard) return;
  step = Math.max(0, Math.min(next, lastStep()));
  showStep(root, step);
  if (!isStale()) host.post({ type: 'highlight', line: hazard.steps[step]?.line ?? null });
  saveState();
}

function stepper(action: string): void {
  if (action === 'play') {
    if (player.playing) {
      player.stop();
      return;
    }
    if (!currentHazard()) return;
    if (step >= lastStep()) setStep(0);
    player.start(() => {
      if (step >= lastStep()) return false;
      setStep(step + 1);
      return step < lastStep();
    });
    return;
  }
  player.stop();
  if (action === 'first') setStep(0);
  else if (action === 'previous') setStep(step - 1);
  else if (action === 'next') setStep(step + 1);
  else if (action === 'last') setStep(lastStep());
}

function reveal(line: number, focus: boolean): void {
  if (!host.connected) return;
  if (isStale()) {
    showNotice('The file does not parse right now, so its lines may have moved: fix the syntax error first.', NOTICE_MS);
    return;
  }
  host.post({ type: 'reveal', id: nextRequest++, line, focus });
}

root.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : undefined;
  if (!target) return;
  const action = target.closest<HTMLElement>('[data-action]')?.dataset['action'];
  if (action) {
    stepper(action);
    return;
  }
  if (pages.click(target, hazards(), hazardIndex)) {
    render();
    return;
  }
  const item = target.closest<HTMLElement>('.hazard-item');
  if (item) {
    selectHazard(Number(item.dataset['hazard']), true);
    return;
  }
  // A step's marker or row moves the stepper (which selects its line); its line link also shows the editor.
  const stepElement = target.closest('.hazard [data-step]');
  if (stepElement && !target.closest('.step-line')) {
    player.stop();
    setStep(Number(stepElement.getAttribute('data-step')));
    return;
  }
  const lineElement = target.closest('[data-line]');
  if (lineElement) reveal(Number(lineElement.getAttribute('data-line')), true);
});

/** Where ↑/↓/Home/End on a hazard of the list go, in the order the list shows them. */
function listMove(key: string): number | undefined {
  const order = listOrder(hazards());
  const at = order.indexOf(hazardIndex);
  const moves: Record<string, number | undefined> = {
    ArrowDown: order[Math.min(at + 1, order.length - 1)],
    ArrowUp: order[Math.max(at - 1, 0)],
    Home: order[0],
    End: order.at(-1),
  };
  return moves[key];
}

// On the document, so the keys work before anything in the panel has focus.
document.addEventListener('keydown', (event) => {
  const target = event.target instanceof HTMLElement ? event.target : undefined;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  if (target?.classList.contains('hazard-item')) {
    const to = listMove(event.key);
    if (to !== undefined) {
      event.preventDefault();
      selectHazard(to, true);
      return;
    }
    if (event.key === 'Enter') {
      // Shows where the hazard starts, and leaves the keys with the panel.
      event.preventDefault();
      reveal(currentHazard()?.read ?? 1, false);
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

host.listen(onHostMessage, onInvalidMessage);
host.post({ type: 'ready' });
