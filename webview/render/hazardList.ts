// The hazards to pick from, grouped by the coroutine they break, each group
// headed by its count and the state its hazards are about. However many
// hazards a file has, the markup stays bounded: groups open only when they
// hold the selected hazard (or the whole list is short) or the user opens
// them, and each open group, like the list of groups, shows one page at a
// time — plus the selected hazard, wherever it lies.
import type { HazardView } from '../protocol';
import { KIND_TITLES } from './describe';
import { html, type Markup } from './markup';

/** Items of an open group, and groups, shown per page. */
export const LIST_PAGE = 50;
/** Up to this many hazards every group starts open. */
const SHORT_LIST = 12;
/** Variables named in a group's heading before "…". */
const HEADING_VARIABLES = 3;

export interface HazardGroup {
  /** The coroutine the group's hazards break (dotted name). */
  readonly function: string;
  /** Indices into the model's hazards, in the model's order. */
  readonly hazards: readonly number[];
  /** Each variable with its number of hazards, most first. */
  readonly variables: readonly (readonly [string, number])[];
}

/** What the user did to the list: groups opened or closed, and pages shown; keyed by function name, so it survives edits. */
export interface ListView {
  readonly toggled: ReadonlyMap<string, boolean>;
  /** Items shown in a group (default LIST_PAGE). */
  readonly shown: ReadonlyMap<string, number>;
  /** Groups shown (default LIST_PAGE). */
  readonly groups: number;
}

export const INITIAL_LIST: ListView = { toggled: new Map(), shown: new Map(), groups: LIST_PAGE };

const grouped = new WeakMap<readonly HazardView[], readonly HazardGroup[]>();

/** The groups in order of their first hazard; computed once per list of hazards. */
export function groupHazards(hazards: readonly HazardView[]): readonly HazardGroup[] {
  const known = grouped.get(hazards);
  if (known) return known;
  const byFunction = new Map<string, number[]>();
  hazards.forEach((h, i) => {
    const list = byFunction.get(h.function);
    if (list) list.push(i);
    else byFunction.set(h.function, [i]);
  });
  const groups = [...byFunction].map(([fn, indices]) => {
    const counts = new Map<string, number>();
    for (const i of indices) {
      const v = hazards[i]?.variable ?? '';
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return { function: fn, hazards: indices, variables: [...counts].sort((a, b) => b[1] - a[1]) };
  });
  grouped.set(hazards, groups);
  return groups;
}

/** The hazards in the order the list shows them, for the arrow keys. */
export function listOrder(hazards: readonly HazardView[]): readonly number[] {
  return groupHazards(hazards).flatMap((g) => g.hazards);
}

export function isGroupOpen(group: HazardGroup, list: ListView, selected: number, total: number): boolean {
  return list.toggled.get(group.function) ?? (total <= SHORT_LIST || group.hazards.includes(selected));
}

export function renderHazardList(hazards: readonly HazardView[], selected: number, list: ListView, omitted: number): Markup {
  const groups = groupHazards(hazards);
  const shownGroups = Math.min(list.groups, groups.length);
  // The selected hazard's group is drawn even when it lies beyond the pages shown (a lens picked it).
  const selectedGroup = groups.findIndex((g) => g.hazards.includes(selected));
  const indices = [...Array.from({ length: shownGroups }, (_, i) => i), ...(selectedGroup >= shownGroups ? [selectedGroup] : [])];
  return html`<nav class="hazards" aria-labelledby="hazards-title">
<h2 id="hazards-title">Hazards <span class="count">${String(hazards.length + omitted)}</span></h2>
<ul class="hazard-groups">${indices.map((i) => {
    const group = groups[i];
    return group ? renderGroup(hazards, group, i, selected, list) : html``;
  })}</ul>
${shownGroups < groups.length ? moreButton('data-more-groups', '', Math.min(LIST_PAGE, groups.length - shownGroups), groups.length, 'coroutines') : null}
</nav>`;
}

function renderGroup(hazards: readonly HazardView[], group: HazardGroup, index: number, selected: number, list: ListView): Markup {
  const open = isGroupOpen(group, list, selected, hazards.length);
  const position = group.hazards.indexOf(selected);
  const shown = Math.min(list.shown.get(group.function) ?? LIST_PAGE, group.hazards.length);
  const items = [...group.hazards.slice(0, shown), ...(position >= shown ? [selected] : [])];
  const variables = group.variables.slice(0, HEADING_VARIABLES).map(([v, n]) => html`<span class="group-var"><code>${v}</code> ${String(n)}</span>`);
  const more = group.variables.length > HEADING_VARIABLES ? html`<span class="group-var">+${String(group.variables.length - HEADING_VARIABLES)} more</span>` : null;
  const label = `${group.function}: ${String(group.hazards.length)} hazard${group.hazards.length === 1 ? '' : 's'}`;
  return html`<li class="hazard-group${position >= 0 ? ' has-selected' : ''}">
<button type="button" class="group-toggle" data-group="${index}" aria-expanded="${open ? 'true' : 'false'}" aria-label="${label}">
<span class="group-chevron" aria-hidden="true"></span><code class="group-fn">${group.function}</code><span class="count">${String(group.hazards.length)}</span>
<span class="group-vars">${variables}${more}</span>
</button>
${open ? html`<ul class="hazard-list" role="listbox" aria-label="Hazards in ${group.function}">${items.map((i) => renderItem(hazards, i, selected))}</ul>
${shown < group.hazards.length ? moreButton('data-more-items', String(index), Math.min(LIST_PAGE, group.hazards.length - shown), group.hazards.length, 'hazards') : null}` : null}
</li>`;
}

function renderItem(hazards: readonly HazardView[], i: number, selected: number): Markup {
  const h = hazards[i];
  if (!h) return html``;
  const isSelected = i === selected;
  // Hazards of one coroutine on one variable differ in who writes it meanwhile.
  const writer = h.interferers[0];
  return html`<li role="option" class="hazard-item kind-${h.kind}${isSelected ? ' is-selected' : ''}" data-hazard="${i}" aria-selected="${isSelected ? 'true' : 'false'}" tabindex="${isSelected ? '0' : '-1'}">
<span class="hz-kind">${KIND_TITLES[h.kind]}</span> <code class="hz-var">${h.variable}</code>
<span class="hz-where">read ${String(h.read)} → suspend ${String(h.suspend)} → ${h.kind === 'lost-update' ? 'write' : 'use'} ${String(h.write)}${writer ? html` · written by <code>${writer.function}</code>` : null}</span>
</li>`;
}

function moreButton(attribute: 'data-more-groups' | 'data-more-items', value: string, next: number, total: number, what: string): Markup {
  const attr = attribute === 'data-more-groups' ? html`data-more-groups=""` : html`data-more-items="${value}"`;
  return html`<button type="button" class="btn btn-more" ${attr}>Show ${String(next)} more (of ${total.toLocaleString('en')} ${what})</button>`;
}
