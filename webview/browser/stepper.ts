// The stepper's moves on the drawn DOM: only classes and a counter change, so
// a step costs the same however large the file, and focus and scroll stay put.
import { stepState } from '../render/diagram';
import { stepperIcon } from '../render/hazards';

const STEP_STATES = ['is-past', 'is-current', 'is-future'] as const;
const PLAY_INTERVAL_MS = 1100;

/** Marks every element of the drawn hazard as past, current or future for step `step`. */
export function showStep(root: HTMLElement, step: number): void {
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
}

/** Play/pause: calls `advance` on a timer until it returns false. */
export class Player {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly root: HTMLElement) {}

  get playing(): boolean {
    return this.timer !== undefined;
  }

  start(advance: () => boolean): void {
    this.stop();
    this.setButton(true);
    this.timer = setInterval(() => {
      if (!advance()) this.stop();
    }, PLAY_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.setButton(false);
  }

  private setButton(playing: boolean): void {
    const button = this.root.querySelector('[data-action="play"]');
    if (!button) return;
    button.setAttribute('aria-pressed', String(playing));
    button.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    button.setAttribute('title', playing ? 'Pause (Space)' : 'Play (Space)');
    button.innerHTML = stepperIcon(playing ? 'pause' : 'play').html;
  }
}
