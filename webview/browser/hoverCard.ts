// The card that shows a mark's code line on hover or keyboard focus. Its text
// comes from the mark's data-code attribute, which the renderer escaped and made
// bidi-safe; it is set with textContent, never parsed as markup.

export class HoverCard {
  private readonly card: HTMLElement;
  private readonly lineLabel: HTMLElement;
  private readonly code: HTMLElement;
  private owner: Element | undefined;

  constructor(container: HTMLElement) {
    this.card = document.createElement('div');
    this.card.className = 'hover-card';
    this.card.setAttribute('role', 'tooltip');
    this.card.hidden = true;
    this.lineLabel = document.createElement('span');
    this.lineLabel.className = 'hover-line';
    this.code = document.createElement('code');
    this.card.append(this.lineLabel, this.code);
    container.append(this.card);
  }

  show(target: Element): void {
    const line = target.getAttribute('data-line');
    const code = target.getAttribute('data-code');
    if (line === null || code === null) return;
    this.owner = target;
    this.lineLabel.textContent = `line ${line}`;
    this.code.textContent = code === '' ? '(blank line)' : code;
    this.card.hidden = false;
    const box = target.getBoundingClientRect();
    const width = Math.min(this.card.offsetWidth, window.innerWidth - 16);
    const left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + window.innerWidth - width - 8));
    const below = box.bottom + 6 + this.card.offsetHeight < window.innerHeight;
    this.card.style.left = `${String(left)}px`;
    this.card.style.top = `${String((below ? box.bottom + 6 : box.top - this.card.offsetHeight - 6) + window.scrollY)}px`;
  }

  hide(target?: Element): void {
    if (target && target !== this.owner) return;
    this.owner = undefined;
    this.card.hidden = true;
  }
}
