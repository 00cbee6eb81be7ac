/**
 * Which docks show, and in which side column, in what order: saved in this browser (localStorage),
 * restored at start, and put back by View → Reset layout. Pure functions here; the store below
 * holds the live layout.
 */
import { createStore } from 'zustand/vanilla';

export const DOCKS = [
  { id: 'scenes', label: 'Scenes' },
  { id: 'sources', label: 'Sources' },
  { id: 'mixer', label: 'Audio Mixer' },
  { id: 'controls', label: 'Controls' },
  { id: 'properties', label: 'Properties' },
] as const;
export type DockId = (typeof DOCKS)[number]['id'];
export type Side = 'left' | 'right';

export interface DockLayout {
  left: DockId[];
  right: DockId[];
  hidden: DockId[];
}

export const DEFAULT_LAYOUT: DockLayout = { left: ['scenes', 'sources', 'mixer'], right: ['controls', 'properties'], hidden: [] };
export const LAYOUT_KEY = 'broadcast-studio.dock-layout.v1';

const isDock = (x: unknown): x is DockId => DOCKS.some((d) => d.id === x);

/** A saved layout, repaired: unknown ids dropped, each dock exactly once (a missing one goes back where it was by default). */
export function parseLayout(text: string | null): DockLayout {
  if (!text) return DEFAULT_LAYOUT;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return DEFAULT_LAYOUT;
  }
  if (!raw || typeof raw !== 'object') return DEFAULT_LAYOUT;
  const r = raw as Record<string, unknown>;
  const seen = new Set<DockId>();
  const list = (v: unknown): DockId[] => (Array.isArray(v) ? v.filter(isDock).filter((id) => !seen.has(id) && seen.add(id)) : []);
  const out: DockLayout = { left: list(r['left']), right: list(r['right']), hidden: [] };
  out.hidden = (Array.isArray(r['hidden']) ? r['hidden'] : []).filter(isDock).filter((id, i, a) => a.indexOf(id) === i && seen.has(id));
  for (const side of ['left', 'right'] as const) for (const id of DEFAULT_LAYOUT[side]) if (!seen.has(id)) out[side].push(id);
  return out;
}

export const sideOf = (l: DockLayout, id: DockId): Side => (l.left.includes(id) ? 'left' : 'right');

export function setVisible(l: DockLayout, id: DockId, visible: boolean): DockLayout {
  const hidden = l.hidden.filter((h) => h !== id);
  return { ...l, hidden: visible ? hidden : [...hidden, id] };
}

/** Moves a dock to the end of the other column (it shows there, if it was hidden). */
export function moveToOtherSide(l: DockLayout, id: DockId): DockLayout {
  const from = sideOf(l, id);
  const to: Side = from === 'left' ? 'right' : 'left';
  return { ...l, [from]: l[from].filter((d) => d !== id), [to]: [...l[to], id], hidden: l.hidden.filter((h) => h !== id) } as DockLayout;
}

/** Moves a dock one place up (-1) or down (+1) in its column. */
export function moveWithin(l: DockLayout, id: DockId, step: -1 | 1): DockLayout {
  const side = sideOf(l, id);
  const list = [...l[side]];
  const i = list.indexOf(id);
  const j = i + step;
  if (j < 0 || j >= list.length) return l;
  [list[i], list[j]] = [list[j]!, list[i]!];
  return { ...l, [side]: list } as DockLayout;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The live layout; every change is saved. */
export const dockStore = createStore<DockLayout>()(() => parseLayout(storage()?.getItem(LAYOUT_KEY) ?? null));
dockStore.subscribe((l) => {
  try {
    storage()?.setItem(LAYOUT_KEY, JSON.stringify(l));
  } catch {
    // A full or refused storage only means the layout is not remembered.
  }
});
