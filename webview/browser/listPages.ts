// What the user opened and paged in the interleaving panel: groups of the
// hazard list opened or closed, more hazards or groups shown, more coroutine
// lanes shown. Kept by function name, so it survives the redraw after an edit.
import type { HazardView } from '../protocol';
import { groupHazards, isGroupOpen, LIST_PAGE, type ListView } from '../render/hazardList';
import { OVERVIEW_PAGE } from '../render/overview';

export class ListPages {
  private readonly toggled = new Map<string, boolean>();
  private readonly shown = new Map<string, number>();
  private groups = LIST_PAGE;
  coroutines = OVERVIEW_PAGE;

  get list(): ListView {
    return { toggled: this.toggled, shown: this.shown, groups: this.groups };
  }

  /** Makes sure the group of hazard `index` is not held closed (picking a hazard opens its group). */
  reveal(hazards: readonly HazardView[], index: number): void {
    const group = groupHazards(hazards).find((g) => g.hazards.includes(index));
    if (group && this.toggled.get(group.function) === false) this.toggled.delete(group.function);
  }

  /** Acts on a click on a group's toggle or a "show more" button; false when `target` is none of them. */
  click(target: Element, hazards: readonly HazardView[], selected: number): boolean {
    const groups = groupHazards(hazards);
    const group = groups[Number(target.closest<HTMLElement>('.group-toggle')?.dataset['group'])];
    const more = groups[Number(target.closest<HTMLElement>('[data-more-items]')?.dataset['moreItems'])];
    if (group) this.toggled.set(group.function, !isGroupOpen(group, this.list, selected, hazards.length));
    else if (more) this.shown.set(more.function, (this.shown.get(more.function) ?? LIST_PAGE) + LIST_PAGE);
    else if (target.closest('[data-more-groups]')) this.groups += LIST_PAGE;
    else if (target.closest('[data-more-coroutines]')) this.coroutines += OVERVIEW_PAGE;
    else return false;
    return true;
  }
}
